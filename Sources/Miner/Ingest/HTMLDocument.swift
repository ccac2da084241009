// The one file that touches libxml2. It parses, copies what extraction needs into a
// `DocumentTree` and frees the C tree; no libxml2 type leaves this file.
internal import CLibXML2
import Foundation

/// An owned libxml2 document (`xmlDocPtr`), freed in `deinit`. Not Sendable: use on one thread.
final class HTMLDocument {
  /// Elements deeper than this are flattened into their text (100,000 nested tags must not
  /// overflow the stack of the walkers that follow).
  static let maximumDepth = 160

  private let doc: xmlDocPtr

  /// Elements whose content is never text of the page.
  private static let skipped = Set(Tag.skippedNames)

  /// `xmlInitParser()` once, before any worker thread parses (PITFALLS.md 9). Never paired
  /// with `xmlCleanupParser()`: FoundationXML shares this libxml2.
  private static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  /// Initialises libxml2 on the calling (main) thread; parsing also does it lazily.
  static func prepare() {
    _ = initialized
    cm_xml_silence_thread()
  }

  /// Parses UTF-8 HTML: recover, no network, no error output, compact text nodes.
  ///
  /// HTML_PARSE_IGNORE_ENC: "ignore internal document encoding hint". The bytes are already
  /// UTF-8 (see `Decoding`); a `<meta charset=gb2312>` must not switch libxml2's decoder.
  /// XML_PARSE_HUGE lifts libxml2's nesting limit of 256, past which the HTML parser silently
  /// stops and the rest of the page is lost. HTML has no entity declarations to amplify, and
  /// pages are capped at `IngestLimits.pageBytes` before they get here; our own copy flattens
  /// below `maximumDepth`.
  init(html utf8: UnsafeBufferPointer<UInt8>, input: String) throws(IngestError) {
    _ = Self.initialized
    // "Error handlers are per thread": silence this one (a no-op when already silent).
    cm_xml_silence_thread()
    guard utf8.count < Int(Int32.max) else {
      throw IngestError(input: input, stage: .parse, reason: "larger than 2 GB")
    }
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue
        | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue)
    guard let ctxt = htmlNewParserCtxt() else {
      throw IngestError(input: input, stage: .parse, reason: "libxml2 cannot allocate a parser")
    }
    defer { htmlFreeParserCtxt(ctxt) }
    let parsed = utf8.baseAddress.flatMap { base in
      base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
        htmlCtxtReadMemory(ctxt, $0, Int32(utf8.count), nil, "UTF-8", options)
      }
    }
    guard let parsed else {
      throw IngestError(input: input, stage: .parse, reason: Self.message(ctxt, "no document"))
    }
    doc = parsed
  }

  /// Parses XML with no network and no entity expansion: no XML_PARSE_NOENT (entities stay
  /// references), no XML_PARSE_DTDLOAD (external subsets are not fetched), no XML_PARSE_HUGE
  /// (libxml2's own amplification limits stay on, which stop billion-laughs documents).
  init(xml utf8: UnsafeBufferPointer<UInt8>, input: String) throws(IngestError) {
    _ = Self.initialized
    cm_xml_silence_thread()
    guard utf8.count < Int(Int32.max) else {
      throw IngestError(input: input, stage: .parse, reason: "larger than 2 GB")
    }
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOCDATA.rawValue)
    guard let ctxt = xmlNewParserCtxt() else {
      throw IngestError(input: input, stage: .parse, reason: "libxml2 cannot allocate a parser")
    }
    defer { xmlFreeParserCtxt(ctxt) }
    let parsed = utf8.baseAddress.flatMap { base in
      base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
        xmlCtxtReadMemory(ctxt, $0, Int32(utf8.count), nil, "UTF-8", options)
      }
    }
    // A document that is not well-formed (or that libxml2 stopped, e.g. at an entity loop) is
    // an error, not a page: libxml2's own message names the reason.
    if ctxt.pointee.wellFormed == 0 || parsed == nil {
      if let parsed { xmlFreeDoc(parsed) }
      throw IngestError(input: input, stage: .parse, reason: Self.message(ctxt, "not well-formed XML"))
    }
    doc = parsed!
  }

  deinit { xmlFreeDoc(doc) }

  private static func message(_ ctxt: xmlParserCtxtPtr, _ fallback: String) -> String {
    guard let raw = ctxt.pointee.lastError.message else { return "libxml2: \(fallback)" }
    let text = String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
    return "libxml2: \(text) (line \(ctxt.pointee.lastError.line))"
  }

  /// The document as a `DocumentTree` under a synthetic `#document` root.
  func tree() -> DocumentTree {
    var builder = TreeBuilder(repairing: false)
    builder.copyDocument(doc)
    // libxml2 hands back the UTF-8 it was given, so its text is valid; should it ever not be,
    // copy again with every piece repaired as `String(cString:)` does (U+FFFD).
    if !builder.valid {
      builder = TreeBuilder(repairing: true)
      builder.copyDocument(doc)
    }
    return builder.tree
  }

  /// Copies the libxml2 tree into flat arrays in one walk (see `DocumentTree`).
  private struct TreeBuilder {
    var tree = DocumentTree()
    let repairing: Bool
    /// False once a text node was not valid UTF-8.
    var valid = true

    init(repairing: Bool) {
      self.repairing = repairing
      tree.nodes.reserveCapacity(2048)
      tree.text.reserveCapacity(16 * 1024)
    }

    mutating func copyDocument(_ doc: xmlDocPtr) {
      tree.nodes.append(DocumentTree.Node(tag: .document, parent: -1, end: 0, textStart: 0, textEnd: 0))
      var node = doc.pointee.children
      while let current = node {
        copy(current, depth: 0, parent: 0)
        node = current.pointee.next
      }
      close(0)
    }

    /// Ends element `i`: its subtree, text range and sizes (children were closed already).
    private mutating func close(_ i: Int) {
      let end = tree.nodes.count
      var chars: Int32 = 0
      var linkChars: Int32 = 0
      var punctuation: Int32 = 0
      var c = i + 1
      while c < end {
        let child = tree.nodes[c]
        chars += child.chars
        punctuation += child.punctuation
        if child.tag == .a { linkChars += child.chars } else { linkChars += child.linkChars }
        c = Int(child.end)
      }
      tree.nodes[i].end = Int32(end)
      tree.nodes[i].textEnd = Int32(tree.text.count)
      tree.nodes[i].chars = chars
      tree.nodes[i].linkChars = linkChars
      tree.nodes[i].punctuation = punctuation
    }

    private mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, parent: Int) {
      guard !bytes.isEmpty else { return }
      let start = tree.text.count
      tree.text.append(contentsOf: bytes)
      let (chars, punctuation, wellFormed) = Cleaning.measure(bytes)
      if !wellFormed { valid = false }
      let i = tree.nodes.count
      tree.nodes.append(
        DocumentTree.Node(
          tag: .text, parent: Int32(parent), end: Int32(i + 1), textStart: Int32(start),
          textEnd: Int32(tree.text.count), chars: Int32(chars), punctuation: Int32(punctuation)))
    }

    private mutating func appendText(_ string: String, parent: Int) {
      var s = string
      s.withUTF8 { appendText($0, parent: parent) }
    }

    private mutating func appendText(cString content: UnsafePointer<xmlChar>, parent: Int) {
      if repairing {
        appendText(String(cString: content), parent: parent)
      } else {
        appendText(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))), parent: parent)
      }
    }

    mutating func copy(_ node: xmlNodePtr, depth: Int, parent: Int) {
      switch node.pointee.type {
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        guard let content = node.pointee.content else { return }
        appendText(cString: content, parent: parent)
      case XML_ELEMENT_NODE:
        let tag = node.pointee.name.map { Tag.of($0) } ?? .other
        if tag == .skipped { return }
        let i = tree.nodes.count
        var element = DocumentTree.Node(
          tag: tag, parent: Int32(parent), end: 0, textStart: Int32(tree.text.count), textEnd: 0)
        var classValue: [UInt8]?
        var idValue: [UInt8]?
        var head = tag == .meta || tag == .link ? DocumentTree.HeadAttributes(node: i) : nil
        var attribute = node.pointee.properties
        while let a = attribute {
          attribute = a.pointee.next
          guard let n = a.pointee.name else { continue }
          switch Attribute.of(n) {
          case .hidden: return  // hidden elements are not page text
          case .style:
            if HTMLDocument.hides(Self.value(a)) { return }
          case .classList where classValue == nil:
            classValue = Self.lowercasedValue(a)
          case .id where idValue == nil:
            idValue = Self.lowercasedValue(a)
          case .content where head != nil && head!.content == nil: head!.content = Self.value(a)
          case .property where head != nil && head!.property == nil: head!.property = Self.value(a)
          case .name where head != nil && head!.name == nil: head!.name = Self.value(a)
          case .itemprop where head != nil && head!.itemprop == nil: head!.itemprop = Self.value(a)
          case .rel where head != nil && head!.rel == nil: head!.rel = Self.value(a)
          case .href where head != nil && head!.href == nil: head!.href = Self.value(a)
          default: break
          }
        }
        if classValue != nil || idValue != nil {
          element.hintStart = Int32(tree.names.count)
          tree.names += classValue ?? []
          tree.names.append(0x20)
          tree.names += idValue ?? []
          element.hintEnd = Int32(tree.names.count)
        }
        if let head { tree.headAttributes.append(head) }
        tree.nodes.append(element)
        if depth >= HTMLDocument.maximumDepth {
          appendText(HTMLDocument.flatText(node), parent: i)
        } else {
          var child = node.pointee.children
          while let c = child {
            copy(c, depth: depth + 1, parent: i)
            child = c.pointee.next
          }
        }
        close(i)
      default:
        return  // comments, DTDs, entity references (never expanded), processing instructions
      }
    }

    /// An attribute's value: its text children, each read as `String(cString:)`.
    static func value(_ a: xmlAttrPtr) -> String {
      var value = ""
      var child = a.pointee.children
      while let c = child {
        if let t = c.pointee.content { value += String(cString: t) }
        child = c.pointee.next
      }
      return value
    }

    /// class and id only feed keyword hints: lowercased once here, as ASCII.
    static func lowercasedValue(_ a: xmlAttrPtr) -> [UInt8] {
      var out: [UInt8] = []
      var child = a.pointee.children
      while let c = child {
        if let t = c.pointee.content {
          var n = 0
          var ascii = true
          while t[n] != 0 {
            if t[n] >= 0x80 { ascii = false }
            n += 1
          }
          if ascii {
            for k in 0..<n { out.append(t[k] >= 0x41 && t[k] <= 0x5A ? t[k] | 0x20 : t[k]) }
          } else {
            out += Array(HTMLDocument.asciiLowercased(String(cString: t)).utf8)
          }
        }
        child = c.pointee.next
      }
      return out
    }
  }

  /// The attribute names the tree keeps.
  private enum Attribute {
    case classList, id, hidden, style, content, property, name, itemprop, rel, href, other

    static func of(_ name: UnsafePointer<xmlChar>) -> Attribute {
      guard let key = Tag.pack(name, limit: 8) else { return .other }
      switch key {
      case 0x7373616C63: return .classList  // class
      case 0x6469: return .id  // id
      case 0x6E6564646968: return .hidden  // hidden
      case 0x656C797473: return .style  // style
      case 0x746E65746E6F63: return .content  // content
      case 0x79747265706F7270: return .property  // property
      case 0x656D616E: return .name  // name
      case 0x706F72706D657469: return .itemprop  // itemprop
      case 0x6C6572: return .rel  // rel
      case 0x66657268: return .href  // href
      default: return .other
      }
    }
  }

  /// True for inline CSS that hides the element, read as ASCII without spaces or case.
  static func hides(_ style: String) -> Bool {
    var compact: [UInt8] = []
    compact.reserveCapacity(style.utf8.count)
    for b in style.utf8 where b != 0x20 && b != 0x09 {
      compact.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
    }
    func has(_ word: String) -> Bool {
      let w = Array(word.utf8)
      guard compact.count >= w.count else { return false }
      for i in 0...(compact.count - w.count) where compact[i] == w[0] {
        if compact[i..<(i + w.count)].elementsEqual(w) { return true }
      }
      return false
    }
    return has("display:none") || has("visibility:hidden")
  }

  /// `String.lowercased()` costs a Unicode case mapping; names and class lists are ASCII.
  static func asciiLowercased(_ s: String) -> String {
    guard s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return s }
    return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
  }

  /// The text below `root`, walked without recursion (the subtree may be 100,000 deep).
  private static func flatText(_ root: xmlNodePtr) -> String {
    var out = ""
    var node = root.pointee.children
    while let current = node {
      var descend = false
      switch current.pointee.type {
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content { out += String(cString: content) }
      case XML_ELEMENT_NODE:
        let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
        descend = !skipped.contains(name) && current.pointee.children != nil
        if ["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4"].contains(name) { out += "\n" }
      default: break
      }
      if descend {
        node = current.pointee.children
        continue
      }
      var up: xmlNodePtr? = current
      node = nil
      while let u = up, u != root {
        if let next = u.pointee.next {
          node = next
          break
        }
        up = u.pointee.parent
      }
    }
    return out
  }
}

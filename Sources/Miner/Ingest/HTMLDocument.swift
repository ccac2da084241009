// The one file that touches libxml2. It parses, copies what extraction needs into `Element`
// values and frees the C tree; no libxml2 type leaves this file.
internal import CLibXML2
import Foundation

/// An owned libxml2 document (`xmlDocPtr`), freed in `deinit`. Not Sendable: use on one thread.
final class HTMLDocument {
  /// Elements deeper than this are flattened into their text (100,000 nested tags must not
  /// overflow the stack of the walkers that follow).
  static let maximumDepth = 160

  private let doc: xmlDocPtr

  /// Elements whose content is never text of the page.
  private static let skipped: Set<String> = [
    "script", "style", "noscript", "iframe", "svg", "template", "object", "embed", "canvas",
    "select", "textarea", "button", "input", "map", "audio", "video", "frameset", "frame",
  ]
  private static let keptAttributes: Set<String> = [
    "id", "class", "href", "content", "name", "property", "rel", "itemprop", "http-equiv",
    "style", "hidden", "datetime", "charset",
  ]

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
  init(html utf8: [UInt8], input: String) throws(IngestError) {
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
    let parsed = utf8.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
          htmlCtxtReadMemory(ctxt, $0, Int32(buffer.count), nil, "UTF-8", options)
        }
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
  init(xml utf8: [UInt8], input: String) throws(IngestError) {
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
    let parsed = utf8.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
          xmlCtxtReadMemory(ctxt, $0, Int32(buffer.count), nil, "UTF-8", options)
        }
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

  /// The document as a Swift tree under a synthetic `#document` element.
  /// Elements are numbered in document order (the root is 0); `count` is one past the last.
  func tree() -> (root: Element, count: Int) {
    var children: [Node] = []
    var node = doc.pointee.children
    var counter = 1
    while let current = node {
      if let copied = Self.copy(current, depth: 0, counter: &counter) { children.append(copied) }
      node = current.pointee.next
    }
    return (Element(name: "#document", children: children, index: 0), counter)
  }

  private static func copy(_ node: xmlNodePtr, depth: Int, counter: inout Int) -> Node? {
    switch node.pointee.type {
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
      guard let content = node.pointee.content else { return nil }
      return .text(String(cString: content))
    case XML_ELEMENT_NODE:
      let name = node.pointee.name.map { asciiLowercased(String(cString: $0)) } ?? ""
      if skipped.contains(name) { return nil }
      let index = counter
      counter += 1
      var attributes: [(name: String, value: String)] = []
      var attribute = node.pointee.properties
      while let a = attribute {
        if let n = a.pointee.name {
          let key = asciiLowercased(String(cString: n))
          if keptAttributes.contains(key) {
            var value = ""
            var child = a.pointee.children
            while let c = child {
              if let t = c.pointee.content { value += String(cString: t) }
              child = c.pointee.next
            }
            // class and id only feed keyword hints: lowercase them once here.
            attributes.append((key, key == "class" || key == "id" ? Self.asciiLowercased(value) : value))
          }
        }
        attribute = a.pointee.next
      }
      // Hidden elements (hidden, style display:none / visibility:hidden) are not page text.
      if attributes.contains(where: { $0.name == "hidden" || ($0.name == "style" && hides($0.value)) }) {
        return nil
      }
      var children: [Node] = []
      if depth >= maximumDepth {
        let text = flatText(node)
        if !text.isEmpty { children.append(.text(text)) }
      } else {
        var child = node.pointee.children
        while let c = child {
          if let copied = copy(c, depth: depth + 1, counter: &counter) { children.append(copied) }
          child = c.pointee.next
        }
      }
      return .element(Element(name: name, attributes: attributes, children: children, index: index))
    default:
      return nil  // comments, DTDs, entity references (never expanded), processing instructions
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

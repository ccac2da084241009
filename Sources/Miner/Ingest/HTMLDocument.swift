// The one file that touches libxml2. HTML is parsed with SAX callbacks straight into a
// `DocumentTree`; XML is parsed into libxml2's tree, copied and freed. No libxml2 type leaves
// this file.
internal import CLibXML2
import Foundation

/// An owned libxml2 document (`xmlDocPtr`), freed in `deinit`: XML pages. HTML pages are
/// parsed by `HTMLDocument.tree(html:input:)` without one. Not Sendable: use on one thread.
final class HTMLDocument {
  /// Elements deeper than this are flattened into their text (100,000 nested tags must not
  /// overflow the stack of the walkers that follow).
  static let maximumDepth = 160

  private let doc: xmlDocPtr

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

  /// Parses UTF-8 HTML straight into a `DocumentTree`: recover, no network, no error output.
  ///
  /// libxml2's HTML parser runs with SAX callbacks that build the flat tree as elements open
  /// and close, so no libxml2 tree is allocated, copied or freed (`SAXTreeBuilder` mirrors
  /// what libxml2's own tree builder would have made; see there).
  ///
  /// HTML_PARSE_IGNORE_ENC: "ignore internal document encoding hint". The bytes are already
  /// UTF-8 (see `Decoding`); a `<meta charset=gb2312>` must not switch libxml2's decoder.
  /// XML_PARSE_HUGE lifts libxml2's nesting limit of 256, past which the HTML parser silently
  /// stops and the rest of the page is lost. HTML has no entity declarations to amplify, and
  /// pages are capped at `IngestLimits.pageBytes` before they get here; the tree flattens
  /// below `maximumDepth`.
  private static let htmlOptions = Int32(
    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
      | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue
      | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue)

  static func tree(html utf8: UnsafeBufferPointer<UInt8>, input: String) throws(IngestError) -> DocumentTree {
    _ = Self.initialized
    // "Error handlers are per thread": silence this one (a no-op when already silent).
    cm_xml_silence_thread()
    guard utf8.count < Int(Int32.max) else {
      throw IngestError(input: input, stage: .parse, reason: "larger than 2 GB")
    }
    guard let ctxt = htmlNewParserCtxt() else {
      throw IngestError(input: input, stage: .parse, reason: "libxml2 cannot allocate a parser")
    }
    defer { htmlFreeParserCtxt(ctxt) }
    // The builder is a struct the callbacks reach through a pointer (no reference counting or
    // exclusivity bookkeeping per event). The context owns its copy of the SAX handler: point
    // it at the builder's callbacks. Our pointer goes in `_private`; `userData` stays the
    // context (PITFALLS.md 9).
    let builder = UnsafeMutablePointer<SAXTreeBuilder>.allocate(capacity: 1)
    builder.initialize(to: SAXTreeBuilder())
    defer { builder.deinitialize(count: 1).deallocate() }
    SAXTreeBuilder.install(in: ctxt.pointee.sax)
    ctxt.pointee._private = UnsafeMutableRawPointer(builder)
    defer { ctxt.pointee._private = nil }
    let parsed = utf8.baseAddress.flatMap { base in
      base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
        htmlCtxtReadMemory(ctxt, $0, Int32(utf8.count), nil, "UTF-8", Self.htmlOptions)
      }
    }
    // No tree builder ran, so libxml2 returns no document; should one appear, it is freed.
    if let parsed { xmlFreeDoc(parsed) }
    guard builder.pointee.started else {
      throw IngestError(input: input, stage: .parse, reason: Self.message(ctxt, "no document"))
    }
    return builder.pointee.finish()
  }

  /// Parses UTF-8 HTML into libxml2's own tree, with the options of `tree(html:input:)`. The
  /// pipeline does not use it: tests hold the SAX builder to the tree copied from this one.
  init(html utf8: UnsafeBufferPointer<UInt8>, input: String) throws(IngestError) {
    _ = Self.initialized
    cm_xml_silence_thread()
    guard utf8.count < Int(Int32.max), let ctxt = htmlNewParserCtxt() else {
      throw IngestError(input: input, stage: .parse, reason: "libxml2 cannot allocate a parser")
    }
    defer { htmlFreeParserCtxt(ctxt) }
    let parsed = utf8.baseAddress.flatMap { base in
      base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
        htmlCtxtReadMemory(ctxt, $0, Int32(utf8.count), nil, "UTF-8", Self.htmlOptions)
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
    var builder = TreeCopier(repairing: false)
    builder.copyDocument(doc)
    // libxml2 hands back the UTF-8 it was given, so its text is valid; should it ever not be,
    // copy again with every piece repaired as `String(cString:)` does (U+FFFD).
    if !builder.assembler.valid {
      builder = TreeCopier(repairing: true)
      builder.copyDocument(doc)
    }
    return builder.assembler.tree
  }

  /// Appends nodes to a `DocumentTree` in document order: the part both builders share.
  struct TreeAssembler {
    var tree = DocumentTree()
    /// The lowercased class and id of the element being opened (`AttributeScan` ranges).
    var scratch: [UInt8] = []
    /// False once a piece of text was not valid UTF-8.
    var valid = true
    /// Whether such a piece is added repaired (U+FFFD, as `String(decoding:)` repairs) rather
    /// than as it is.
    let repairsPieces: Bool

    init(repairsPieces: Bool) {
      self.repairsPieces = repairsPieces
      tree.nodes.reserveCapacity(2048)
      scratch.reserveCapacity(256)
      tree.text.reserveCapacity(16 * 1024)
      tree.nodes.append(DocumentTree.Node(tag: .document, parent: -1, end: 0, textStart: 0, textEnd: 0))
    }

    /// Ends element `i`: its subtree, text range and sizes (children were closed already).
    /// Closing again after more children were appended brings it up to date.
    mutating func close(_ i: Int) {
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

    /// A text node under `parent`; with `extending`, the bytes continue the last node instead
    /// (libxml2 joins adjacent text into one node).
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, parent: Int, extending: Bool = false) {
      guard !bytes.isEmpty else { return }
      let (chars, punctuation, wellFormed) = Cleaning.measure(bytes)
      if !wellFormed {
        valid = false
        if repairsPieces {
          var repaired = String(decoding: bytes, as: UTF8.self)
          repaired.withUTF8 { appendText($0, parent: parent, extending: extending) }
          return
        }
      }
      let start = tree.text.count
      tree.text.append(contentsOf: bytes)
      if extending, let last = tree.nodes.indices.last, tree.nodes[last].tag == .text {
        tree.nodes[last].textEnd = Int32(tree.text.count)
        tree.nodes[last].chars += Int32(chars)
        tree.nodes[last].punctuation += Int32(punctuation)
        return
      }
      let i = tree.nodes.count
      tree.nodes.append(
        DocumentTree.Node(
          tag: .text, parent: Int32(parent), end: Int32(i + 1), textStart: Int32(start),
          textEnd: Int32(tree.text.count), chars: Int32(chars), punctuation: Int32(punctuation)))
    }

    mutating func appendText(_ string: String, parent: Int) {
      var s = string
      s.withUTF8 { appendText($0, parent: parent) }
    }

    /// Appends the element (still open: `close` it after its children) and returns its index.
    mutating func open(_ tag: Tag, parent: Int, _ attributes: AttributeScan) -> Int {
      let i = tree.nodes.count
      var element = DocumentTree.Node(
        tag: tag, parent: Int32(parent), end: 0, textStart: Int32(tree.text.count), textEnd: 0)
      if attributes.classValue != nil || attributes.idValue != nil {
        element.hintStart = Int32(tree.names.count)
        if let r = attributes.classValue { tree.names += scratch[r] }
        tree.names.append(0x20)
        if let r = attributes.idValue { tree.names += scratch[r] }
        element.hintEnd = Int32(tree.names.count)
      }
      if var head = attributes.head {
        head.node = i
        tree.headAttributes.append(head)
      }
      tree.nodes.append(element)
      return i
    }
  }

  /// What an element's attributes say: hidden or not, its class and id (lowercased, for
  /// keyword hints) and, on `meta` and `link`, what `<head>` metadata reads.
  ///
  /// Class and id are ranges of the assembler's `scratch` bytes, which the caller empties
  /// before each element: an array each cost an allocation and its reference counting on
  /// every element with a class (about 225 elements a page).
  struct AttributeScan {
    var classValue: Range<Int>?
    var idValue: Range<Int>?
    var head: DocumentTree.HeadAttributes?

    init(_ tag: Tag) {
      head = tag == .meta || tag == .link ? DocumentTree.HeadAttributes(node: 0) : nil
    }

    /// Reads one attribute (`value` nil when it has none); false when it hides the element.
    mutating func add(
      _ name: UnsafePointer<xmlChar>, _ value: UnsafePointer<xmlChar>?, into scratch: inout [UInt8]
    ) -> Bool {
      switch Attribute.of(name) {
      case .hidden: return false  // hidden elements are not page text
      case .style:
        if let value, HTMLDocument.hides(String(cString: value)) { return false }
      case .classList where classValue == nil: classValue = Self.appendLowercased(value, to: &scratch)
      case .id where idValue == nil: idValue = Self.appendLowercased(value, to: &scratch)
      case .content where head != nil && head!.content == nil: head!.content = Self.string(value)
      case .property where head != nil && head!.property == nil: head!.property = Self.string(value)
      case .name where head != nil && head!.name == nil: head!.name = Self.string(value)
      case .itemprop where head != nil && head!.itemprop == nil: head!.itemprop = Self.string(value)
      case .rel where head != nil && head!.rel == nil: head!.rel = Self.string(value)
      case .href where head != nil && head!.href == nil: head!.href = Self.string(value)
      default: break
      }
      return true
    }

    private static func string(_ value: UnsafePointer<xmlChar>?) -> String {
      value.map { String(cString: $0) } ?? ""
    }

    /// class and id only feed keyword hints: lowercased once here, as ASCII, onto `scratch`.
    private static func appendLowercased(_ value: UnsafePointer<xmlChar>?, to scratch: inout [UInt8]) -> Range<Int> {
      let start = scratch.count
      guard let t = value else { return start..<start }
      var n = 0
      var ascii = true
      while t[n] != 0 {
        if t[n] >= 0x80 { ascii = false }
        n += 1
      }
      if ascii {
        for k in 0..<n { scratch.append(t[k] >= 0x41 && t[k] <= 0x5A ? t[k] | 0x20 : t[k]) }
      } else {
        scratch += HTMLDocument.asciiLowercased(String(cString: t)).utf8
      }
      return start..<scratch.count
    }
  }

  /// Builds the tree from libxml2's SAX events while the HTML parser runs.
  ///
  /// It makes the tree that copying libxml2's own tree (SAX2.c's builder) would give:
  /// - elements are named by what follows the prefix (`<o:p>` is a `p`), attributes by their
  ///   whole name;
  /// - adjacent text (entity references, text split by the parser) is one node; a comment or
  ///   processing instruction between two pieces of text keeps them apart;
  /// - text outside every element is dropped;
  /// - an element opened when nothing is open goes inside the first top-level element when
  ///   that is an element (libxml2 adds it as that element's last child), else at top level;
  /// - `script`, `style` … and hidden elements are left out with everything in them;
  /// - below `maximumDepth`, an element's content is flattened into one text node (block
  ///   elements start a line; skipped elements are left out).
  struct SAXTreeBuilder {
    private(set) var started = false
    /// libxml2 passes on the UTF-8 it was given, which `Decoding` made valid; should a piece
    /// not be, it goes in repaired.
    private var assembler = TreeAssembler(repairsPieces: true)
    /// Open elements of the tree, innermost last. `reopened`: a finished top-level element
    /// that a later top-level element goes into; it ends with that element.
    private var open: [(node: Int, reopened: Bool)] = []
    /// Open elements inside a left-out element (that one included); 0 when none.
    private var leftOut = 0
    /// The element whose content is being flattened, and the text so far.
    private var flat: (node: Int, depth: Int, leftOut: Int, text: [UInt8])?
    /// What the document's first child is, as libxml2's tree has it.
    private enum First { case none, element(Int?), other }
    private var first = First.none
    /// The last event added text (or CDATA) that the next piece continues.
    private enum Continues { case nothing, text, cdata }
    private var continues = Continues.nothing

    init() { open.reserveCapacity(64) }

    /// Sets `sax`'s callbacks to the builder's and clears every tree-building one.
    static func install(in sax: UnsafeMutablePointer<htmlSAXHandler>?) {
      guard let sax else { return }
      let initialized = sax.pointee.initialized
      sax.pointee = htmlSAXHandler()
      sax.pointee.initialized = initialized
      sax.pointee.startDocument = { ctx in SAXTreeBuilder.builder(ctx)?.pointee.started = true }
      sax.pointee.startElement = { ctx, name, attributes in
        guard let name else { return }
        SAXTreeBuilder.builder(ctx)?.pointee.startElement(name, attributes)
      }
      sax.pointee.endElement = { ctx, _ in SAXTreeBuilder.builder(ctx)?.pointee.endElement() }
      sax.pointee.characters = { ctx, bytes, count in
        guard let bytes, count > 0 else { return }
        SAXTreeBuilder.builder(ctx)?.pointee.text(UnsafeBufferPointer(start: bytes, count: Int(count)), .text)
      }
      sax.pointee.cdataBlock = { ctx, bytes, count in
        guard let bytes, count > 0 else { return }
        SAXTreeBuilder.builder(ctx)?.pointee.text(UnsafeBufferPointer(start: bytes, count: Int(count)), .cdata)
      }
      sax.pointee.comment = { ctx, _ in SAXTreeBuilder.builder(ctx)?.pointee.childOtherThanText() }
      sax.pointee.processingInstruction = { ctx, _, _ in SAXTreeBuilder.builder(ctx)?.pointee.childOtherThanText() }
      // A DOCTYPE goes first in libxml2's tree, wherever it stands in the page.
      sax.pointee.internalSubset = { ctx, _, _, _ in SAXTreeBuilder.builder(ctx)?.pointee.first = .other }
    }

    private static func builder(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXTreeBuilder>? {
      guard let ctx, let own = ctx.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else {
        return nil
      }
      return own.assumingMemoryBound(to: SAXTreeBuilder.self)
    }

    private mutating func startElement(
      _ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
      continues = .nothing
      if leftOut > 0 {
        leftOut += 1
        return
      }
      let tag = Tag.of(Self.localName(name))
      if flat != nil {
        // In place (`flat!`): a copy of the tuple would copy the text on append.
        flat!.depth += 1
        if flat!.leftOut > 0 || tag == .skipped {
          flat!.leftOut += 1
        } else if tag.startsFlatLine {
          flat!.text.append(0x0A)
        }
        return
      }
      var parent = 0
      let topLevel = open.isEmpty
      if topLevel {
        switch first {
        case .element(nil):
          leftOut = 1
          return
        case .element(let e?):
          open.append((e, true))
          parent = e
        case .none, .other:
          break
        }
      } else {
        parent = open[open.count - 1].node
      }
      let i = admit(tag, parent: parent, attributes)
      if topLevel, case .none = first { first = .element(i) }
      guard let i else {
        leftOut = 1
        if let last = open.last, last.reopened { open.removeLast() }
        return
      }
      if open.count >= HTMLDocument.maximumDepth { flat = (i, 0, 0, []) }
      open.append((i, false))
    }

    /// The element's node, or nil when it is left out.
    private mutating func admit(
      _ tag: Tag, parent: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> Int? {
      if tag == .skipped { return nil }
      var scan = AttributeScan(tag)
      assembler.scratch.removeAll(keepingCapacity: true)
      if let attributes {
        var k = 0
        while let name = attributes[k] {
          if !scan.add(name, attributes[k + 1], into: &assembler.scratch) { return nil }
          k += 2
        }
      }
      return assembler.open(tag, parent: parent, scan)
    }

    private mutating func endElement() {
      continues = .nothing
      if leftOut > 0 {
        leftOut -= 1
        return
      }
      if let f = flat {
        if f.depth > 0 {
          flat!.depth -= 1
          if f.leftOut > 0 { flat!.leftOut -= 1 }
          return
        }
        flat = nil
        assembler.appendText(String(decoding: f.text, as: UTF8.self), parent: f.node)
      }
      guard let (node, _) = open.popLast() else { return }
      assembler.close(node)
      if let outer = open.last, outer.reopened {
        open.removeLast()
        assembler.close(outer.node)
      }
    }

    private mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, _ kind: Continues) {
      if leftOut > 0 { return }
      if flat != nil {
        if flat!.leftOut == 0 { flat!.text.append(contentsOf: bytes) }
        return
      }
      guard let parent = open.last?.node else { return }
      assembler.appendText(bytes, parent: parent, extending: continues == kind)
      continues = kind
    }

    private mutating func childOtherThanText() {
      continues = .nothing
      if open.isEmpty && leftOut == 0, case .none = first { first = .other }
    }

    /// The element name as libxml2's tree builder stores it (`xmlSplitQName`): after the first
    /// colon, unless the name starts or ends with one (`<o:p>` is a `p`).
    private static func localName(_ name: UnsafePointer<xmlChar>) -> UnsafePointer<xmlChar> {
      guard name[0] != 0x3A else { return name }
      var i = 1
      while name[i] != 0 && name[i] != 0x3A { i += 1 }
      guard name[i] == 0x3A, name[i + 1] != 0 else { return name }
      return name + i + 1
    }

    /// Closes what is still open and returns the tree.
    mutating func finish() -> DocumentTree {
      leftOut = 0
      while flat != nil || !open.isEmpty { endElement() }
      assembler.close(0)
      return assembler.tree
    }
  }

  /// Copies a libxml2 tree into flat arrays in one walk.
  private struct TreeCopier {
    var assembler = TreeAssembler(repairsPieces: false)
    let repairing: Bool

    init(repairing: Bool) { self.repairing = repairing }

    mutating func copyDocument(_ doc: xmlDocPtr) {
      var node = doc.pointee.children
      while let current = node {
        copy(current, depth: 0, parent: 0)
        node = current.pointee.next
      }
      assembler.close(0)
    }

    private mutating func appendText(cString content: UnsafePointer<xmlChar>, parent: Int) {
      if repairing {
        assembler.appendText(String(cString: content), parent: parent)
      } else {
        assembler.appendText(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))), parent: parent)
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
        var scan = AttributeScan(tag)
        assembler.scratch.removeAll(keepingCapacity: true)
        var attribute = node.pointee.properties
        while let a = attribute {
          attribute = a.pointee.next
          guard let n = a.pointee.name else { continue }
          let hidden = Self.withValue(a) { !scan.add(n, $0, into: &assembler.scratch) }
          if hidden { return }
        }
        let i = assembler.open(tag, parent: parent, scan)
        if depth >= HTMLDocument.maximumDepth {
          assembler.appendText(HTMLDocument.flatText(node), parent: i)
        } else {
          var child = node.pointee.children
          while let c = child {
            copy(c, depth: depth + 1, parent: i)
            child = c.pointee.next
          }
        }
        assembler.close(i)
      default:
        return  // comments, DTDs, entity references (never expanded), processing instructions
      }
    }

    /// An attribute's value (its text children joined) as a C string; nil when it has none.
    static func withValue<R>(_ a: xmlAttrPtr, _ body: (UnsafePointer<xmlChar>?) -> R) -> R {
      guard let only = a.pointee.children else { return body(nil) }
      if only.pointee.next == nil {
        return body(only.pointee.content)
      }
      var joined: [UInt8] = []
      var child: xmlNodePtr? = only
      while let c = child {
        if let t = c.pointee.content { joined += UnsafeBufferPointer(start: t, count: Int(xmlStrlen(t))) }
        child = c.pointee.next
      }
      joined.append(0)
      return joined.withUnsafeBufferPointer { body($0.baseAddress) }
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
        let tag = current.pointee.name.map { Tag.of($0) } ?? .other
        descend = tag != .skipped && current.pointee.children != nil
        if tag.startsFlatLine { out += "\n" }
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

/// Checks for the fuzzers (`Fuzz/`), outside the public API.
@_spi(Fuzzing) public enum ParserChecks {
  /// Whether the tree built from libxml2's SAX events equals the tree copied from libxml2's own
  /// HTML tree, for `bytes` read as UTF-8 (invalid bytes repaired, as `Decoding` does).
  public static func saxTreeAgrees(html bytes: [UInt8]) -> Bool {
    var text = String(decoding: bytes, as: UTF8.self)
    return text.withUTF8 { utf8 in
      let sax = try? HTMLDocument.tree(html: utf8, input: "fuzz.html")
      let copied = try? HTMLDocument(html: utf8, input: "fuzz.html").tree()
      return sax == copied
    }
  }
}

/// A parsed document copied out of libxml2 in one pass, as flat arrays in document order.
///
/// Nodes (elements and text) are numbered in document order, the synthetic `#document` root
/// is 0, and a subtree is the contiguous run `i..<nodes[i].end`. Text lives in one UTF-8
/// buffer: since only kept text is copied, in document order, the text of any subtree is one
/// byte range of it (`textContent` costs no copy). Sizes that cleaning needs (visible
/// characters, link characters, Chinese punctuation) are summed while copying.
///
/// Trees are at most `HTMLDocument.maximumDepth` deep: deeper content is flattened into text.
struct DocumentTree {
  struct Node {
    var tag: Tag
    /// The parent element (-1 for the root).
    var parent: Int32
    /// One past the last node of this node's subtree.
    var end: Int32
    /// The subtree's text: `text[textStart..<textEnd]`.
    var textStart: Int32
    var textEnd: Int32
    /// Characters that are not white space (`Cleaning.visibleCount`) in the subtree.
    var chars: Int32 = 0
    /// Of those, characters inside `<a>` elements below this one.
    var linkChars: Int32 = 0
    /// ，。、；！？ and `,` in the subtree.
    var punctuation: Int32 = 0
    /// `class + " " + id` lowercased (`names[hintStart..<hintEnd]`), or -1 when neither is set.
    var hintStart: Int32 = -1
    var hintEnd: Int32 = -1
  }

  /// The attributes `<head>` metadata reads, kept only on `meta` and `link` elements.
  struct HeadAttributes {
    var node: Int
    var content: String?
    var property: String?
    var name: String?
    var itemprop: String?
    var rel: String?
    var href: String?
  }

  var nodes: [Node] = []
  var text: [UInt8] = []
  var names: [UInt8] = []
  /// `meta` and `link` elements in document order.
  var headAttributes: [HeadAttributes] = []

  func isElement(_ i: Int) -> Bool { nodes[i].tag != .text }

  /// The subtree's text, as `String`.
  func textContent(_ i: Int) -> String {
    let n = nodes[i]
    return text.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[Int(n.textStart)..<Int(n.textEnd)]), as: UTF8.self)
    }
  }

  /// `class + " " + id` as the hint words are looked up in (`" "` when neither is set).
  func hintNames(_ i: Int) -> String {
    let n = nodes[i]
    guard n.hintStart >= 0 else { return " " }
    return names.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[Int(n.hintStart)..<Int(n.hintEnd)]), as: UTF8.self)
    }
  }

  /// The first element (`i` itself included) tagged `tag` in the subtree of `i`.
  func first(_ tag: Tag, in i: Int) -> Int? {
    var j = i
    let end = Int(nodes[i].end)
    while j < end {
      if nodes[j].tag == tag { return j }
      j += 1
    }
    return nil
  }

  /// The children of `i`, elements and text.
  func children(_ i: Int) -> ChildSequence { ChildSequence(nodes: nodes, start: i + 1, end: Int(nodes[i].end)) }

  struct ChildSequence: Sequence, IteratorProtocol {
    let nodes: [Node]
    var start: Int
    let end: Int
    mutating func next() -> Int? {
      guard start < end else { return nil }
      let i = start
      start = Int(nodes[i].end)
      return i
    }
  }
}

/// The tag names cleaning tells apart (lowercased, as HTML has them); all others are `other`.
enum Tag: UInt8 {
  case document, text, other, skipped
  case p, div, h1, h2, h3, h4, h5, h6, li, ul, ol, dl, dt, dd, tr, td, th, table, tbody, thead
  case section, article, blockquote, pre, center, header, footer, nav, aside, main, form
  case figure, figcaption, address, hr, br, title, body, html, fieldset, caption, summary
  case details
  case a, img, span, font, head, meta, link

  /// The tag's name (`""` for `other`), as `Cleaning.Block.tag` carries it.
  var name: String { Self.names[Int(rawValue)] }

  /// A block element: its content is a line of its own (`Cleaning.blockTags`).
  var isBlock: Bool { rawValue >= Tag.p.rawValue && rawValue <= Tag.details.rawValue }

  static let names: [String] = {
    var names = [String](repeating: "", count: Int(Tag.link.rawValue) + 1)
    names[Int(Tag.document.rawValue)] = "#document"
    names[Int(Tag.text.rawValue)] = "#text"
    for (name, tag) in byName where tag != .skipped { names[Int(tag.rawValue)] = name }
    return names
  }()

  /// Elements whose content is never text of the page.
  static let skippedNames = [
    "script", "style", "noscript", "iframe", "svg", "template", "object", "embed", "canvas",
    "select", "textarea", "button", "input", "map", "audio", "video", "frameset", "frame",
  ]

  static let byName: [String: Tag] = {
    let known: [Tag] = [
      .p, .div, .h1, .h2, .h3, .h4, .h5, .h6, .li, .ul, .ol, .dl, .dt, .dd, .tr, .td, .th,
      .table, .tbody, .thead, .section, .article, .blockquote, .pre, .center, .header, .footer,
      .nav, .aside, .main, .form, .figure, .figcaption, .address, .hr, .br, .title, .body, .html,
      .fieldset, .caption, .summary, .details, .a, .img, .span, .font, .head, .meta, .link,
    ]
    var map: [String: Tag] = [:]
    for tag in known { map["\(tag)"] = tag }
    for name in skippedNames { map[name] = .skipped }
    return map
  }()

  /// Names of at most 8 bytes packed into an integer (little-endian), lowercased.
  private static let byPackedName: [UInt64: Tag] = byName.reduce(into: [:]) { map, entry in
    if let key = (Array(entry.key.utf8) + [0]).withUnsafeBufferPointer({ pack($0.baseAddress!, limit: 8) }) {
      map[key] = entry.value
    }
  }

  /// The NUL-terminated ASCII name at `name`, lowercased and packed into an integer
  /// (little-endian); nil when it is longer than `limit` (at most 8) bytes.
  @inline(__always)
  static func pack(_ name: UnsafePointer<UInt8>, limit: Int) -> UInt64? {
    var key: UInt64 = 0
    var n = 0
    while name[n] != 0 {
      if n == limit { return nil }
      let b = name[n]
      key |= UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) << UInt64(8 * n)
      n += 1
    }
    return key
  }

  /// The tag for a NUL-terminated element name, ASCII case ignored.
  static func of(_ name: UnsafePointer<UInt8>) -> Tag {
    guard let key = pack(name, limit: 8) else { return long(name) }
    return byPackedName[key] ?? .other
  }

  /// Names longer than 8 bytes: only `blockquote` and `figcaption` are known.
  private static func long(_ name: UnsafePointer<UInt8>) -> Tag {
    var bytes: [UInt8] = []
    var n = 0
    while name[n] != 0 && n <= 10 {
      let b = name[n]
      bytes.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
      n += 1
    }
    if bytes.elementsEqual("blockquote".utf8) { return .blockquote }
    if bytes.elementsEqual("figcaption".utf8) { return .figcaption }
    return .other
  }
}

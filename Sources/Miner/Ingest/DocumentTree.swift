import Foundation

/// A parsed document as flat arrays in document order, built in one pass from libxml2's SAX
/// events (HTML) or copied out of libxml2's tree (XML).
///
/// Nodes (elements and text) are numbered in document order, the synthetic `#document` root
/// is 0, and a subtree is the contiguous run `i..<nodes[i].end`. Text lives in one UTF-8
/// buffer: since only kept text is copied, in document order, the text of any subtree is one
/// byte range of it (`textContent` costs no copy). Sizes that cleaning needs (visible
/// characters, link characters, Chinese punctuation) are summed while building.
///
/// Trees are at most `HTMLDocument.maximumDepth` deep: deeper content is flattened into text.
struct DocumentTree: Equatable {
  struct Node: Equatable {
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
  struct HeadAttributes: Equatable {
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

  /// `Cleaning.squeeze(textContent(i))`, without the intermediate string.
  func squeezedText(_ i: Int) -> String {
    let n = nodes[i]
    return text.withUnsafeBufferPointer {
      Cleaning.squeezed(UnsafeBufferPointer(rebasing: $0[Int(n.textStart)..<Int(n.textEnd)])).text
    }
  }

  /// Whether `hintNames(i)` contains `word` (ASCII), searched in place.
  func hintContains(_ i: Int, _ word: StaticString) -> Bool {
    let n = nodes[i]
    guard n.hintStart >= 0 else { return false }
    let length = Int(n.hintEnd - n.hintStart)
    guard word.utf8CodeUnitCount <= length else { return false }
    return names.withUnsafeBufferPointer {
      TextSearch.find(word.utf8Start, word.utf8CodeUnitCount, in: $0.baseAddress! + Int(n.hintStart), length) != nil
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

  /// In content flattened below `HTMLDocument.maximumDepth`, an element that starts a line.
  var startsFlatLine: Bool {
    switch self {
    case .p, .div, .br, .li, .tr, .h1, .h2, .h3, .h4: return true
    default: return false
    }
  }

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
    return of(packed: key)
  }

  /// The tag for a name packed by `pack` (a switch over constants: no hashing per element).
  static func of(packed key: UInt64) -> Tag {
    switch key {
    case 0x70: return .p  // p
    case 0x766964: return .div  // div
    case 0x3168: return .h1  // h1
    case 0x3268: return .h2  // h2
    case 0x3368: return .h3  // h3
    case 0x3468: return .h4  // h4
    case 0x3568: return .h5  // h5
    case 0x3668: return .h6  // h6
    case 0x696C: return .li  // li
    case 0x6C75: return .ul  // ul
    case 0x6C6F: return .ol  // ol
    case 0x6C64: return .dl  // dl
    case 0x7464: return .dt  // dt
    case 0x6464: return .dd  // dd
    case 0x7274: return .tr  // tr
    case 0x6474: return .td  // td
    case 0x6874: return .th  // th
    case 0x656C626174: return .table  // table
    case 0x79646F6274: return .tbody  // tbody
    case 0x6461656874: return .thead  // thead
    case 0x6E6F6974636573: return .section  // section
    case 0x656C6369747261: return .article  // article
    case 0x657270: return .pre  // pre
    case 0x7265746E6563: return .center  // center
    case 0x726564616568: return .header  // header
    case 0x7265746F6F66: return .footer  // footer
    case 0x76616E: return .nav  // nav
    case 0x6564697361: return .aside  // aside
    case 0x6E69616D: return .main  // main
    case 0x6D726F66: return .form  // form
    case 0x657275676966: return .figure  // figure
    case 0x73736572646461: return .address  // address
    case 0x7268: return .hr  // hr
    case 0x7262: return .br  // br
    case 0x656C746974: return .title  // title
    case 0x79646F62: return .body  // body
    case 0x6C6D7468: return .html  // html
    case 0x746573646C656966: return .fieldset  // fieldset
    case 0x6E6F6974706163: return .caption  // caption
    case 0x7972616D6D7573: return .summary  // summary
    case 0x736C6961746564: return .details  // details
    case 0x61: return .a  // a
    case 0x676D69: return .img  // img
    case 0x6E617073: return .span  // span
    case 0x746E6F66: return .font  // font
    case 0x64616568: return .head  // head
    case 0x6174656D: return .meta  // meta
    case 0x6B6E696C: return .link  // link
    case 0x747069726373: return .skipped  // script
    case 0x656C797473: return .skipped  // style
    case 0x7470697263736F6E: return .skipped  // noscript
    case 0x656D61726669: return .skipped  // iframe
    case 0x677673: return .skipped  // svg
    case 0x6574616C706D6574: return .skipped  // template
    case 0x7463656A626F: return .skipped  // object
    case 0x6465626D65: return .skipped  // embed
    case 0x7361766E6163: return .skipped  // canvas
    case 0x7463656C6573: return .skipped  // select
    case 0x6165726174786574: return .skipped  // textarea
    case 0x6E6F74747562: return .skipped  // button
    case 0x7475706E69: return .skipped  // input
    case 0x70616D: return .skipped  // map
    case 0x6F69647561: return .skipped  // audio
    case 0x6F65646976: return .skipped  // video
    case 0x746573656D617266: return .skipped  // frameset
    case 0x656D617266: return .skipped  // frame
    default: return .other
    }
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

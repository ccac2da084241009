import Foundation

/// A page as it came from its source: where it came from, its bytes, the container's charset.
public struct RawPage: Sendable {
  /// A file path, `archive.zip#member.html` or the URI recorded in a WARC.
  public var uri: String
  public var bytes: [UInt8]
  /// The charset the container declared (`Content-Type: text/html; charset=gbk`), if any.
  public var transportCharset: String?

  public init(uri: String, bytes: [UInt8], transportCharset: String? = nil) {
    self.uri = uri
    self.bytes = bytes
    self.transportCharset = transportCharset
  }

  /// Reads a file (or a pipe such as `/dev/stdin`) to its end; `uri` is its path.
  public init(contentsOf url: URL) throws(IngestError) {
    self.init(uri: url.path, bytes: try Files.contents(url.path))
  }
}

/// A titled run of paragraphs: `【做法】` or `一、强化组织领导` and what follows it.
public struct Section: Sendable, Hashable, Codable {
  /// Nil for the paragraphs before the first heading.
  public var heading: String?
  public var paragraphs: [String]

  public init(heading: String?, paragraphs: [String]) {
    self.heading = heading
    self.paragraphs = paragraphs
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(heading, forKey: .heading)
    try c.encode(paragraphs, forKey: .paragraphs)
  }
}

/// One cleaned page: metadata, sections and the main text, without navigation or footers.
///
/// ```swift
/// let page = try Page(parsing: RawPage(contentsOf: URL(fileURLWithPath: "luzhai.html")))
/// page.title      // 广西鹿寨县:做实非公企业党建 激发园区党建活力
/// page.byline     // 中共鹿寨县委组织部
/// page.published  // 2019-10-18T17:04+08:00
/// ```
public struct Page: Sendable, Hashable, Codable {
  public var uri: String
  public var title: String?
  /// ISO 8601: `2019-10-18T17:04+08:00` when the page gives a time, else `2019-10-18`.
  public var published: String?
  /// The publishing outlet (来源): `人民网-中国共产党新闻网`.
  public var source: String?
  /// The author or authoring organisation: `中共鹿寨县委组织部`.
  public var byline: String?
  /// Editors (责编): `["乔业琼", "秦华"]`.
  public var editors: [String]
  /// The column path, outermost first: `["中国共产党新闻网", "党建", "第五届…征集活动"]`.
  public var breadcrumb: [String]
  public var canonicalURL: String?
  public var encoding: PageEncoding

  /// The innermost breadcrumb entry, the page's column: `第五届全国基层党建创新典型案例征集活动`.
  public var column: String? { breadcrumb.last }
  public var sections: [Section]
  /// The main text, one paragraph a line (section headings included).
  public var text: String

  public init(
    uri: String, title: String?, published: String?, source: String?, byline: String?,
    editors: [String], breadcrumb: [String], canonicalURL: String?, encoding: PageEncoding,
    sections: [Section], text: String
  ) {
    self.uri = uri
    self.title = title
    self.published = published
    self.source = source
    self.byline = byline
    self.editors = editors
    self.breadcrumb = breadcrumb
    self.canonicalURL = canonicalURL
    self.encoding = encoding
    self.sections = sections
    self.text = text
  }

  enum CodingKeys: String, CodingKey {
    case uri, title, published, source, byline, editors, breadcrumb, encoding, sections, text
    case canonicalURL = "canonical_url"
  }

  /// Every key is written, missing values as null, so `--json` readers see one shape.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(uri, forKey: .uri)
    try c.encode(title, forKey: .title)
    try c.encode(published, forKey: .published)
    try c.encode(source, forKey: .source)
    try c.encode(byline, forKey: .byline)
    try c.encode(editors, forKey: .editors)
    try c.encode(breadcrumb, forKey: .breadcrumb)
    try c.encode(canonicalURL, forKey: .canonicalURL)
    try c.encode(encoding, forKey: .encoding)
    try c.encode(sections, forKey: .sections)
    try c.encode(text, forKey: .text)
  }

  /// Decodes, parses and cleans one page. Throws for empty, binary or unparsable input.
  public init(parsing raw: RawPage) throws(IngestError) {
    self.init(cleaning: try ParsedPage(DecodedPage(raw)))
  }

  /// The cleaning half of `init(parsing:)`: main text, sections and metadata of a parsed page.
  public init(cleaning parsed: ParsedPage) {
    let cleaned: Cleaning.Result
    switch parsed.content {
    case .html(let tree): cleaned = Cleaning.html(tree)
    case .xml(let tree): cleaned = Cleaning.xml(tree)
    case .text(let text): cleaned = Cleaning.plainText(text)
    }
    // Headings and paragraphs, one a line (`joined(separator:)`, with its size reserved).
    var bytes = 0
    for s in cleaned.sections {
      bytes += (s.heading?.utf8.count ?? 0) + 1
      for p in s.paragraphs { bytes += p.utf8.count + 1 }
    }
    var joined = ""
    joined.reserveCapacity(bytes)
    var first = true
    func add(_ line: String) {
      if !first { joined += "\n" }
      first = false
      joined += line
    }
    for s in cleaned.sections {
      if let heading = s.heading { add(heading) }
      for p in s.paragraphs { add(p) }
    }
    self.init(
      uri: parsed.uri, title: cleaned.title, published: cleaned.published, source: cleaned.source,
      byline: cleaned.byline, editors: cleaned.editors, breadcrumb: cleaned.breadcrumb,
      canonicalURL: cleaned.canonicalURL, encoding: parsed.encoding, sections: cleaned.sections,
      text: joined)
  }

  /// Parses `text` with libxml2 straight from the string's UTF-8 storage.
  static func tree(of text: String, html: Bool, input: String) throws(IngestError) -> DocumentTree {
    var utf8 = text
    return try utf8.withUTF8 { buffer in
      Result { () throws(IngestError) in
        html
          ? try HTMLDocument.tree(html: buffer, input: input)
          : try HTMLDocument(xml: buffer, input: input).tree()
      }
    }.get()
  }

  enum Markup { case html, xml, text }

  static func markup(of text: String, uri: String) -> Markup {
    let lower = uri.lowercased()
    if lower.hasSuffix(".txt") { return .text }
    var text = text
    return text.withUTF8 { all in
      // Look at the first 4 KB as ASCII-lowercased bytes; markup is ASCII.
      let head = UnsafeBufferPointer(rebasing: all.prefix(4096))
      var start = 0
      while start < head.count {
        let b = head[start]
        guard b == 0x20 || (b >= 0x09 && b <= 0x0D) || b >= 0x80 else { break }
        start += 1
      }
      func matches(_ at: Int, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard at + n <= head.count else { return false }
        let p = needle.utf8Start
        for k in 0..<n {
          let b = head[at + k]
          if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != p[k] { return false }
        }
        return true
      }
      func has(_ needle: StaticString) -> Bool {
        guard head.count >= needle.utf8CodeUnitCount else { return false }
        return (0...(head.count - needle.utf8CodeUnitCount)).contains { matches($0, needle) }
      }
      if matches(start, "<?xml") || lower.hasSuffix(".xml") {
        return has("<html") ? .html : .xml
      }
      if (start < head.count && head[start] == UInt8(ascii: "<")) || has("<html") || has("<body")
        || has("<p>") || has("<div")
      {
        return .html
      }
      return .text
    }
  }

  private static let magic: [(String, [UInt8])] = [
    ("PNG image", [0x89, 0x50, 0x4E, 0x47]), ("JPEG image", [0xFF, 0xD8, 0xFF]),
    ("GIF image", Array("GIF8".utf8)), ("PDF document", Array("%PDF".utf8)),
    ("zip archive", [0x50, 0x4B, 0x03, 0x04]), ("gzip data", [0x1F, 0x8B]),
    ("ELF executable", [0x7F, 0x45, 0x4C, 0x46]),
  ]

  /// A short name for content that is clearly not text, or nil.
  static func binaryKind(_ bytes: [UInt8]) -> String? {
    for (name, prefix) in magic where bytes.starts(with: prefix) { return name }
    let head = bytes.prefix(8192)
    var control = 0
    head.withUnsafeBufferPointer { head in
      // Bit b of `allowed` is set for the control bytes text has: \t \n \f \r and ESC.
      let allowed: UInt32 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0C | 1 << 0x0D | 1 << 0x1B
      func count(_ range: Range<Int>) {
        for i in range where head[i] < 0x20 {
          control += Int(((allowed >> UInt32(head[i])) & 1) ^ 1)
        }
      }
      // Eight bytes at a time: a word with no byte below 0x20 (most of them) is skipped whole.
      let ones: UInt64 = 0x0101_0101_0101_0101
      let raw = UnsafeRawBufferPointer(head)
      var i = 0
      while i + 8 <= head.count {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if (w &- ones &* 0x20) & ~w & (ones &* 0x80) != 0 { count(i..<(i + 8)) }
        i += 8
      }
      count(i..<head.count)
    }
    // UTF-16 text has many NULs; a BOM says it is text.
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
    if control * 10 > head.count { return "\(control * 100 / head.count)% control bytes" }
    return nil
  }
}

/// A page's bytes decoded to text: the first step of `Page(parsing:)`, which is
/// `Page(cleaning: ParsedPage(DecodedPage(raw)))`. The steps are apart so that
/// `caseminer bench` can time each.
///
/// ```swift
/// let decoded = try DecodedPage(raw)     // charset found, text in UTF-8
/// let parsed = try ParsedPage(decoded)   // libxml2's tree
/// let page = Page(cleaning: parsed)      // main text and metadata
/// ```
public struct DecodedPage: Sendable {
  public let uri: String
  public let text: String
  public let encoding: PageEncoding

  /// Throws for empty or binary input, and for text mostly undecodable in its charset.
  public init(_ raw: RawPage) throws(IngestError) {
    let input = raw.uri
    guard !raw.bytes.isEmpty else {
      throw IngestError(input: input, stage: .read, reason: "empty file")
    }
    if let kind = Page.binaryKind(raw.bytes) {
      throw IngestError(input: input, stage: .decode, reason: "binary content (\(kind)), not a page")
    }
    let (text, encoding) = try Decoding.decode(
      raw.bytes, transportCharset: raw.transportCharset, input: input)
    let scalars = encoding.replacements == 0 ? 0 : text.unicodeScalars.count
    if encoding.replacements > 0 && scalars > 64 && encoding.replacements * 4 > scalars {
      throw IngestError(
        input: input, stage: .decode,
        reason: "\(encoding.replacements) of \(scalars) characters undecodable as \(encoding.used)")
    }
    uri = input
    self.text = text
    self.encoding = encoding
  }
}

/// A decoded page parsed by libxml2 (HTML or XML), not yet cleaned; plain text as it is.
public struct ParsedPage: Sendable {
  public let uri: String
  public let encoding: PageEncoding
  let content: Content

  enum Content: Sendable {
    case html(DocumentTree)
    case xml(DocumentTree)
    /// Plain text (`.txt`, or no markup): nothing to parse.
    case text(String)
  }

  /// Throws when libxml2 cannot parse the page.
  public init(_ decoded: DecodedPage) throws(IngestError) {
    uri = decoded.uri
    encoding = decoded.encoding
    switch Page.markup(of: decoded.text, uri: uri) {
    case .html: content = .html(try Page.tree(of: decoded.text, html: true, input: uri))
    case .xml: content = .xml(try Page.tree(of: decoded.text, html: false, input: uri))
    case .text: content = .text(decoded.text)
    }
  }
}

import Foundation

/// Main-content extraction and metadata over a parsed page, with no per-site rules.
///
/// Content: a readability-style vote (paragraph-like elements score their ancestors by
/// length and Chinese punctuation, class/id hints adjust, link density discounts), then the
/// chosen container's blocks minus boilerplate lines. Metadata: `<head>`, then the lines
/// around the headline (dateline, 来源, byline), editor lines (责编) anywhere.
enum Cleaning {
  struct Result {
    var title: String?
    var published: String?
    var source: String?
    var byline: String?
    var editors: [String] = []
    var breadcrumb: [String] = []
    var canonicalURL: String?
    var sections: [Section] = []
  }

  /// A line of text: a block element's inline content.
  struct Block {
    var text: String
    var chars: Int
    var linkChars: Int
    var links: Int
    var tag: String
    var linkDensity: Double { chars == 0 ? 0 : Double(linkChars) / Double(chars) }
  }

  static let blockTags: Set<String> = [
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr",
    "td", "th", "table", "tbody", "thead", "section", "article", "blockquote", "pre", "center",
    "header", "footer", "nav", "aside", "main", "form", "figure", "figcaption", "address",
    "hr", "br", "title", "body", "html", "fieldset", "caption", "summary", "details",
  ]

  // MARK: HTML

  static func html(_ tree: DocumentTree) -> Result {
    let knowledge = Knowledge.shared
    var result = Result()
    let head = tree.first(.head, in: 0)
    let body = tree.first(.body, in: 0) ?? 0
    var metas: [String: String] = [:]
    if let head {
      let headEnd = Int(tree.nodes[head].end)
      for e in tree.headAttributes where e.node > head && e.node < headEnd {
        if tree.nodes[e.node].tag == .meta, let content = e.content {
          let key = (e.property ?? e.name ?? e.itemprop ?? "").lowercased()
          if !key.isEmpty, metas[key] == nil { metas[key] = content }
        } else if tree.nodes[e.node].tag == .link, e.rel?.lowercased() == "canonical", let href = e.href {
          result.canonicalURL = href.trimmingCharacters(in: .whitespacesAndNewlines)
        }
      }
    }
    if result.canonicalURL == nil, let og = metas["og:url"], og.hasPrefix("http") {
      result.canonicalURL = og
    }
    let titleElement = head.flatMap { tree.first(.title, in: $0) } ?? tree.first(.title, in: 0)
    let titleTag = titleElement.map { tree.squeezedText($0) } ?? ""
    // One walk into blocks serves metadata and, through each element's run of blocks, content.
    var walk = BlockBuilder(tree: tree, recording: true)
    walk.walk(body, inLink: false)
    walk.flush()
    let pageBlocks = walk.blocks
    result.title = title(titleTag: titleTag, metas: metas, tree: tree, body: body, knowledge: knowledge)

    // The lines around the headline carry the dateline, source and byline.
    let titleIndex = result.title.flatMap { t in pageBlocks.firstIndex { $0.text == t } }
    var header = Header()
    if let i = titleIndex {
      header.scan(pageBlocks[(i + 1)..<min(pageBlocks.count, i + 8)].map(\.text), knowledge: knowledge)
    }
    let metaDate = ["article:published_time", "publishdate", "pubdate", "publish_date",
      "og:release_date", "datepublished", "firstpublishedtime", "weibo:article:create_at"]
      .lazy.compactMap { metas[$0] }.first.flatMap(Dates.iso(in:))
    // Without a dateline under the headline: <meta> dates, then the first dated line.
    if header.published == nil, metaDate == nil {
      for block in pageBlocks where block.chars < 120 {
        if let date = Dates.iso(in: block.text), Dates.hasTime(block.text) || Dates.isDateline(block.text) {
          header.published = date
          if header.source == nil { header.source = Header.source(in: block.text) }
          break
        }
      }
    }
    result.published = header.published ?? metaDate
    result.source = header.source ?? metas["source"] ?? metas["contentsource"]
    // <meta name="author"> often holds a user id or the site: keep it only when it has Han text.
    result.byline = header.byline ?? metas["author"].flatMap { author in
      author.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } ? squeeze(author) : nil
    }
    result.breadcrumb = breadcrumb(pageBlocks)

    // Main content.
    let containers = mainContent(tree, body: body, knowledge: knowledge)
    var content: [Block] = []
    for element in containers {
      // A block element outside links starts and ends its own lines: its blocks are the ones
      // the page walk made inside it. Anything else is walked on its own.
      if walk.runs[element].sliceable {
        content += pageBlocks[Int(walk.runs[element].start)..<Int(walk.runs[element].end)]
      } else {
        var builder = BlockBuilder(tree: tree, recording: false)
        builder.walk(element, inLink: false)
        builder.flush()
        content += builder.blocks
      }
    }
    var editors: [String] = []
    for block in pageBlocks { editors += Header.editors(in: block.text) }
    result.editors = unique(editors)
    let paragraphs = filter(content, result: result, knowledge: knowledge)
    result.sections = sections(paragraphs)
    return result
  }

  /// The headline: the longest h1-h3 (or title-classed element) that the `<title>` contains,
  /// else `<title>` without its site suffix.
  static func title(
    titleTag: String, metas: [String: String], tree: DocumentTree, body: Int, knowledge: Knowledge
  ) -> String? {
    var best: String?
    let compactTitle = withoutWhitespace(titleTag)
    var headings: [String] = []
    for e in body..<Int(tree.nodes[body].end) {
      let node = tree.nodes[e]
      guard node.tag != .text else { continue }
      let hinted = node.tag == .h1 || node.tag == .h2 || node.tag == .h3
        || tree.hintContains(e, "title")
      guard hinted else { continue }
      let text = tree.squeezedText(e)
      if (4...80).contains(text.length) { headings.append(text) }
    }
    if let og = metas["og:title"] { headings.append(squeeze(og)) }
    for h in headings {
      let compact = withoutWhitespace(h)
      guard !compactTitle.isEmpty, TextSearch.contains(compactTitle, compact) else { continue }
      if compact.length * 3 < compactTitle.length && compactTitle.length > 12 { continue }
      if best == nil || h.length > best!.length { best = h }
    }
    if let best { return stripSiteSuffix(best, knowledge: knowledge) }
    if !titleTag.isEmpty { return stripSiteSuffix(titleTag, knowledge: knowledge) }
    return headings.first { h in tree.first(.h1, in: body).map { tree.squeezedText($0) == h } ?? false }
  }

  /// `text` without white space, as `filter { !$0.isWhitespace }` gives it, read as scalars
  /// (no grapheme breaking): ASCII and CJK are told apart without a property lookup.
  static func withoutWhitespace(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for u in text.unicodeScalars {
      let v = u.value
      let white =
        v < 0x80 ? v == 0x20 || (0x09...0x0D).contains(v)
        : (0x4E00...0x9FFF).contains(v) ? false : u.properties.isWhitespace
      if !white { out.append(u) }
    }
    return String(out)
  }

  /// `关注青少年心理健康--健康·生活--人民网` → `关注青少年心理健康`.
  static func stripSiteSuffix(_ title: String, knowledge: Knowledge) -> String {
    var current = title
    var droppedSite = false
    while true {
      var cut: (String, String)?
      for separator in knowledge.separators {
        if let range = TextSearch.lastRange(of: separator, in: current) {
          let head = trimmingWhitespaces(String(current[..<range.lowerBound]))
          let tail = trimmingWhitespaces(String(current[range.upperBound...]))
          if head.count >= 4 { cut = (head, tail); break }
        }
      }
      guard let (head, tail) = cut else { break }
      let siteLike = tail.count <= 16 && knowledge.siteKeywords.contains { tail.lowercased().contains($0) }
      let column = droppedSite && tail.count <= 8
      guard siteLike || column || tail.isEmpty else { break }
      droppedSite = droppedSite || siteLike
      current = head
    }
    return current
  }

  static func breadcrumb(_ blocks: [Block]) -> [String] {
    for block in blocks.prefix(60) where block.chars < 150 {
      let t = block.text
      // Most lines have no separator: test that first, the (Unicode) prefixes only then.
      guard hasCrumbSeparator(t) else { continue }
      let marked = ["当前位置", "您现在的位置", "您的位置", "所在位置", "位置："].contains { t.hasPrefix($0) }
      guard marked || (block.links >= 2 && block.linkDensity > 0.5) else { continue }
      return crumbs(t)
    }
    return []
  }

  /// Whether `line` has a breadcrumb separator: `>` (so `>>` too), `＞`, `»` or `→`, read
  /// on UTF-8 bytes.
  static func hasCrumbSeparator(_ line: String) -> Bool {
    var line = line
    return line.withUTF8 { b in
      let n = b.count
      var i = 0
      while i < n {
        switch b[i] {
        case 0x3E: return true
        case 0xC2 where i + 1 < n && b[i + 1] == 0xBB: return true
        case 0xEF where i + 2 < n && b[i + 1] == 0xBC && b[i + 2] == 0x9E: return true
        case 0xE2 where i + 2 < n && b[i + 1] == 0x86 && b[i + 2] == 0x92: return true
        default: i += 1
        }
      }
      return false
    }
  }

  static func crumbs(_ line: String) -> [String] {
    var t = line
    for prefix in ["当前位置", "您现在的位置", "您的位置", "所在位置", "位置"] where t.hasPrefix(prefix) {
      t = String(t.dropFirst(prefix.count)).trimmingCharacters(in: crumbMarks)
    }
    var parts = [t]
    for separator in [">>", "＞＞", "»", ">", "＞", "→"] {
      parts = parts.flatMap { TextSearch.split($0, by: separator) }
    }
    return parts.map(trimmingWhitespaces).filter { !$0.isEmpty }
  }

  private static let crumbMarks = CharacterSet(charactersIn: "是:： ")

  /// `trimmingCharacters(in: .whitespaces)` without Foundation's CFString round trip when the
  /// ends are clear: spaces, tabs, NBSP and U+3000 (white space in every Unicode version)
  /// come off, and what is left must start and end with printable ASCII or CJK (never white
  /// space). Anything else goes to Foundation.
  static func trimmingWhitespaces(_ text: String) -> String {
    func plain(_ s: Unicode.Scalar) -> Bool {
      (0x21...0x7E).contains(s.value) || (0x4E00...0x9FFF).contains(s.value)
    }
    func space(_ s: Unicode.Scalar) -> Bool {
      s == " " || s == "\t" || s == "\u{A0}" || s == "\u{3000}"
    }
    let scalars = text.unicodeScalars
    guard let start = scalars.firstIndex(where: { !space($0) }),
      let last = scalars.lastIndex(where: { !space($0) })
    else {
      return text.trimmingCharacters(in: .whitespaces)
    }
    guard plain(scalars[start]) && plain(scalars[last]) else {
      return text.trimmingCharacters(in: .whitespaces)
    }
    if start == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
    return String(scalars[start...last])
  }

  // MARK: Main content

  /// The elements holding the main text: the best-voted container and its strong siblings.
  static func mainContent(_ tree: DocumentTree, body: Int, knowledge: Knowledge) -> [Int] {
    let nodes = tree.nodes
    let end = Int(nodes[body].end)
    // Per-node tables indexed by node number (document order).
    var votes = [Double](repeating: 0, count: nodes.count)
    var hints = [Double?](repeating: nil, count: nodes.count)
    /// The parent inside the body (the body has none).
    func parent(_ e: Int) -> Int? { e == body ? nil : Int(nodes[e].parent) }
    func hint(_ e: Int) -> Double {
      if let h = hints[e] { return h }
      let h = nodes[e].hintStart < 0 ? 0 : hintWeight(tree.hintNames(e), knowledge: knowledge)
      hints[e] = h
      return h
    }
    // Votes: each paragraph-like element gives its ancestors a score by length and punctuation.
    for e in body..<end {
      let node = nodes[e]
      let isP = node.tag == .p || node.tag == .pre
      switch node.tag {
      case .p, .pre, .td, .blockquote, .div, .section, .li, .font, .span: break
      default: continue
      }
      var chars: Int
      var punctuation: Int
      if isP {
        chars = Int(node.chars - node.linkChars)
        guard chars >= 20 else { continue }
        punctuation = Int(node.punctuation)
      } else {
        // The element's own text: its text children and inline children other than links.
        chars = 0
        punctuation = 0
        var c = e + 1
        while c < Int(node.end) {
          let child = nodes[c]
          if child.tag == .text || (!child.tag.isBlock && child.tag != .a) {
            chars += Int(child.chars)
            punctuation += Int(child.punctuation)
          }
          c = Int(child.end)
        }
        guard chars >= 25 else { continue }
      }
      let vote = 1 + Double(punctuation) + min(Double(chars) / 100, 3)
      // A div with its own text votes for itself too: its text lies there, not in a child.
      if !isP { votes[e] += vote }
      var ancestor = parent(e)
      var level = 0
      while let a = ancestor, level < 4 {
        let share = level == 0 ? 1 : level == 1 ? 0.5 : 1 / Double(level * 3)
        votes[a] += vote * share
        ancestor = parent(a)
        level += 1
      }
    }
    func final(_ e: Int) -> Double {
      guard votes[e] > 0 else { return 0 }
      let s = nodes[e]
      var score = votes[e] + hint(e) + tagWeight(s.tag)
      let density = s.chars == 0 ? 0 : Double(s.linkChars) / Double(s.chars)
      score *= (1 - density)
      return score
    }
    var best: Int?
    var bestScore = 0.0
    for e in body..<end where nodes[e].tag != .text && nodes[e].tag != .body && nodes[e].tag != .html {
      let s = final(e)
      if s > bestScore { best = e; bestScore = s }
    }
    guard let best else { return [body] }
    // Siblings that also carry text (a body split over two containers).
    guard let parent = parent(best) else { return [best] }
    var chosen: [Int] = []
    let threshold = max(10, bestScore * 0.2)
    for sibling in tree.children(parent) where nodes[sibling].tag != .text {
      if sibling == best { chosen.append(sibling); continue }
      let s = nodes[sibling]
      let density = s.chars == 0 ? 1 : Double(s.linkChars) / Double(s.chars)
      if final(sibling) >= threshold && hint(sibling) >= 0 {
        chosen.append(sibling)
      } else if s.tag == .p && s.chars > 80 && density < 0.25 {
        chosen.append(sibling)
      }
    }
    return chosen
  }

  /// ±25 for class/id words that hint at main text or furniture (`names` is `class id`,
  /// lowercased).
  static func hintWeight(_ names: String, knowledge: Knowledge) -> Double {
    guard names.utf8.count > 1 else { return 0 }
    let tokens = names.utf8.split { b in !((b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)) }
      .map { String(decoding: $0, as: UTF8.self) }
    var weight = 0.0
    // Exact words, or longer hints as a prefix (comment → comments, footer → footerbox).
    if knowledge.negativeHints.contains(where: { h in
      tokens.contains { $0 == h || (h.utf8.count >= 6 && $0.hasPrefix(h)) }
    }) { weight -= 25 }
    if knowledge.positiveHints.contains(where: { h in
      tokens.contains(h) || (h.utf8.count >= 5 && TextSearch.contains(names, h))
    }) { weight += 25 }
    return weight
  }

  static func tagWeight(_ tag: Tag) -> Double {
    switch tag {
    case .div, .article, .section, .main: return 5
    case .td, .blockquote, .pre: return 3
    case .ul, .ol, .dl, .dd, .dt, .li, .form, .address: return -3
    case .h1, .h2, .h3, .h4, .h5, .h6, .th: return -5
    default: return 0
    }
  }

  // MARK: Blocks

  static func blocks(of tree: DocumentTree, _ e: Int) -> [Block] {
    var builder = BlockBuilder(tree: tree, recording: false)
    builder.walk(e, inLink: false)
    builder.flush()
    return builder.blocks
  }

  /// The blocks an element's walk made: `blocks[start..<end]`, when they are its own lines.
  struct Run {
    var start: Int32 = 0
    var end: Int32 = 0
    var sliceable = false
  }

  /// Lines of a subtree: text accumulates as bytes and becomes a `String` only per line.
  struct BlockBuilder {
    let tree: DocumentTree
    var blocks: [Block] = []
    var text: [UInt8] = []
    var linkChars = 0
    var links = 0
    var tag = "div"
    /// Per node, the blocks its walk made (kept when `recording`).
    var runs: [Run]
    let recording: Bool

    init(tree: DocumentTree, recording: Bool) {
      self.tree = tree
      self.recording = recording
      runs = recording ? [Run](repeating: Run(), count: tree.nodes.count) : []
      text.reserveCapacity(1024)
    }

    mutating func walk(_ e: Int, inLink: Bool) {
      let node = tree.nodes[e]
      let isBlock = node.tag.isBlock
      if isBlock { flush(); tag = node.tag.name }
      if recording { runs[e].start = Int32(blocks.count) }
      if node.tag == .a { links += 1 }
      let link = inLink || node.tag == .a
      var c = e + 1
      let end = Int(node.end)
      while c < end {
        let child = tree.nodes[c]
        if child.tag == .text {
          text.append(contentsOf: tree.text[Int(child.textStart)..<Int(child.textEnd)])
          if link { linkChars += Int(child.chars) }
        } else {
          if child.tag == .img, !text.isEmpty { text.append(0x20) }
          walk(c, inLink: link)
        }
        c = Int(child.end)
      }
      if isBlock { flush(); tag = "div" }
      if recording {
        runs[e].end = Int32(blocks.count)
        runs[e].sliceable = isBlock && !inLink
      }
    }

    mutating func flush() {
      if !text.isEmpty {
        let (line, chars) = text.withUnsafeBufferPointer { squeezed($0) }
        if !line.isEmpty {
          blocks.append(Block(text: line, chars: chars, linkChars: linkChars, links: links, tag: tag))
        }
        text.removeAll(keepingCapacity: true)
      }
      linkChars = 0
      links = 0
    }
  }

  // MARK: Filtering and sections

  static func filter(_ blocks: [Block], result: Result, knowledge: Knowledge) -> [Block] {
    var out: [Block] = []
    for (i, block) in blocks.enumerated() {
      let t = block.text
      if t == result.title || (result.byline != nil && t == result.byline && i < 8) { continue }
      // The headline repeated at the top of the body, often with a kicker (…强调).
      if i < 4, let title = result.title, title.length >= 6, block.chars <= title.length + 12,
        TextSearch.contains(t, title)
      {
        continue
      }
      if block.linkDensity > 0.5 && block.chars < 200 { continue }
      if isBoilerplate(t, chars: block.chars, knowledge: knowledge) { continue }
      // Datelines; a sentence of the story that mentions a date ends like a sentence.
      if block.chars < 100, !Dates.endsSentence(t), Dates.iso(in: t) != nil,
        Dates.isDateline(t) || block.chars < 30
      {
        continue
      }
      if ["h1"].contains(block.tag) && block.chars < 60 && i < 5 { continue }
      out.append(block)
    }
    // Short link-free leftovers at the very end (e.g. a lone site name) are furniture.
    while let last = out.last, last.chars < 8, out.count > 1 { out.removeLast() }
    return out
  }

  static func isBoilerplate(_ text: String, chars: Int, knowledge: Knowledge) -> Bool {
    // A marker in a short line that does not end like a sentence: 微信“扫一扫”添加“学习大国”.
    if chars < 60, !Dates.endsSentence(text),
      knowledge.boilerplate.contains(where: { TextSearch.contains(text, $0) })
    {
      return true
    }
    if !Header.editors(in: text).isEmpty && chars < 40 { return true }
    return false
  }

  static func sections(_ blocks: [Block]) -> [Section] {
    sections(lines: blocks.map { ($0.text, $0.tag.count == 2 && $0.tag.hasPrefix("h")) })
  }

  /// Groups lines under headings: `【做法】`, short `一、…` / `（一）…` lines, h2-h6.
  static func sections(lines: [(String, Bool)]) -> [Section] {
    var out: [Section] = []
    var current = Section(heading: nil, paragraphs: [])
    let lines = lines.flatMap { line, isHeading in
      isHeading ? [(line, isHeading)] : enumeratedItems(line).map { ($0, false) }
    }
    for (line, isHeadingTag) in lines {
      if isHeadingTag || isHeading(line) {
        if current.heading != nil || !current.paragraphs.isEmpty { out.append(current) }
        current = Section(heading: line, paragraphs: [])
      } else {
        current.paragraphs.append(line)
      }
    }
    if current.heading != nil || !current.paragraphs.isEmpty { out.append(current) }
    return out
  }

  static let numerals = "一二三四五六七八九十"

  /// A paragraph that runs its items together (`…建设。一是建立培训制度。…二是…`) becomes its
  /// lead-in and one paragraph per item. Items start a clause: after 。；：！？ or at the start.
  static func enumeratedItems(_ line: String) -> [String] {
    // Two items at least: 一是 and 二是 must both be there.
    guard TextSearch.contains(line, "一是"), TextSearch.contains(line, "二是") else { return [line] }
    let scalars = Array(line.unicodeScalars)
    var starts: [Int] = []
    var expected = 0
    let digits = Array(numerals.unicodeScalars)
    var i = 0
    while i + 1 < scalars.count, expected < digits.count {
      if scalars[i] == digits[expected], scalars[i + 1] == "是",
        i == 0 || "。；：！？;:".unicodeScalars.contains(scalars[i - 1])
      {
        starts.append(i)
        expected += 1
      }
      i += 1
    }
    guard starts.count >= 2 else { return [line] }
    var pieces: [String] = []
    var from = 0
    for start in starts where start > from {
      pieces.append(String(String.UnicodeScalarView(scalars[from..<start])))
      from = start
    }
    pieces.append(String(String.UnicodeScalarView(scalars[from...])))
    return pieces.filter { !$0.isEmpty }
  }

  static func isHeading(_ line: String) -> Bool {
    // 【 (E3 80 90) has no other canonically equivalent spelling: its bytes must lead.
    if line.utf8.starts(with: [0xE3, 0x80, 0x90]), line.hasPrefix("【") && line.hasSuffix("】")
      && line.length <= 14
    {
      return true
    }
    // More than 120 bytes is more than 30 scalars: skip counting long paragraphs.
    guard line.utf8.count <= 120, line.length <= 30, !line.hasSuffix("。"), !TextSearch.contains(line, "。")
    else { return false }
    let scalars = Array(line.unicodeScalars.prefix(5))
    guard let first = scalars.first else { return false }
    if numerals.unicodeScalars.contains(first) {
      let rest = line.drop { numerals.contains($0) }
      return rest.hasPrefix("、")
    }
    if line.hasPrefix("（") || line.hasPrefix("(") {
      let rest = line.dropFirst().drop { numerals.contains($0) }
      return rest.count < line.count - 1 && (rest.hasPrefix("）") || rest.hasPrefix(")"))
    }
    return false
  }

  // MARK: XML and plain text

  static func xml(_ tree: DocumentTree) -> Result {
    var result = Result()
    result.title = tree.first(.title, in: 0).map { tree.squeezedText($0) }
    let lines = blocks(of: tree, 0).map(\.text).filter { $0 != result.title }
    result.sections = sections(lines: lines.map { ($0, false) })
    return result
  }

  /// A page saved as text: breadcrumb line, title, byline, date + source line, body, editor
  /// line, footer lines.
  static func plainText(_ text: String) -> Result {
    let knowledge = Knowledge.shared
    var result = Result()
    var lines = text.split(whereSeparator: \.isNewline).map { squeeze(String($0)) }.filter { !$0.isEmpty }
    if let first = lines.first, first.contains(">>") || first.contains("＞") || first.contains(">") {
      result.breadcrumb = crumbs(first)
      lines.removeFirst()
    }
    // The title: the first line, when it is short and not the body's first paragraph.
    if let first = lines.first, first.count <= 80, !first.hasSuffix("。"), lines.count > 1 {
      result.title = first
      lines.removeFirst()
    }
    var header = Header()
    let headerCount = lines.prefix(6).firstIndex { $0.count > 80 } ?? min(lines.count, 4)
    header.scan(Array(lines.prefix(headerCount)), knowledge: knowledge)
    result.published = header.published
    result.source = header.source
    result.byline = header.byline
    var body: [String] = []
    for (i, line) in lines.enumerated() {
      if i < headerCount && header.consumed.contains(line) { continue }
      let editors = Header.editors(in: line)
      if !editors.isEmpty { result.editors += editors }
      if isBoilerplate(line, chars: line.length, knowledge: knowledge) { continue }
      body.append(line)
    }
    result.editors = unique(result.editors)
    result.sections = sections(lines: body.map { ($0, false) })
    return result
  }

  // MARK: Text helpers

  /// White space as HTML text has it; ASCII first, then the few non-ASCII spaces (NBSP,
  /// U+3000 ideographic space, zero-width ones), without Unicode property lookups.
  @inline(__always)
  static func isSpace(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
    switch v {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
      return true
    default: return false
    }
  }

  /// Length in Unicode scalars of `text` without white space, counted on UTF-8 bytes.
  static func visibleCount(_ text: String) -> Int {
    var n = 0
    var t = text
    t.makeContiguousUTF8()
    t.utf8.withContiguousStorageIfAvailable { bytes in
      var i = 0
      let count = bytes.count
      while i < count {
        let w = spaceWidth(bytes, i)
        if w > 0 { i += w; continue }
        n += 1
        i += scalarWidth(bytes[i])
      }
    }
    return n
  }

  /// The byte length of the UTF-8 sequence led by `lead` (1 for a stray continuation byte).
  @inline(__always)
  static func scalarWidth(_ lead: UInt8) -> Int {
    lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }

  /// The byte length of the white space character at `i`, or 0 (see `isSpace`).
  @inline(__always)
  static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let c = b[i]
    if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
    let n = b.count
    switch c {
    case 0xC2 where i + 1 < n: return b[i + 1] == 0xA0 || b[i + 1] == 0x85 ? 2 : 0
    case 0xE3 where i + 2 < n: return b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0
    case 0xE2 where i + 2 < n:
      if b[i + 1] == 0x80 {
        let d = b[i + 2]
        return d <= 0x8B || d == 0xA8 || d == 0xA9 || d == 0xAF ? 3 : 0
      }
      return b[i + 1] == 0x81 && b[i + 2] == 0x9F ? 3 : 0
    case 0xEF where i + 2 < n: return b[i + 1] == 0xBB && b[i + 2] == 0xBF ? 3 : 0
    case 0xE1 where i + 2 < n: return b[i + 1] == 0x9A && b[i + 2] == 0x80 ? 3 : 0
    default: return 0
    }
  }

  /// Collapses whitespace runs (including U+3000 and NBSP) into one space and trims.
  static func squeeze(_ text: String) -> String {
    var t = text
    return t.withUTF8 { squeezed($0).text }
  }

  /// `squeeze` over UTF-8 bytes, and the characters of the result that are not white space
  /// (`visibleCount` of it).
  static func squeezed(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, chars: Int) {
    var chars = 0
    let text = String(unsafeUninitializedCapacity: bytes.count) { out in
      var o = 0
      var pendingSpace = false
      var i = 0
      let count = bytes.count
      while i < count {
        // Most of a Chinese page: U+4000-U+9FFF, never white space.
        let c = bytes[i]
        if c >= 0xE4 && c <= 0xE9 && i + 2 < count {
          if pendingSpace {
            out[o] = 0x20
            o += 1
            pendingSpace = false
          }
          chars += 1
          out[o] = c
          out[o + 1] = bytes[i + 1]
          out[o + 2] = bytes[i + 2]
          o += 3
          i += 3
          continue
        }
        let w = spaceWidth(bytes, i)
        if w > 0 {
          pendingSpace = o > 0
          i += w
          continue
        }
        if pendingSpace {
          out[o] = 0x20
          o += 1
          pendingSpace = false
        }
        chars += 1
        // A whole scalar at once: only a lead byte can start a space.
        let end = min(count, i + scalarWidth(bytes[i]))
        while i < end {
          out[o] = bytes[i]
          o += 1
          i += 1
        }
      }
      return o
    }
    return (text, chars)
  }

  /// Characters that are not white space (as `visibleCount`) and ，。、；！？ in UTF-8 bytes,
  /// and whether the bytes are valid UTF-8 (the counts are meaningless when they are not).
  static func measure(_ bytes: UnsafeBufferPointer<UInt8>) -> (chars: Int, punctuation: Int, valid: Bool) {
    var n = 0
    var punctuation = 0
    var valid = true
    var i = 0
    let count = bytes.count
    while i < count {
      let c = bytes[i]
      if c < 0x80 {
        if c == 0x2C { punctuation += 1 }
        if !(c == 0x20 || (c >= 0x09 && c <= 0x0D)) { n += 1 }
        i += 1
        continue
      }
      // Most of a Chinese page: U+4000-U+9FFF, never white space nor punctuation.
      if c >= 0xE4 && c <= 0xE9 && i + 2 < count && bytes[i + 1] & 0xC0 == 0x80
        && bytes[i + 2] & 0xC0 == 0x80
      {
        n += 1
        i += 3
        continue
      }
      let w = sequenceWidth(bytes, i)
      if w == 0 {
        valid = false
        i += 1
        continue
      }
      let space = spaceWidth(bytes, i)
      if space > 0 { i += space; continue }
      n += 1
      if w == 3 {
        let b1 = bytes[i + 1]
        let b2 = bytes[i + 2]
        if c == 0xE3 && b1 == 0x80 && (b2 == 0x82 || b2 == 0x81) {
          punctuation += 1  // 。、
        } else if c == 0xEF && b1 == 0xBC && (b2 == 0x8C || b2 == 0x9B || b2 == 0x81 || b2 == 0x9F) {
          punctuation += 1  // ，；！？
        }
      }
      i += w
    }
    return (n, punctuation, valid)
  }

  /// The length of the well-formed UTF-8 sequence at `i`, or 0 (Swift's own rules: no
  /// overlong forms, surrogates or values past U+10FFFF).
  @inline(__always)
  static func sequenceWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let c = b[i]
    let n = b.count
    if c < 0x80 { return 1 }
    if c < 0xC2 || c > 0xF4 { return 0 }
    if c < 0xE0 { return i + 1 < n && b[i + 1] & 0xC0 == 0x80 ? 2 : 0 }
    if c < 0xF0 {
      guard i + 2 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80 else { return 0 }
      if (c == 0xE0 && b[i + 1] < 0xA0) || (c == 0xED && b[i + 1] > 0x9F) { return 0 }
      return 3
    }
    guard i + 3 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80, b[i + 3] & 0xC0 == 0x80
    else { return 0 }
    if (c == 0xF0 && b[i + 1] < 0x90) || (c == 0xF4 && b[i + 1] > 0x8F) { return 0 }
    return 4
  }

  static func unique(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
  }
}

/// The lines under a headline: dateline (`2019年10月18日17:04  来源：人民网`), byline.
struct Header {
  var published: String?
  var source: String?
  var byline: String?
  var consumed: Set<String> = []

  /// Reads the dateline, source and byline from the lines under a headline. A short line is
  /// taken as the byline only next to a dateline (or when it says 作者/记者), so the first
  /// short paragraph of a story is not mistaken for one.
  mutating func scan(_ lines: [String], knowledge: Knowledge) {
    var candidate: (index: Int, text: String)?
    var datelineIndex: Int?
    for (i, line) in lines.enumerated() {
      if published == nil, line.length < 120, let date = Dates.iso(in: line) {
        published = date
        datelineIndex = i
        source = source ?? Self.source(in: line)
        if byline == nil, let author = Self.field(["作者", "文"], in: line) { byline = author }
        consumed.insert(line)
      } else if source == nil, line.length < 60, let s = Self.source(in: line) {
        source = s
        consumed.insert(line)
      } else if byline == nil, candidate == nil, let marked = Self.field(["作者", "记者", "通讯员"], in: line),
        line.length <= 40
      {
        byline = marked
        consumed.insert(line)
      } else if candidate == nil, Self.isOrganisation(line, knowledge: knowledge) {
        candidate = (i, line)
      }
    }
    if byline == nil, let candidate, let d = datelineIndex, abs(candidate.index - d) <= 2 {
      byline = candidate.text
      consumed.insert(candidate.text)
    }
  }

  /// `中共鹿寨县委组织部`: Han characters only, 4-30 of them, ending like an organisation.
  static func isOrganisation(_ line: String, knowledge: Knowledge) -> Bool {
    guard (4...30).contains(line.length) else { return false }
    let han = line.unicodeScalars.allSatisfy { s in
      (0x4E00...0x9FFF).contains(s.value) || s == "·" || s == "（" || s == "）" || s == " "
    }
    return han && knowledge.bylineSuffixes.contains { line.hasSuffix($0) }
  }

  /// `来源：人民网-中国共产党新闻网` → `人民网-中国共产党新闻网`.
  static func source(in line: String) -> String? { field(["来源", "稿源", "信息来源", "文章来源"], in: line) }

  static func field(_ names: [String], in line: String) -> String? {
    for name in names {
      guard let range = TextSearch.range(of: name, in: line) else { continue }
      var rest = line[range.upperBound...].drop { $0 == " " }
      guard let first = rest.first, first == "：" || first == ":" else { continue }
      rest = rest.dropFirst().drop { $0 == " " }
      let value = rest.prefix { !$0.isWhitespace && $0 != "|" && $0 != "｜" && $0 != "）" && $0 != ")" }
      if !value.isEmpty { return String(value) }
    }
    return nil
  }

  /// `(责编：乔业琼、秦华)` → `["乔业琼", "秦华"]`.
  static func editors(in line: String) -> [String] {
    guard line.utf8.count < 240, TextSearch.contains(line, "编"), line.length < 60 else { return [] }
    for marker in ["责任编辑", "责编", "编辑"] {
      guard let range = TextSearch.range(of: marker, in: line) else { continue }
      var rest = line[range.upperBound...].drop { $0 == " " }
      guard let first = rest.first, first == "：" || first == ":" else { continue }
      rest = rest.dropFirst()
      let value = rest.prefix { $0 != "）" && $0 != ")" && $0 != "]" && $0 != "】" }
      return value.split { "、，,/ 　".contains($0) }.map(String.init).filter { !$0.isEmpty }
    }
    return []
  }
}

/// Dates as pages write them, to ISO 8601 (Beijing time when a time is given).
enum Dates {
  /// The first date in `text`: `2019-10-18T17:04+08:00`, or `2019-10-18` without a time.
  /// Reads `2019年10月18日17:04`, `2019-10-18 17:04:05`, `2019/10/18`, `2019.10.18`, ISO with T.
  static func iso(in text: String) -> String? {
    // Every date starts with a four-digit year: most lines have none, skip them on bytes.
    var bytes = text
    let hasYear = bytes.withUTF8 { b -> Bool in
      var run = 0
      for c in b {
        run = c >= 0x30 && c <= 0x39 ? run + 1 : 0
        if run == 4 { return true }
      }
      return false
    }
    guard hasYear else { return nil }
    let s = Array(text.unicodeScalars)
    var i = 0
    while i + 3 < s.count {
      guard let year = number(s, &i, min: 4, max: 4) else { i += 1; continue }
      let afterYear = i
      guard (1900...2099).contains(year), let date = monthDay(s, &i) else { i = afterYear; continue }
      var out = "\(year)-\(twoDigits(date.0))-\(twoDigits(date.1))"
      if let time = clock(s, &i) {
        out += "T\(twoDigits(time.0)):\(twoDigits(time.1))"
        if let seconds = time.2 { out += ":\(twoDigits(seconds))" }
        out += "+08:00"
      }
      return out
    }
    return nil
  }

  /// `7` → `07`, as `%02d` (values here are 0-59); without Foundation's `String(format:)`.
  private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

  /// Digits at `i` (between `min` and `max` of them, not preceded by a digit when starting).
  private static func number(_ s: [Unicode.Scalar], _ i: inout Int, min: Int, max: Int) -> Int? {
    if i > 0 && isDigit(s[i - 1]) && min == 4 { return nil }
    var j = i
    var value = 0
    while j < s.count, j - i < max, isDigit(s[j]) {
      value = value * 10 + Int(s[j].value - 0x30)
      j += 1
    }
    guard j - i >= min, j >= s.count || !isDigit(s[j]) else { return nil }
    i = j
    return value
  }

  private static func skipSpaces(_ s: [Unicode.Scalar], _ i: inout Int) {
    while i < s.count, s[i] == " " || s[i] == "\u{3000}" || s[i] == "\u{A0}" { i += 1 }
  }

  private static func monthDay(_ s: [Unicode.Scalar], _ i: inout Int) -> (Int, Int)? {
    var j = i
    skipSpaces(s, &j)
    guard j < s.count, "-年/.".unicodeScalars.contains(s[j]) else { return nil }
    j += 1
    skipSpaces(s, &j)
    guard let month = number(s, &j, min: 1, max: 2), (1...12).contains(month) else { return nil }
    skipSpaces(s, &j)
    guard j < s.count, "-月/.".unicodeScalars.contains(s[j]) else { return nil }
    j += 1
    skipSpaces(s, &j)
    guard let day = number(s, &j, min: 1, max: 2), (1...31).contains(day) else { return nil }
    if j < s.count, s[j] == "日" { j += 1 }
    i = j
    return (month, day)
  }

  private static func clock(_ s: [Unicode.Scalar], _ i: inout Int) -> (Int, Int, Int?)? {
    var j = i
    if j < s.count, s[j] == "T" { j += 1 } else { skipSpaces(s, &j) }
    guard let hour = number(s, &j, min: 1, max: 2), hour < 24 else { return nil }
    skipSpaces(s, &j)
    guard j < s.count, ":：时".unicodeScalars.contains(s[j]) else { return nil }
    j += 1
    skipSpaces(s, &j)
    guard let minute = number(s, &j, min: 1, max: 2), minute < 60 else { return nil }
    var seconds: Int?
    var k = j
    skipSpaces(s, &k)
    if k < s.count, ":：分".unicodeScalars.contains(s[k]) {
      k += 1
      skipSpaces(s, &k)
      if let sec = number(s, &k, min: 1, max: 2), sec < 60 { seconds = sec; j = k }
    }
    i = j
    return (hour, minute, seconds)
  }

  static func hasTime(_ text: String) -> Bool { iso(in: text)?.contains("T") ?? false }

  static func endsSentence(_ text: String) -> Bool {
    // 。！？； or one of them inside a closing quote (…。”), not a bare quote (添加“学习大国”).
    var scalars = text.unicodeScalars.reversed().makeIterator()
    guard var last = scalars.next() else { return false }
    if last == "”" || last == "\"" || last == "’" {
      guard let previous = scalars.next() else { return false }
      last = previous
    }
    return "。！？；…".unicodeScalars.contains(last)
  }

  /// A line that is about the page rather than its story.
  static func isDateline(_ text: String) -> Bool {
    ["来源", "作者", "发布", "时间", "浏览", "点击", "编辑", "|", "｜", "字号", "稿源"].contains {
      TextSearch.contains(text, $0)
    }
  }
}

extension String {
  /// Length in Unicode scalars: for CJK text the same as characters, without grapheme breaking.
  /// Counted on UTF-8 bytes (every byte but continuation bytes starts a scalar), which is
  /// several times faster than walking the scalar view.
  var length: Int {
    utf8.withContiguousStorageIfAvailable { bytes in
      var n = 0
      for b in bytes where b & 0xC0 != 0x80 { n += 1 }
      return n
    } ?? unicodeScalars.count
  }
}

import Foundation
import Testing
import ZIPFoundation

@testable import Miner

/// A scratch folder per test, removed afterwards.
final class Scratch {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("caseminer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(at: url) }

  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: file)
    return file.path
  }
}

func gbk(_ text: String) throws -> [UInt8] {
  try Decoding.transcode(Array(text.utf8), from: "UTF-8", to: "GB18030", input: "test").bytes
}

func page(_ html: String, charset: String) -> String {
  """
  <html><head><meta http-equiv="Content-Type" content="text/html; charset=\(charset)">
  <title>朱镕基同志与王堃、陈喆座谈_新华网</title></head>
  <body><div class="nav"><a href="/">首页</a> <a href="/a">要闻</a></div>
  <h1>朱镕基同志与王堃、陈喆座谈</h1>
  <div class="content"><p>\(html)</p><p>2019年，全县完成目标。</p><p>会议时间为2024年5月20日。</p><p>第二段正文，讲述全县共发展党员89名，党组织覆盖率达到84.61%，成效明显。</p></div>
  </body></html>
  """
}

let pageFixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

@Suite("Decoding")
struct DecodingTests {
  struct Case: CustomStringConvertible, Sendable {
    var description: String
    var bytes: @Sendable () throws -> [UInt8]
    var transport: String? = nil
    var used: String
    var declared: String?
    var replacements: Int
    var contains: String
  }

  static let cases: [Case] = [
    Case(
      description: "a GBK page labelled gb2312 keeps 镕 堃 喆",
      bytes: { try gbk(page("镕、堃、喆都是GBK才有的字，严格的GB2312解码器会在这里截断全文。", charset: "gb2312")) },
      used: "GB18030", declared: "gb2312", replacements: 0, contains: "镕、堃、喆都是GBK才有的字"),
    Case(
      description: "a page labelled gb2312 whose bytes are UTF-8 is read as UTF-8",
      bytes: { Array(page("保存时已重新编码为UTF-8的页面，仍声明gb2312。", charset: "gb2312").utf8) },
      used: "UTF-8", declared: "gb2312", replacements: 0, contains: "仍声明gb2312"),
    Case(
      description: "invalid UTF-8 becomes U+FFFD and is counted",
      bytes: {
        Array(page("前半段有效，后面还有足够长的一段文字，用来确认替换字符留在正文里。", charset: "utf-8").utf8).replacingFirst("前半段", with: [0xE5, 0xFF])
      },
      used: "UTF-8", declared: "utf-8", replacements: 2, contains: "\u{FFFD}\u{FFFD}有效"),
    Case(
      description: "a gb2312-labelled UTF-8 page with one bad byte stays UTF-8",
      bytes: {
        Array(page("重新编码为UTF-8的页面里有一个坏字节，其余文字都应当正常显示，不能变成乱码。", charset: "gb2312").utf8)
          .replacingFirst("坏字节", with: [0xFF] + Array("坏字节".utf8))
      },
      used: "UTF-8", declared: "gb2312", replacements: 1, contains: "\u{FFFD}坏字节，其余文字都应当正常显示"),
    Case(
      description: "the transport charset wins over <meta>",
      bytes: { try gbk(page("传输层声明的字符集优先于页面内的声明。", charset: "utf-8")) },
      transport: "gbk", used: "GB18030", declared: "gbk", replacements: 0, contains: "传输层声明的字符集优先"),
    Case(
      description: "a UTF-8 BOM wins over a gb2312 label",
      bytes: { [0xEF, 0xBB, 0xBF] + Array(page("带BOM的页面。", charset: "gb2312").utf8) },
      used: "UTF-8", declared: "utf-8", replacements: 0, contains: "带BOM的页面"),
    Case(
      description: "an unlabelled GBK page is detected",
      bytes: {
        try gbk(page("没有任何字符集声明的网页，只能靠检测来判断它的编码，这一段文字足够长，检测器应当能认出是中文编码。", charset: "x").replacingOccurrences(of: "charset=x", with: ""))
      },
      used: "GB18030", declared: nil, replacements: 0, contains: "没有任何字符集声明"),
    Case(
      description: "big5 is read as Big5-HKSCS",
      bytes: {
        try Decoding.transcode(Array(page("繁體中文頁面。", charset: "big5").utf8), from: "UTF-8", to: "Big5-HKSCS", input: "t").bytes
      },
      used: "Big5-HKSCS", declared: "big5", replacements: 0, contains: "繁體中文頁面"),
  ]

  @Test(arguments: cases)
  func decodes(_ c: Case) throws {
    let raw = RawPage(uri: "case.html", bytes: try c.bytes(), transportCharset: c.transport)
    let page = try Page(parsing: raw)
    #expect(page.encoding.used == c.used)
    #expect(page.encoding.declared == c.declared)
    #expect(page.encoding.replacements == c.replacements)
    #expect(page.text.contains(c.contains), "\(page.text)")
  }

  @Test func gbkOnlyCharactersSurviveTheWholePage() throws {
    let page = try Page(parsing: RawPage(uri: "gbk.html", bytes: try gbk(page("镕", charset: "gb2312"))))
    #expect(page.title == "朱镕基同志与王堃、陈喆座谈")
    #expect(page.text.contains("84.61%"))  // the text after the GBK-only character is there
    #expect(page.text.contains("2019年，全县完成目标。"))  // sentences with dates are not datelines
    #expect(page.text.contains("会议时间为2024年5月20日。"))
  }

  struct DigestCase: Sendable, CustomTestStringConvertible {
    var input: String
    var hex: String
    var testDescription: String { "\(input.utf8.count) bytes" }
  }

  /// FIPS 180-4 vectors, plus a length whose padding needs a second block and a multi-block one.
  @Test(arguments: [
    DigestCase(input: "abc", hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    DigestCase(input: "", hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    DigestCase(
      input: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      hex: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    DigestCase(
      input: String(repeating: "a", count: 1000),
      hex: "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
  ])
  func sha256(_ c: DigestCase) {
    #expect(SHA256.hex(Array(c.input.utf8)) == c.hex)
  }
}

extension Array where Element == UInt8 {
  func replacingFirst(_ text: String, with bytes: [UInt8]) -> [UInt8] {
    let needle = Array(text.utf8)
    guard let i = indices.first(where: { self[$0...].starts(with: needle) }) else { return self }
    return Array(self[..<i]) + bytes + Array(self[(i + needle.count)...])
  }
}

@Suite("Page")
struct PageTests {
  @Test func peopleStylePage() throws {
    let url = pageFixtures.appendingPathComponent("luzhai-people.html")
    let page = try Page(parsing: RawPage(contentsOf: url))
    #expect(page.title == "广西鹿寨县：做实非公企业党建 激发园区党建活力")
    #expect(page.published == "2019-10-18T17:04+08:00")
    #expect(page.source == "人民网-中国共产党新闻网")
    #expect(page.byline == "中共鹿寨县委组织部")
    #expect(page.editors == ["乔业琼", "秦华"])
    #expect(page.breadcrumb == ["中国共产党新闻网", "党建", "第五届全国基层党建创新典型案例征集活动"])
    #expect(page.canonicalURL == "http://dangjian.people.com.cn/n1/2019/1018/c429005-31407767.html")
    #expect(page.sections.map(\.heading) == [nil, "【背景】", "【做法】", "【成效】"])
    #expect(page.text.hasPrefix("工业园区是非公企业聚集地区"))
    #expect(page.text.hasSuffix("一批党建示范点。"))
    for noise in ["扫一扫", "相关新闻", "版权所有", "分享到", "责编", "来源", "首页"] {
      #expect(!page.text.contains(noise), "\(noise) leaked into the text")
    }
  }

  @Test func seedTextPage() throws {
    let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../../shared/data/seed-luzhai.txt").standardized
    try #require(FileManager.default.fileExists(atPath: seed.path), "../shared is absent: skipped")
    let page = try Page(parsing: RawPage(contentsOf: seed))
    #expect(page.title == "广西鹿寨县:做实非公企业党建 激发园区党建活力")
    #expect(page.byline == "中共鹿寨县委组织部")
    #expect(page.published == "2019-10-18T17:04+08:00")
    #expect(page.source == "人民网-中国共产党新闻网")
    #expect(page.editors == ["乔业琼", "秦华"])
    #expect(page.breadcrumb.last == "第五届全国基层党建创新典型案例征集活动")
    #expect(page.sections.compactMap(\.heading) == ["【背景】", "【做法】", "【成效】", "【探讨】"])
    #expect(!page.text.contains("扫一扫") && !page.text.contains("责编"))
    let discussion = try #require(page.sections.first { $0.heading == "【探讨】" })
    #expect(discussion.paragraphs.contains { $0.hasPrefix("二是创新党组织活动载体方式。") })
  }

  /// Synthetic pages in three classic layouts (a table with <br> lines, <div> paragraphs with a
  /// sidebar, an article above a comment thread): the text is the four story paragraphs.
  @Test(arguments: ["table", "divs", "comments"])
  func layout(_ name: String) throws {
    let url = pageFixtures.appendingPathComponent("layouts/\(name).html")
    let page = try Page(parsing: RawPage(contentsOf: url))
    #expect(page.title == "某县党建工作取得新成效")
    #expect(page.text.split(separator: "\n").count == 4, "\(page.text)")
    #expect(page.text.hasPrefix("全县共发展党员89名"))
    #expect(page.text.hasSuffix("自觉接受广大群众的监督。"))
  }

  @Test(arguments: [
    ("三、加强制度建设。一是建立培训制度。定期培训。二是创新载体。三是规范活动。", 4),
    ("一是建立培训制度；二是创新载体。", 2),
    ("他说这不是一是一、二是二的问题。", 1),
    ("只有一是没有二。", 1),
  ])
  func enumeratedItems(_ line: String, _ count: Int) {
    #expect(Cleaning.enumeratedItems(line).count == count)
    #expect(Cleaning.enumeratedItems(line).joined() == line)
  }

  struct TitleCase: CustomStringConvertible, Sendable {
    var description: String
    var expected: String
  }

  @Test(arguments: [
    TitleCase(description: "关注青少年心理健康--健康·生活--人民网", expected: "关注青少年心理健康"),
    TitleCase(description: "广西鹿寨县：做实非公企业党建--党建-人民网", expected: "广西鹿寨县：做实非公企业党建"),
    TitleCase(description: "海外留学生看两会：出国前后关注点大不同_教育频道_中国青年网", expected: "海外留学生看两会：出国前后关注点大不同"),
    TitleCase(description: "武汉的声音：有英勇的你，才有英雄的城！-新华网", expected: "武汉的声音：有英勇的你，才有英雄的城！"),
    TitleCase(description: "新华视界｜河北遵化：数字农机服务助力农业生产", expected: "新华视界｜河北遵化：数字农机服务助力农业生产"),
  ])
  func siteSuffix(_ c: TitleCase) {
    #expect(Cleaning.stripSiteSuffix(c.description, knowledge: .shared) == c.expected)
  }
}

@Suite("Dates")
struct DateTests {
  struct Case: CustomStringConvertible, Sendable {
    var description: String
    var expected: String?
  }

  @Test(arguments: [
    Case(description: "2019年10月18日17:04    来源:人民网-中国共产党新闻网", expected: "2019-10-18T17:04+08:00"),
    Case(description: "发布时间：2020-12-08 16:40　来源：花垣县人民政府网", expected: "2020-12-08T16:40+08:00"),
    Case(description: "2024-05-13T09:16:04+08:00", expected: "2024-05-13T09:16:04+08:00"),
    Case(description: "发稿时间：2024-05-20 13:15:00", expected: "2024-05-20T13:15:00+08:00"),
    Case(description: "2023/11/17", expected: "2023-11-17"),
    Case(description: "《光明日报》（2024年05月20日 03版）", expected: "2024-05-20"),
    Case(description: "全县共发展党员2019名，覆盖率84.61%", expected: nil),
    Case(description: "电话：12019-13-45", expected: nil),
  ])
  func iso(_ c: Case) {
    #expect(Dates.iso(in: c.description) == c.expected)
  }

  @Test func lastRangeAndSplit() {
    let title = "关注青少年心理健康--健康·生活--人民网"
    let r = TextSearch.lastRange(of: "--", in: title)
    #expect(r.map { String(title[$0.upperBound...]) } == "人民网")
    #expect(TextSearch.split("人民网>>党建>>案例", by: ">>") == ["人民网", "党建", "案例"])
  }
}

@Suite("Bad input")
struct BadInputTests {
  struct Case: CustomStringConvertible, Sendable {
    var description: String
    /// Writes the input into the folder and returns its path.
    var make: @Sendable (Scratch) throws -> String
    /// Words the error must contain; nil when the input must become a page.
    var reason: String?
  }

  static let cases: [Case] = [
    Case(description: "empty file", make: { try $0.write("empty.html", []) }, reason: "empty file"),
    Case(
      description: "binary file",
      make: { try $0.write("image.html", [0x89, 0x50, 0x4E, 0x47] + (0..<4000).map { UInt8($0 % 7) }) },
      reason: "binary content"),
    Case(
      description: "random bytes with many control bytes",
      make: { try $0.write("noise.bin", (0..<5000).map { UInt8(($0 * 7919) % 251) }) },
      reason: "binary"),
    Case(
      description: "truncated gzip", make: { s in
        let tar = try tarArchive([("a.html", Array(page("完整的页面", charset: "utf-8").utf8))])
        let gz = try gzip(tar)
        return try s.write("cut.tar.gz", Array(gz.prefix(gz.count / 2)))
      }, reason: "truncated gzip"),
    Case(
      description: "truncated zip", make: { s in
        let zip = try zipArchive(s, [("a.html", Array(page("完整的页面", charset: "utf-8").utf8))])
        return try s.write("cut.zip", Array(zip.prefix(zip.count / 2)))
      }, reason: "not a readable zip"),
    Case(
      description: "zip bomb", make: { s in
        let zip = try zipArchive(s, [("bomb.html", [UInt8](repeating: 0x20, count: 20 << 20))])
        return try s.write("bomb.zip", zip)
      }, reason: "zip bomb"),
    Case(
      description: "100 MB single-line file", make: { s in
        let path = try s.write("huge.html", [])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 100 << 20)  // sparse: no 100 MB written
        try handle.close()
        return path
      }, reason: "page limit"),
    Case(
      description: "XML with an external entity", make: {
        try $0.write(
          "ext.xml",
          Array("""
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <r><title>外部实体</title><p>&x;正文</p></r>
            """.utf8))
      }, reason: nil),
    Case(
      description: "XML with billion laughs", make: {
        var dtd = "<!ENTITY lol \"lol\">"
        for i in 1...9 {
          let prev = i == 1 ? "lol" : "lol\(i - 1)"
          dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&\(prev);", count: 10) + "\">"
        }
        return try $0.write("laughs.xml", Array("<?xml version=\"1.0\"?><!DOCTYPE r [\(dtd)]><r>&lol9;</r>".utf8))
      }, reason: "entity"),
    Case(
      description: "100,000 nested tags", make: {
        let html = "<html><body>" + String(repeating: "<div>", count: 100_000) + "嵌套很深的正文。"
          + String(repeating: "</div>", count: 100_000) + "</body></html>"
        return try $0.write("deep.html", Array(html.utf8))
      }, reason: nil),
    Case(
      description: "a path that does not exist",
      make: { $0.url.appendingPathComponent("missing.html").path }, reason: "no such file"),
  ]

  func outcomes(_ path: String) -> [Source.Item] {
    var items: [Source.Item] = []
    Source(path: path).forEach { item in
      switch item {
      case .failure: items.append(item)
      case .success(let (input, raw)):
        do throws(IngestError) { _ = try Page(parsing: raw); items.append(item) } catch {
          items.append(.failure(IngestError(input: input, stage: error.stage, reason: error.reason)))
        }
      }
    }
    return items
  }

  @Test(arguments: cases)
  func reportsOrParses(_ c: Case) throws {
    let scratch = try Scratch()
    let path = try c.make(scratch)
    let items = outcomes(path)
    try #require(!items.isEmpty)
    if let reason = c.reason {
      let errors = items.compactMap { if case .failure(let e) = $0 { e } else { nil } }
      try #require(!errors.isEmpty, "expected an error for \(c.description)")
      let message = errors.map(\.description).joined(separator: "\n")
      #expect(message.contains(reason), "\(message)")
      #expect(message.contains(URL(fileURLWithPath: path).lastPathComponent), "error names the input")
    } else {
      for item in items {
        if case .failure(let e) = item { Issue.record("unexpected error: \(e)") }
      }
    }
  }

  /// Root reads files whatever their mode, so this runs only for other users.
  @Test(.enabled(if: getuid() != 0, "root can read any file"))
  func unreadableFile() throws {
    let scratch = try Scratch()
    let path = try scratch.write("locked.html", Array(page("读不到的页面。", charset: "utf-8").utf8))
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
    let errors = outcomes(path).compactMap { if case .failure(let e) = $0 { e } else { nil } }
    #expect(errors.first?.description.contains("locked.html") == true)
    #expect(errors.first?.description.contains("permission denied") == true)
  }

  @Test func externalEntityIsNotLoaded() throws {
    let scratch = try Scratch()
    let path = try BadInputTests.cases.first { $0.description.contains("external") }!.make(scratch)
    let page = try Page(parsing: RawPage(contentsOf: URL(fileURLWithPath: path)))
    #expect(!page.text.contains("root:"))
    #expect(page.text.contains("正文"))
  }

  @Test func deepNestingKeepsTheText() throws {
    let scratch = try Scratch()
    let path = try BadInputTests.cases.first { $0.description.contains("nested") }!.make(scratch)
    let page = try Page(parsing: RawPage(contentsOf: URL(fileURLWithPath: path)))
    #expect(page.text.contains("嵌套很深的正文"))
  }

  /// All bad inputs in one folder with good pages: the good ones land, each bad one is
  /// stored once with its reason, and a re-run adds nothing.
  @Test func batchGoesOnAndResumes() throws {
    let scratch = try Scratch()
    let folder = scratch.url.appendingPathComponent("batch")
    let inner = try Scratch()
    for c in BadInputTests.cases where c.reason != nil && !c.description.contains("100 MB") {
      let path = try c.make(inner)
      if FileManager.default.fileExists(atPath: path) {
        try scratch.write("batch/" + URL(fileURLWithPath: path).lastPathComponent,
          [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
      }
    }
    try scratch.write("batch/good1.html", try gbk(page("第一篇好页面，讲述镕、堃、喆。", charset: "gb2312")))
    try scratch.write("batch/good2.html", Array(page("第二篇好页面。", charset: "utf-8").utf8))
    try scratch.write(
      "batch/pages.zip", try zipArchive(inner, [("z/good3.html", Array(page("压缩包里的第三篇页面。", charset: "utf-8").utf8))]))
    let store = try Corpus(path: scratch.url.appendingPathComponent("s.sqlite").path)
    let errors = Locked<[IngestError]>([])
    let first = try Ingestion(store: store, batchSize: 2).run(
      [(folder.path, "batch"), (folder.appendingPathComponent("missing").path, "batch")],
      failure: { e in errors.withLock { $0.append(e) } })
    #expect(first.pages == 3)
    #expect(first.errors == errors.withLock { $0.count })
    #expect(first.errors == 7)  // empty, image, noise, cut.tar.gz, cut.zip, bomb.zip, missing
    let stats = try store.statistics()
    #expect(stats.documents == 3)
    #expect(stats.errors == 7)
    #expect(stats.byCorpus == ["batch": 3])
    let again = try Ingestion(store: store).run([(folder.path, "batch")])
    #expect(again.pages == 0)
    #expect(again.skipped == 3)
    #expect(again.errors == 6)  // failures are tried again, and stored once
    #expect(try store.statistics() == stats)
    // A fixed input lands and its error goes.
    try scratch.write("batch/empty.html", Array(page("修好了的页面。", charset: "utf-8").utf8))
    let fixed = try Ingestion(store: store).run([(folder.path, "batch")])
    #expect(fixed.pages == 1)
    #expect(try store.statistics().errors == 6)
    #expect(try store.statistics().documents == 4)
    // The same pages in a second corpus: same documents, new memberships.
    _ = try Ingestion(store: store).run([(folder.path, "copy")])
    let both = try store.statistics()
    #expect(both.documents == 4)
    #expect(both.byCorpus == ["batch": 4, "copy": 4])
  }

  /// A page the store refuses does not take its batch with it: the batch is written again an
  /// input at a time, the other pages land with their findings, and the refused one is kept as
  /// a `store` error naming it (here a trigger refuses one page, as a broken row would).
  @Test func aPageTheStoreRefusesLeavesTheRestOfItsBatch() throws {
    let scratch = try Scratch()
    let folder = scratch.url.appendingPathComponent("pages")
    try scratch.write("pages/a.html", Array(page("第一篇页面。", charset: "utf-8").utf8))
    try scratch.write("pages/poison.html", Array(page("被拒绝的页面。", charset: "utf-8").utf8))
    try scratch.write("pages/z.html", Array(page("第三篇页面。", charset: "utf-8").utf8))
    let store = try Corpus(path: scratch.url.appendingPathComponent("s.sqlite").path)
    try store.pool.write { db in
      try db.execute(sql: """
        CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.uri LIKE '%poison%'
        BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
        """)
    }
    let errors = Locked<[IngestError]>([])
    let run = try Ingestion(store: store, extract: true).run(
      [(folder.path, "c")], failure: { e in errors.withLock { $0.append(e) } })
    #expect(run.pages == 2)
    #expect(run.errors == 1)
    let refused = try #require(errors.withLock { $0.first })
    #expect(refused.stage == .store)
    #expect(refused.input.hasSuffix("poison.html"))
    #expect(refused.reason.contains("refused by the test") && !refused.reason.contains("INSERT"))
    let stats = try store.statistics()
    #expect(stats.documents == 2)
    #expect(stats.errors == 1)
    let stored = try store.storedDocuments()
    #expect(stored.count == 2)
    #expect(stored.allSatisfy { !$0.claims.isEmpty })
    // A re-run tries the refused page again and nothing else.
    let again = try Ingestion(store: store, extract: true).run([(folder.path, "c")])
    #expect(again.skipped == 2)
    #expect(again.errors == 1)
    #expect(try store.statistics() == stats)
  }

  @Test func warcResponsesWithHTTPCharset() throws {
    let scratch = try Scratch()
    let body = try gbk(page("WARC里的页面，字符集只在HTTP头里：镕。", charset: "x").replacingOccurrences(of: "charset=x", with: ""))
    func record(_ type: String, _ uri: String, _ block: [UInt8]) -> [UInt8] {
      Array("WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\nContent-Length: \(block.count)\r\n\r\n".utf8)
        + block + Array("\r\n\r\n".utf8)
    }
    let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\n\r\n".utf8) + body
    let warc = record("warcinfo", "", Array("software: test".utf8)) + record("response", "http://example.cn/a", http)
      + record("request", "http://example.cn/a", Array("GET /a HTTP/1.1\r\n\r\n".utf8))
      + record("response", "http://example.cn/logo.png", Array("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n".utf8) + [0x89, 0x50])
    for (name, bytes) in [("c.warc", warc), ("c.warc.gz", try gzip(warc))] {
      let path = try scratch.write(name, bytes)
      let items = outcomes(path)
      try #require(items.count == 1, "\(name)")
      guard case .success(let (input, raw)) = items[0] else { Issue.record("\(items[0])"); continue }
      #expect(input == "\(path)#http://example.cn/a")
      let page = try Page(parsing: raw)
      #expect(page.encoding.used == "GB18030")
      #expect(page.encoding.declared == "gbk")
      #expect(page.text.contains("字符集只在HTTP头里：镕"))
    }
  }
}

// MARK: Archive builders

func zipArchive(_ scratch: Scratch, _ members: [(String, [UInt8])]) throws -> [UInt8] {
  let url = scratch.url.appendingPathComponent("build-\(UUID().uuidString).zip")
  let archive = try Archive(url: url, accessMode: .create)
  for (name, bytes) in members {
    try archive.addEntry(
      with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate,
      provider: { position, size in Data(bytes[Int(position)..<(Int(position) + size)]) })
  }
  return [UInt8](try Data(contentsOf: url))
}

func tarArchive(_ members: [(String, [UInt8])]) throws -> [UInt8] {
  var out: [UInt8] = []
  for (name, bytes) in members {
    var header = [UInt8](repeating: 0, count: 512)
    func put(_ s: String, _ at: Int) { for (i, b) in s.utf8.enumerated() { header[at + i] = b } }
    put(name, 0)
    put("0000644", 100)
    put("0000000", 108)
    put("0000000", 116)
    put(String(format: "%011o", bytes.count), 124)
    put("00000000000", 136)
    put("        ", 148)
    header[156] = UInt8(ascii: "0")
    put("ustar", 257)
    put("00", 263)
    let sum = header.reduce(0) { $0 + Int($1) }
    put(String(format: "%06o", sum), 148)
    header[154] = 0
    out += header + bytes + [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
  }
  return out + [UInt8](repeating: 0, count: 1024)
}

func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
  let scratch = try Scratch()
  let path = try scratch.write("x", bytes)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/gzip")
  process.arguments = ["-kf", path]
  try process.run()
  process.waitUntilExit()
  return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
}

@Suite("Robustness")
struct RobustnessTests {
  /// Parsing never traps: random bytes, and random soups of tags, Chinese text and bad bytes,
  /// either become a page or an `IngestError`.
  @Test func arbitraryInputNeverTraps() throws {
    var rng = SplitMix(seed: 2019)
    let pieces: [[UInt8]] = [
      "<div>", "</div>", "<p>", "</p>", "<a href='x'>", "</a>", "<br>", "<table><tr><td>", "<!--",
      "-->", "<script>", "</script>", "<meta charset=gbk>", "<title>", "</title>", "<h1>", "【做法】",
      "一、", "责编：", "2019年10月18日17:04", "来源：", "，", "。", "鹿寨县", "扫一扫", ">>", "&amp;",
      "&#x4e2d;", "<?xml version='1.0'?>", "<!DOCTYPE html>", "\u{3000}", "\n",
    ].map { Array($0.utf8) } + [[0xFF], [0xE5, 0x8A], [0x00], [0xC0, 0xAF], [0x81, 0x30, 0x81, 0x30]]
    for round in 0..<300 {
      var bytes: [UInt8] = []
      if round % 3 == 0 {
        bytes = (0..<Int.random(in: 0..<2000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
      } else {
        for _ in 0..<Int.random(in: 0..<300, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
      }
      let name = round % 5 == 0 ? "r\(round).txt" : "r\(round).html"
      do {
        let page = try Page(parsing: RawPage(uri: name, bytes: bytes))
        #expect(page.uri == name)
      } catch {
        #expect(error.input == name)
        #expect(!error.reason.isEmpty)
      }
    }
  }
}

@Suite("Binary content")
struct BinaryContentTests {
  /// The share of control bytes in the first 8 KB, counted a byte at a time (what
  /// `Page.binaryKind` counts eight bytes at a time).
  static func reference(_ bytes: [UInt8]) -> Int {
    bytes.prefix(8192).filter { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains($0) }.count
  }

  @Test func controlBytesAreCountedAsByteByByte() {
    var rng = SplitMix(seed: 6)
    for _ in 0..<150 {
      let n = Int.random(in: 0...9000, using: &rng)
      // Text-like bytes (ASCII and UTF-8 lead/continuation bytes) with control bytes sprinkled
      // at a random rate, at any offset, in runs and at the unaligned tail.
      let rate = Double.random(in: 0...0.25, using: &rng)
      let bytes: [UInt8] = (0..<n).map { _ in
        Double.random(in: 0..<1, using: &rng) < rate
          ? UInt8.random(in: 0..<0x20, using: &rng)
          : [UInt8(0x41), 0x20, 0x0A, 0xE4, 0xB8, 0x80, 0x7F, 0xFF].randomElement(using: &rng)!
      }
      let control = Self.reference(bytes)
      let head = min(n, 8192)
      let expected = control * 10 > head ? "\(control * 100 / head)% control bytes" : nil
      #expect(Page.binaryKind(bytes) == expected, "\(n) bytes, \(control) control")
    }
  }
}

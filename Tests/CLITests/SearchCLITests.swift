import Foundation
import Testing

/// Runs the built `caseminer` and returns its exit status, stdout and stderr.
private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
  let process = Process()
  let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let candidates = [
    here.deletingLastPathComponent().appendingPathComponent("caseminer"),
    root.appendingPathComponent(".build/debug/caseminer"),
  ]
  guard
    let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
  else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path]) }
  process.executableURL = binary
  process.arguments = arguments
  let output = Pipe()
  let error = Pipe()
  process.standardInput = FileHandle.nullDevice
  process.standardOutput = output
  process.standardError = error
  try process.run()
  let out = output.fileHandleForReading.readDataToEndOfFile()
  let err = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (
    process.terminationStatus, String(decoding: out, as: UTF8.self),
    String(decoding: err, as: UTF8.self)
  )
}

/// Two corpora of text pages ingested into a fresh store by `caseminer ingest`.
private final class IngestedStore {
  let folder: URL
  var store: String { folder.appendingPathComponent("store.sqlite").path }

  /// Page bodies (the first line of a text page is its title).
  static let pages: [(corpus: String, name: String, title: String, body: String)] = [
    (
      "5th", "luzhai.txt", "鹿寨县：做实非公企业党建",
      "鹿寨县坚持党建引领，按照“一企一特色、一地一品牌”思路，推行“党建＋项目工程”。\n"
        + "全县推行一企一策、一村一品，党建工作成效明显。"
    ),
    (
      "6th", "many.txt", "党建重复",
      String(repeating: "党建，", count: 25) + "\n'; DROP TABLE documents; -- \"引号\""
    ),
  ]

  init() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("caseminer-search-cli-\(UUID().uuidString)")
    for page in Self.pages {
      let dir = folder.appendingPathComponent(page.corpus)
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try Data("\(page.title)\n\n\(page.body)\n".utf8).write(
        to: dir.appendingPathComponent(page.name))
    }
    let ingest = try run([
      "ingest", folder.appendingPathComponent("5th").path,
      folder.appendingPathComponent("6th").path,
      "--store", store, "--quiet",
    ])
    #expect(ingest.status == 0, "\(ingest.err)")
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func search(_ arguments: String...) throws -> (status: Int32, out: String, err: String) {
    try run(["search"] + arguments + ["--store", store])
  }
}

@Suite struct SearchCommandTests {
  @Test func jsonLinesCarrySortedKeysAndOffsetsIntoTheText() throws {
    let store = try IngestedStore()
    let result = try store.search("党建", "--json")
    #expect(result.status == 0)
    let lines = result.out.split(separator: "\n")
    #expect(lines.count == 3 + 25)  // every hit: --json is not cut to a screenful
    let keys = [
      "corpus", "county", "date", "end", "left", "match", "right", "source", "start", "title",
      "type",
    ]
    for line in lines {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object.keys.sorted() == keys)
      // Keys appear in sorted order in the line itself.
      let positions = keys.map { line.range(of: "\"\($0)\":")!.lowerBound }
      #expect(positions == positions.sorted())
      #expect(object["type"] as? String == "hit")
      #expect(object["county"] is NSNull)
      #expect(object["match"] as? String == "党建")
      let title = try #require(object["title"] as? String)
      let page = try #require(IngestedStore.pages.first { $0.title == title })
      let start = try #require(object["start"] as? Int)
      let end = try #require(object["end"] as? Int)
      let body = Array(page.body.unicodeScalars)
      #expect(String(String.UnicodeScalarView(body[start..<end])) == "党建")
      #expect(object["corpus"] as? String == page.corpus)
      #expect((object["source"] as? String)?.hasSuffix(page.name) == true)
    }
  }

  @Test func textShowsAScreenfulAndSaysHowManyMore() throws {
    let store = try IngestedStore()
    let result = try store.search("党建", "--sort", "date")
    #expect(result.status == 0)
    let hitLines = result.out.split(separator: "\n").filter { $0.contains(" | 党建 | ") }
    #expect(hitLines.count == 20)
    // Undated documents: each block starts with "date  county  [corpus]  title  source".
    #expect(result.out.hasPrefix("-  -  ["))
    #expect(result.err.contains("caseminer: 20 of 28 hits in 2 documents shown; 8 more"))
  }

  @Test func countsAndCorpusFilter() throws {
    let store = try IngestedStore()
    #expect(try store.search("党建", "--count").out == "hits\t28\ndocuments\t2\n")
    let filtered = try store.search("党建", "--count", "--corpus", "5th")
    #expect(filtered.out == "hits\t3\ndocuments\t1\ncorpus\t5th\t3\t1\n")
    let json = try store.search("党建", "--count", "--json", "--corpus", "5th", "--corpus", "6th")
    #expect(
      json.out
        == "{\"by_corpus\":{\"5th\":{\"documents\":1,\"hits\":3},\"6th\":{\"documents\":1,\"hits\":25}},"
        + "\"documents\":2,\"hits\":28,\"type\":\"count\"}\n")
  }

  @Test func templatesAndNormalisation() throws {
    let store = try IngestedStore()
    let template = try store.search("一?一?", "--json")
    #expect(template.out.components(separatedBy: "\"match\":\"一企一策\"").count == 2)
    #expect(template.out.components(separatedBy: "\"match\":\"一村一品\"").count == 2)
    let plus = try store.search("党建+项目", "--json")
    #expect(plus.out.contains("\"match\":\"党建＋项目\""))
  }

  @Test func nothingFoundExitsOne() throws {
    let store = try IngestedStore()
    let result = try store.search("不存在的词语")
    #expect(result.status == 1)
    #expect(result.out.isEmpty)
  }

  @Test(arguments: [
    "'; DROP TABLE documents; --", "\"引号\"", "党建\" OR \"1\"=\"1", "NEAR(党 建)", "党建*", "%", "_",
  ])
  func queriesThatLookLikeSQLAreText(query: String) throws {
    let store = try IngestedStore()
    let result = try store.search(query, "--count")
    #expect(result.status == 0 || result.status == 1)
    #expect(!result.err.lowercased().contains("sql"))
    let stats = try run(["stats", "--store", store.store])
    #expect(stats.out.hasPrefix("documents\t2\n"))
  }

  @Test func sqlTextInTheStoreIsFoundLiterally() throws {
    let store = try IngestedStore()
    let result = try store.search("'; DROP TABLE documents; --", "--json")
    #expect(result.status == 0)
    #expect(result.out.contains("\"match\":\"'; DROP TABLE documents; --\""))
  }

  @Test func aMissingStoreIsAnErrorAndIsNotCreated() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cm-\(UUID()).sqlite")
      .path
    let result = try run(["search", "党建", "--store", path])
    #expect(result.status == 2)
    #expect(result.err == "caseminer: no store at \(path)\n")
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func anUnreadableStoreIsAnError() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cm-\(UUID()).sqlite")
    try Data(repeating: 0x41, count: 4096).write(to: path)
    defer { try? FileManager.default.removeItem(at: path) }
    let result = try run(["search", "党建", "--store", path.path])
    #expect(result.status == 2)
    #expect(result.err.hasPrefix("caseminer: cannot open store \(path.path): "))
    #expect(!result.err.contains("SQLite error"))
  }

  @Test(arguments: [
    ["--year", "19"], ["--sort", "random"], ["--limit=-1"], ["--context=-3"], ["--year", "２０１９"],
  ])
  func badOptionsAreUsageErrors(arguments: [String]) throws {
    let store = try IngestedStore()
    let result = try run(["search", "党建", "--store", store.store] + arguments)
    #expect(result.status == 2)
    #expect(result.err.hasPrefix("caseminer: "))
  }

  @Test func anEmptyQueryIsAUsageError() throws {
    let store = try IngestedStore()
    let result = try store.search("")
    #expect(result.status == 2)
    #expect(result.err.contains("the query is empty"))
  }
}

import Foundation
import Testing

/// A store holding the sample corpus, ingested and extracted once per test process.
enum SampleStore {
  static let path: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let samples = root.appendingPathComponent("corpora/samples").path
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("cm-analytics-\(UUID()).sqlite").path
    guard (try? caseminer(["ingest", samples, "--store", store, "--quiet"]))?.status == 0,
      (try? caseminer(["extract", "--store", store]))?.status == 0
    else { return nil }
    return store
  }()

  static func require() throws -> String { try #require(path, "could not build the sample store") }
}

func jsonLines(_ out: String) throws -> [[String: Any]] {
  try out.split(separator: "\n").map {
    try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
  }
}

@Suite struct AnalyticsCommands {
  @Test(arguments: ["slogans", "compare", "reuse", "export"])
  func missingStoreIsNamedWithStatus2(_ command: String) throws {
    var args = [command, "--store", "/nonexistent/cm.sqlite"]
    if command == "export" { args += ["--format", "jsonl"] }
    let run = try caseminer(args)
    #expect(run.status == 2)
    #expect(run.err == "caseminer: no store at /nonexistent/cm.sqlite\n")
    #expect(run.out.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: "/nonexistent/cm.sqlite"))
  }

  @Test func slogansJSONListsRecurringFamilies() throws {
    let run = try caseminer(["slogans", "--store", try SampleStore.require(), "--json"])
    #expect(run.status == 0)
    let objects = try jsonLines(run.out)
    #expect(!objects.isEmpty)
    #expect(objects.allSatisfy { $0["type"] as? String == "slogan" && (($0["counties"] as? [String])?.count ?? 0) >= 2 })
    let plus = try #require(objects.first { $0["family"] as? String == "党建+*" })
    #expect((plus["counties"] as? [String])?.contains("鹿寨县") == true)
    #expect(run.out.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"corpora\":") })
  }

  @Test func exportJSONLHasOneDocumentPerLine() throws {
    let run = try caseminer(["export", "--format", "jsonl", "--store", try SampleStore.require()])
    #expect(run.status == 0)
    let objects = try jsonLines(run.out)
    #expect(objects.count == 13)
    #expect(objects.allSatisfy { $0["type"] as? String == "document" && $0["text"] is String })
  }

  @Test func exportBulkWritesBatchFiles() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("cm-bulk-\(UUID()).ndjson").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    // A batch file left by an earlier, longer export goes.
    try Data("{}\n".utf8).write(to: URL(fileURLWithPath: out + ".3"))
    let run = try caseminer(["export", "--format", "es-bulk", "--out", out, "--store", try SampleStore.require()])
    #expect(run.status == 0 && run.out.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out + ".3"))
    #expect(run.err.contains("in 1 file(s)"))
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 26)
    #expect(lines[0].hasPrefix("{\"index\":{\"_id\":"))
  }

  @Test func exportCSVHasAHeaderAndRows() throws {
    let run = try caseminer(["export", "--format", "csv", "--store", try SampleStore.require()])
    #expect(run.status == 0)
    #expect(run.out.hasPrefix("record,document_id,source,"))
  }

  @Test func unknownExportFormatIsAUsageError() throws {
    let run = try caseminer(["export", "--format", "xml", "--store", try SampleStore.require()])
    #expect(run.status == 2 && run.err.contains("unknown format xml"))
  }

  @Test func reuseJSONAlignsTheSharedSloganAcrossCounties() throws {
    let run = try caseminer(["reuse", "--store", try SampleStore.require(), "--json"])
    #expect(run.status == 0)
    let pairs = try jsonLines(run.out)
    let slogan = try #require(pairs.first { ($0["text"] as? String)?.contains("一企一特色、一地一品牌") == true })
    #expect(slogan["type"] as? String == "reuse" && slogan["cluster"] as? Int != nil)
    let a = try #require(slogan["a"] as? [String: Any])
    let b = try #require(slogan["b"] as? [String: Any])
    #expect(a["county"] as? String != b["county"] as? String)
    #expect((a["end"] as? Int ?? 0) - (a["start"] as? Int ?? 0) == (slogan["text"] as? String)?.unicodeScalars.count)
    #expect(run.err.contains("aligned pair"))
  }

  @Test func reuseRejectsATinyMinimum() throws {
    let run = try caseminer(["reuse", "--store", try SampleStore.require(), "--min-chars", "2"])
    #expect(run.status == 2 && run.err.contains("--min-chars must be at least 4"))
  }

  @Test(arguments: ["slogans", "compare", "reuse", "export"])
  func aFileThatIsNotAStoreIsNamedWithoutSQLiteJargon(_ command: String) throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("cm-notdb-\(UUID()).sqlite")
    try Data("鹿寨县\n".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    var args = [command, "--store", file.path]
    if command == "export" { args += ["--format", "jsonl"] }
    let run = try caseminer(args)
    #expect(run.status == 2)
    #expect(run.err == "caseminer: cannot open \(file.path): not a CaseMiner store (not an SQLite database)\n")
  }

  @Test func slogansOfAnUnknownCorpusAreNoneAndSaySo() throws {
    let run = try caseminer(["slogans", "--store", try SampleStore.require(), "--corpus", "nope"])
    #expect(run.status == 0 && run.out.isEmpty)
    #expect(run.err.contains("(0 documents)"))
  }
}

import Foundation
import Testing

/// The whole pipeline over the sample corpus: ingest, extract into the store, search by region.
@Suite struct PipelineCommands {
  static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpora/samples")

  @Test func ingestExtractAndSearchByRegion() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("cm-\(UUID()).sqlite").path
    defer {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
    }
    #expect(try caseminer(["ingest", Self.samples.path, "--store", store, "--quiet"]).status == 0)
    let extract = try caseminer(["extract", "--store", store, "--json"])
    #expect(extract.status == 0)
    #expect(extract.out.split(separator: "\n").count == 13)
    // Re-running extracts nothing new.
    #expect(try caseminer(["extract", "--store", store, "--json"]).out.isEmpty)

    let anji = try caseminer(["search", "党建", "--store", store, "--county", "安吉", "--json"])
    #expect(anji.status == 0)
    let hits = anji.out.split(separator: "\n").map {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(!hits.isEmpty)
    #expect(hits.allSatisfy { $0?["county"] as? String == "安吉县" })
    // By division code: Zhejiang (330000) holds Anji.
    let zhejiang = try caseminer(["search", "党建", "--store", store, "--province", "330000", "--count"])
    #expect(zhejiang.out.contains("documents"))
    #expect(try caseminer(["search", "党建", "--store", store, "--county", "不存在县"]).status == 1)
  }

  /// `ingest --extract` over pages with bad inputs among them (a PNG, an empty file) and a page
  /// twice: the bad inputs become errors (status 2), every page is stored with its findings,
  /// and nothing is left for `extract --store`. A batch once failed whole here (a finding
  /// pointed at the wrong document number when a failed input came before its page).
  @Test func ingestWithExtractStoresPagesBesideBadInputs() throws {
    try withScratchFolder { dir in
      let pages = dir.appendingPathComponent("pages")
      try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
      let gov = Self.samples.appendingPathComponent("gov")
      let names = try FileManager.default.contentsOfDirectory(atPath: gov.path).filter { $0.hasSuffix(".html") }
      for name in names {
        try FileManager.default.copyItem(at: gov.appendingPathComponent(name), to: pages.appendingPathComponent(name))
      }
      try FileManager.default.copyItem(
        at: gov.appendingPathComponent(names[0]), to: pages.appendingPathComponent("z-again.html"))
      try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).write(to: pages.appendingPathComponent("a-image.html"))
      try Data().write(to: pages.appendingPathComponent("b-empty.html"))
      let store = dir.appendingPathComponent("store.sqlite").path
      let ingest = try caseminer(["ingest", pages.path, "--store", store, "--quiet", "--extract"])
      #expect(ingest.status == 2)
      #expect(ingest.err.contains("a-image.html") && ingest.err.contains("b-empty.html"))
      #expect(!ingest.err.contains("cannot write"))
      #expect(try caseminer(["extract", "--store", store, "--json"]).out.isEmpty)
      let export = try caseminer(["export", "--store", store, "--format", "jsonl"])
      let records = export.out.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
      #expect(records.count == names.count)
      #expect(records.allSatisfy { ($0["claims"] as? [Any])?.isEmpty == false })
      let stats = try caseminer(["stats", "--store", store])
      #expect(stats.out.contains("errors\t2"))
    }
  }

  /// `ingest --extract` stores the same findings in one pass as ingest + `extract --store` in two.
  @Test func ingestWithExtractStoresWhatTwoPassesStore() throws {
    try withScratchFolder { dir in
      let one = dir.appendingPathComponent("one.sqlite").path
      let two = dir.appendingPathComponent("two.sqlite").path
      #expect(try caseminer(["ingest", Self.samples.path, "--store", one, "--quiet", "--extract"]).status == 0)
      // Nothing is left for a second pass, and re-running the one pass adds nothing.
      #expect(try caseminer(["extract", "--store", one, "--json"]).out.isEmpty)
      #expect(try caseminer(["ingest", Self.samples.path, "--store", one, "--quiet", "--extract"]).status == 0)
      #expect(try caseminer(["ingest", Self.samples.path, "--store", two, "--quiet"]).status == 0)
      #expect(try caseminer(["extract", "--store", two, "--json"]).status == 0)
      let exportOne = try caseminer(["export", "--store", one, "--format", "jsonl"])
      let exportTwo = try caseminer(["export", "--store", two, "--format", "jsonl"])
      #expect(exportOne.status == 0)
      #expect(exportOne.out.split(separator: "\n").count == 13)
      #expect(exportOne.out == exportTwo.out)
      #expect(exportOne.out.contains("\"claims\""))
    }
  }

  /// `--threads N` parses on N threads and stores the same; fewer than one is a usage error.
  @Test func ingestOnOneThreadStoresWhatAllCoresStore() throws {
    try withScratchFolder { dir in
      let one = dir.appendingPathComponent("one.sqlite").path
      let all = dir.appendingPathComponent("all.sqlite").path
      #expect(try caseminer(["ingest", Self.samples.path, "--store", one, "--quiet", "--extract", "--threads", "1"]).status == 0)
      #expect(try caseminer(["ingest", Self.samples.path, "--store", all, "--quiet", "--extract"]).status == 0)
      let exportOne = try caseminer(["export", "--store", one, "--format", "jsonl"])
      #expect(exportOne.out.split(separator: "\n").count == 13)
      #expect(exportOne.out == (try caseminer(["export", "--store", all, "--format", "jsonl"])).out)
      let zero = try caseminer(["ingest", Self.samples.path, "--store", one, "--threads", "0"])
      #expect(zero.status == 2)
      #expect(zero.err.contains("--threads must be at least 1, not 0"))
    }
  }
}

/// The region of a page is the same in every process. It once depended on dictionary order
/// (Swift seeds hashing per process): this generated page about 花垣县 came out as 廊坊经济技术
/// 开发区 in about one run of three, because two candidates tied.
@Suite struct RegionDeterminism {
  @Test func sameRegionInEveryProcess() throws {
    let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("MinerTests/Fixtures/regression/region-tie-huayuan.html").path
    var regions = Set<String>()
    for _ in 0..<8 {
      let run = try caseminer(["extract", "--json", page])
      #expect(run.status == 0)
      let object = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
      regions.insert((object?["region"] as? [String: Any])?["county"] as? String ?? "none")
    }
    #expect(regions == ["花垣县"])
  }
}

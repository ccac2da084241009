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
}

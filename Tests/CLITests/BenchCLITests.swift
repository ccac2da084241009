import Foundation
import Testing

/// `caseminer bench` reads pages as `ingest` does: an archive is its pages, not one page.
@Suite struct BenchCommandTests {
  static let samples = PipelineCommands.samples

  static func report(_ arguments: [String]) throws -> (status: Int32, json: [String: Any]?, err: String) {
    let run = try caseminer(["bench", "--json", "--threads", "1"] + arguments)
    let json = try? JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
    return (run.status, json, run.err)
  }

  /// The zip among the samples holds four pages; before, bench timed the zip's bytes as one page.
  @Test func anArchiveIsItsPages() throws {
    let run = try Self.report([Self.samples.appendingPathComponent("more-cases.zip").path])
    #expect(run.status == 0)
    let json = try #require(run.json)
    #expect(json["pages"] as? Int == 4)
    #expect(json["unreadable"] as? Int == 0)
    let stages = (json["stages"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(stages == ["read", "decode", "parse", "clean", "segment", "extract", "store"])
    #expect((json["end_to_end"] as? [String: Any])?["pages_per_second"] as? Double ?? 0 > 0)
  }

  /// A folder counts what `ingest` stores from it: its pages and the pages of the zip inside.
  @Test func aFolderCountsWhatIngestReads() throws {
    let run = try Self.report([Self.samples.path])
    #expect(run.status == 0)
    #expect(run.json?["pages"] as? Int == 13)
  }

  @Test func unreadableInputsAreCountedAndNamed() throws {
    let missing = "/nonexistent-\(UUID())/page.html"
    let run = try Self.report([missing, Self.samples.appendingPathComponent("more-cases.zip").path])
    #expect(run.status == 0)
    #expect(run.json?["pages"] as? Int == 4)
    #expect(run.json?["unreadable"] as? Int == 1)
    #expect(run.err.contains(missing))
    let nothing = try Self.report([missing])
    #expect(nothing.status == 2)
    #expect(nothing.err.contains("no pages to measure"))
  }
}

import Foundation
import Testing

@testable import Miner

/// The shared data beside the repository (../shared/data), absent in a user's clone.
enum SharedData {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/data")
  static let seed = directory.appendingPathComponent("seed-luzhai.txt")
  static let casesDev = directory.appendingPathComponent("cases-dev")
  static var hasSeed: Bool { FileManager.default.fileExists(atPath: seed.path) }
  static var hasCasesDev: Bool {
    FileManager.default.fileExists(atPath: casesDev.appendingPathComponent("gold.jsonl").path)
  }
}

/// The reference document (鹿寨县, 2019): all 22 claims and nothing else, all 8 firms.
@Suite(
  "Seed page 鹿寨县", .enabled(if: SharedData.hasSeed, "../shared/data/seed-luzhai.txt is absent"))
struct ExtractSeedTests {
  static func findings() throws -> (text: String, findings: Findings) {
    let text = try String(contentsOf: SharedData.seed, encoding: .utf8)
    return (text, ExtractFixture.extractor.findings(inPlainText: text))
  }

  @Test func findsTheTwentyTwoClaims() throws {
    let (_, f) = try Self.findings()
    #expect(
      f.claims.map(\.text) == [
        "64名", "30名", "53个", "100多万元", "300多万元", "20多个", "16个", "7家", "26名", "8家", "65个",
        "34个", "26个", "8个", "55个", "84.61%", "89名", "7个", "8个", "6个", "110余万元", "1000余个",
      ])
  }

  @Test func findsTheEightFirms() throws {
    let (_, f) = try Self.findings()
    #expect(
      Set(f.firms.map(\.text)) == [
        "七色珠光公司", "清华紫荆(柳州)技术转移中心", "广西云亭烯技术有限公司", "柳州紫荆循环科技有限公司",
        "广西七色珠光有限责任公司", "广西万超汽车电器有限责任公司", "广西七色珠光材料股份有限公司", "贵盛公司",
      ])
  }

  @Test func regionIsLuzhai() throws {
    let (_, f) = try Self.findings()
    #expect(f.region == Region(province: "广西壮族自治区", city: "柳州市", county: "鹿寨县", code: "450223"))
  }

  /// Every span lies inside the text and spells the finding (Unicode scalar offsets).
  @Test func spansPointBackIntoTheText() throws {
    let (text, f) = try Self.findings()
    let scalars = Array(text.unicodeScalars)
    func at(_ s: Int, _ e: Int) -> String { String(String.UnicodeScalarView(scalars[s..<e])) }
    for c in f.claims { #expect(at(c.start, c.end) == c.text) }
    for x in f.firms { #expect(at(x.start, x.end) == x.text) }
    for s in f.slogans { #expect(at(s.start, s.end) == s.text) }
    for c in f.claims { #expect(c.sentence.contains(c.text)) }
  }
}

/// Accuracy over cases-dev is a benchmark gate (benchmarks/extract/gate.sh); here only that the
/// scorer reads the gold file and agrees with itself on a perfect prediction.
@Suite(
  "Extraction scoring", .enabled(if: SharedData.hasCasesDev, "../shared/data/cases-dev is absent"))
struct ExtractScoringTests {
  @Test func goldScoredAgainstItselfIsPerfectForFirms() throws {
    let gold = try GoldDocument.load(from: SharedData.casesDev.appendingPathComponent("gold.jsonl"))
    #expect(gold.count >= 10)
    var predicted: [String: Findings] = [:]
    for g in gold {
      predicted[g.id] = Findings(
        firms: g.firms.map {
          Firm(text: $0, canonical: $0, kind: .firm, start: 0, end: 0, sentence: "")
        })
    }
    let score = ExtractionScore.score(gold: gold, predicted: predicted)
    #expect(score.firms.f1 == 1)
    #expect(score.claims.predicted == 0)
  }

  @Test func documentIDIsTheFileStem() {
    #expect(GoldDocument.id(forSource: "/data/cases-dev/005.txt") == "005")
    #expect(GoldDocument.id(forSource: "../shared/data/seed-luzhai.txt") == "seed")
  }
}

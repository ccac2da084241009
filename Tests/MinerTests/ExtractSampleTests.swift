import Foundation
import Testing

@testable import Miner

/// A case page written for the project (Fixtures/extract/sample-case-page.txt): the whole
/// pipeline from plain text with header lines, without ../shared.
@Suite("Sample case page")
struct ExtractSampleTests {
  static func findings() throws -> Findings {
    let url = try #require(
      Bundle.module.url(
        forResource: "sample-case-page", withExtension: "txt", subdirectory: "Fixtures/extract"))
    return ExtractFixture.extractor.findings(
      inPlainText: try String(contentsOf: url, encoding: .utf8))
  }

  @Test func regionFromTitleAndByline() throws {
    let f = try Self.findings()
    #expect(f.region?.county == "花垣县")
    #expect(f.region?.city == "湘西土家族苗族自治州")
    #expect(f.region?.province == "湖南省")
  }

  @Test func claims() throws {
    let texts = try Self.findings().claims.map(\.text)
    #expect(
      texts == [
        "12个", "218个", "31.6万人", "三年", "10万元以上", "35%", "72%", "218名", "650余人", "85%以上",
        "1000亩", "533户", "1200余人", "约4000元", "8至10元", "不少于50万元",
      ])
  }

  @Test func firmsAndCooperatives() throws {
    let firms = try Self.findings().firms
    #expect(firms.map(\.text) == ["湖南青山果业有限责任公司", "花垣县白云村果蔬种植专业合作社", "青山果业公司"])
    #expect(firms.map(\.kind) == [.firm, .cooperative, .firm])
    #expect(firms[0].canonical == firms[2].canonical)
  }

  @Test func slogans() throws {
    let texts = try Self.findings().slogans.map(\.text)
    #expect(
      texts == [
        "党建+产业", "支部+企业+合作社+农户", "一肩挑", "村集体+公司+农户",
        "党组织建在产业链上、党员聚在产业链上、群众富在产业链上",
      ])
  }
}

/// `sentences: false` (what ingest and the store use) finds the same findings at the same
/// places, with the sentence left as a range only.
@Suite struct FindingsWithoutSentenceStrings {
  @Test func sameFindingsSameRangesNoStrings() throws {
    let url = try #require(
      Bundle.module.url(forResource: "sample-case-page", withExtension: "txt", subdirectory: "Fixtures/extract"))
    let text = try String(contentsOf: url, encoding: .utf8)
    let header = PlainTextHeader(text)
    let full = ExtractFixture.extractor.findings(in: text, title: header.title, byline: header.byline)
    let bare = ExtractFixture.extractor.findings(in: text, title: header.title, byline: header.byline, sentences: false)
    #expect(!full.claims.isEmpty && !full.firms.isEmpty && !full.slogans.isEmpty)
    #expect(bare.region == full.region)
    #expect(bare.claims.map(\.text) == full.claims.map(\.text))
    #expect(bare.claims.map(\.start) == full.claims.map(\.start))
    #expect(bare.claims.map(\.sentenceRange) == full.claims.map(\.sentenceRange))
    #expect(bare.firms.map(\.sentenceRange) == full.firms.map(\.sentenceRange))
    #expect(bare.slogans.map(\.sentenceRange) == full.slogans.map(\.sentenceRange))
    #expect(bare.claims.allSatisfy { $0.sentence.isEmpty } && bare.firms.allSatisfy { $0.sentence.isEmpty })
    // The range spells the sentence the full run made.
    let scalars = Array(text.unicodeScalars)
    for claim in full.claims {
      #expect(String(String.UnicodeScalarView(scalars[claim.sentenceRange])) == claim.sentence)
    }
  }
}

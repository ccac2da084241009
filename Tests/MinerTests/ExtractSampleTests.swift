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

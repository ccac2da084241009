import Foundation
import Testing

@testable import Miner

@Suite("Compare")
struct CompareTests {
  static func documents() throws -> [StoredDocument] {
    [
      try analyzed(
        "目前,鹿寨工业园区纳入党建工作基数的非公企业65个,已建立党组织34个,其中单独组建的党组织26个,联合组建8个,共覆盖园区非公企业55个,党组织覆盖率84.61%。按照“一企一特色、一地一品牌”思路,推行“党建+项目工程”,在广西七色珠光材料股份有限公司建立党员创新工作室。",
        id: "a", county: "鹿寨县"),
      try analyzed(
        "晋江市非公企业党组织覆盖率达到98.7%,推行“一村一品、一社一标”,恒安集团有限公司推行“党建+品牌”。",
        id: "b", county: "晋江市", city: "泉州市", province: "福建省"),
      try analyzed(
        "全县非公企业党组织覆盖率96.5%,推行“党建+产业”,建立党组织18个,其中单独组建20个,联合组建5个。",
        id: "c", county: "安吉县", city: "湖州市", province: "浙江省"),
    ]
  }

  @Test func sloganFamiliesAreCountedPerCounty() throws {
    let c = Comparison(documents: try Self.documents(), by: .county)
    #expect(c.regions.map(\.label) == ["安吉县", "晋江市", "鹿寨县"])
    let plus = try #require(c.slogans.first { $0.family == "党建+*" })
    #expect(plus.documents == [1, 1, 1])
    let oneXoneY = try #require(c.slogans.first { $0.family == "一X一Y、一X一Y" })
    #expect(oneXoneY.documents == [0, 1, 1])
  }

  @Test func coverageRatesStandSideBySide() throws {
    let c = Comparison(documents: try Self.documents(), by: .county)
    let row = try #require(c.claims.first { $0.subject == "党组织覆盖率" && $0.unit == "%" })
    #expect(row.values.map { $0.map(\.value) } == [[96.5], [98.7], [84.61]])
  }

  @Test func inconsistentSumIsFlaggedForItsCounty() throws {
    let c = Comparison(documents: try Self.documents(), by: .county)
    #expect(c.inconsistencies.map(\.region) == ["安吉县"])
    #expect(c.inconsistencies.first?.check.explanation.hasPrefix("20 + 5 = 25 > stated 18") == true)
    #expect(c.consistency.contains { $0.region == "鹿寨县" && $0.check.rule == .ratio && $0.check.status == .consistent })
  }

  @Test func groupingByProvinceAndCorpus() throws {
    let docs = try Self.documents()
    #expect(Comparison(documents: docs, by: .province).regions.map(\.label) == ["广西壮族自治区", "浙江省", "福建省"])
    #expect(Comparison(documents: docs, by: .corpus).regions.map(\.label) == ["test"])
  }

  struct SubjectCase: CustomTestStringConvertible, Sendable {
    var subject: String
    var key: String
    var testDescription: String { subject }
  }

  @Test(arguments: [
    SubjectCase(subject: "非公企业党组织覆盖率", key: "党组织覆盖率"),
    SubjectCase(subject: "全县党组织覆盖率达到", key: "党组织覆盖率"),
    SubjectCase(subject: "两新组织党组织覆盖率", key: "党组织覆盖率"),
    SubjectCase(subject: "累计发展党员", key: "发展党员"),
    SubjectCase(subject: "整合资金", key: "资金"),
    SubjectCase(subject: "园区联合党委下设党支部", key: "党支部"),
    SubjectCase(subject: "茶农人均茶叶收入", key: "茶农人均茶叶收入"),
  ])
  func subjectsAreNormalisedALittle(_ c: SubjectCase) {
    #expect(Comparison.subjectKey(c.subject) == c.key)
  }

  @Test func keynessScoresMatchHandComputedValues() {
    // 10 of 1000 here, 0 of 1000 elsewhere: E = 5, G² = 2 · 10 · ln 2.
    #expect(abs(Keyness.logLikelihood(a: 10, b: 0, focusTotal: 1000, referenceTotal: 1000) - 20 * log(2.0)) < 1e-9)
    #expect(Keyness.simpleMaths(a: 10, b: 0, focusTotal: 1000, referenceTotal: 1000) == 10_001)
    #expect(Keyness.logLikelihood(a: 5, b: 5, focusTotal: 100, referenceTotal: 100) == 0)
  }

  @Test func distinctiveFormulationsComeFromTheirRegion() throws {
    var docs = try Self.documents()
    docs[0].text += "推行组织联建、产业联培。组织联建带动产业联培，以组织联建促发展。"
    // A reference as large as the focus: keyness needs something to compare against.
    for k in 1...2 { docs[k].text += String(repeating: "坚持以党建引领基层治理。", count: 20) }
    let c = Comparison(documents: docs, by: .county)
    let luzhai = try #require(c.keyness.first { $0.region == "鹿寨县" })
    #expect(luzhai.terms.map(\.term).contains("组织联建"))
    #expect(!luzhai.terms.contains { $0.term.contains("鹿寨") })
  }

  @Test func htmlEscapesEveryDocumentString() throws {
    var docs = try Self.documents()
    let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>"
    docs[0].region?.county = hostile
    docs[0].uri = hostile
    let html = Comparison(documents: docs, by: .county).html(title: hostile)
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    #expect(!html.contains("http://") || html.components(separatedBy: "http://").count == 3)  // SVG namespaces only
  }

  @Test(arguments: ReportFormat.allCases)
  func everyFormatRendersEveryTable(_ format: ReportFormat) throws {
    let out = Comparison(documents: try Self.documents(), by: .county).rendered(as: format)
    #expect(out.contains("鹿寨县"))
    if format == .json {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
      #expect(object["type"] as? String == "comparison")
    }
  }
}

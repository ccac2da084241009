import Testing

@testable import Miner

@Suite("Firms")
struct ExtractFirmsTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var sentence: String
    var firms: [String]
    var kinds: [FirmKind]? = nil
    var testDescription: String { sentence }
  }

  static let cases: [Case] = [
    Case(sentence: "指导浙江华友钴业股份有限公司建立党委。", firms: ["浙江华友钴业股份有限公司"]),
    Case(sentence: "孵化柳州紫荆循环科技有限公司等7家科技企业。", firms: ["柳州紫荆循环科技有限公司"]),
    Case(
      sentence: "先后在清华紫荆(柳州)技术转移中心、广西云亭烯技术有限公司等非公企业组建了党组织。",
      firms: ["清华紫荆(柳州)技术转移中心", "广西云亭烯技术有限公司"]),
    Case(
      sentence: "打造了广西七色珠光有限责任公司党总支、广西万超汽车电器有限责任公司党支部等示范点。",
      firms: ["广西七色珠光有限责任公司", "广西万超汽车电器有限责任公司"]),
    Case(sentence: "引导贵盛公司走“党建+安全生产”道路。", firms: ["贵盛公司"]),
    Case(sentence: "中国人寿保险公司贺州分公司加入联盟。", firms: ["中国人寿保险公司贺州分公司"]),
    Case(
      sentence: "组建了金星村葡萄种植专业合作社。", firms: ["金星村葡萄种植专业合作社"],
      kinds: [.cooperative]),
    Case(sentence: "选派到该公司指导党建工作。", firms: []),
    Case(sentence: "有了指导员,我们公司的党建活动愈发特色化。", firms: []),
    Case(sentence: "建好建强集体经济联营公司。", firms: []),
    Case(sentence: "依托工业园区党群服务中心开展活动。", firms: []),
    Case(sentence: "引进TCL科技集团,吸引科技公司3家入驻。", firms: ["TCL科技集团"]),
    Case(sentence: "引进正大、温氏和新希望等5家龙头企业。", firms: ["正大", "温氏", "新希望"]),
    Case(sentence: "引进电子信息、新材料等3家企业。", firms: []),
  ]

  @Test(arguments: cases)
  func findsFirms(_ c: Case) {
    let firms = ExtractFixture.extractor.findings(in: c.sentence, title: nil, byline: nil).firms
    #expect(firms.map(\.text) == c.firms)
    if let kinds = c.kinds { #expect(firms.map(\.kind) == kinds) }
    let scalars = Array(c.sentence.unicodeScalars)
    for f in firms {
      #expect(String(String.UnicodeScalarView(scalars[f.start..<f.end])) == f.text)
    }
  }

  /// 七色珠光公司, 广西七色珠光有限责任公司 and 广西七色珠光材料股份有限公司 are one firm.
  @Test func aliasesShareACanonicalKey() {
    let text = "七色珠光公司党群活动室;打造了广西七色珠光有限责任公司党总支;指导广西七色珠光材料股份有限公司创建模式。"
    let firms = ExtractFixture.extractor.findings(in: text, title: nil, byline: nil).firms
    #expect(firms.count == 3)
    #expect(Set(firms.map(\.canonical)) == ["七色珠光"])
  }

  /// A township (东湖乡) is not taken for the district with the same short name (东湖区).
  @Test func cooperativeKeyKeepsItsTownship() throws {
    let text = "依托德阳市旌阳区东湖乡绿色蔬菜种植专业合作社带动农户。"
    let firm = try #require(
      ExtractFixture.extractor.findings(in: text, title: nil, byline: nil).firms.first)
    #expect(firm.kind == .cooperative)
    #expect(firm.canonical == "东湖乡绿色蔬菜种植")
  }

  /// 以下简称“…”: the quoted short name is the same firm, and not a slogan.
  @Test func abbreviationInQuotes() {
    let text = "指导广西七色珠光材料股份有限公司(以下简称“七色珠光”)创建模式。"
    let f = ExtractFixture.extractor.findings(in: text, title: nil, byline: nil)
    #expect(f.firms.map(\.text) == ["广西七色珠光材料股份有限公司", "七色珠光"])
    #expect(Set(f.firms.map(\.canonical)).count == 1)
    #expect(f.slogans.isEmpty)
  }

  /// A short form without suffix is found once its long form is known: 正丰农业 ← 贺州正丰农业公司.
  @Test func shortFormWithoutSuffix() {
    let text = "正丰农业、万升岗石等单位加入联盟。贺州市民间金融协会、贺州正丰农业公司积极发挥优势。"
    let firms = ExtractFixture.extractor.findings(in: text, title: nil, byline: nil).firms
    #expect(firms.map(\.text).contains("正丰农业"))
    #expect(firms.map(\.text).contains("贺州正丰农业公司"))
  }
}

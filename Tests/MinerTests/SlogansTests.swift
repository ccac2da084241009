import Testing

@testable import Miner

@Suite("Slogan families")
struct SlogansTests {
  static func documents() throws -> [StoredDocument] {
    [
      try analyzed(
        "按照“一企一特色、一地一品牌”思路,推行“党建+项目工程”。", id: "a", county: "鹿寨县",
        published: "2019-06-12T09:30:00+08:00", corpora: ["5th"]),
      try analyzed(
        "推行“支部+合作社+农户”模式,实行“一村一品、一社一标”。", id: "b", county: "湄潭县",
        city: "遵义市", province: "贵州省", published: "2021-03-26", corpora: ["6th"]),
      try analyzed(
        "以“党建+产业”为抓手,推行“一村一品、一社一标”。", id: "c", county: "湄潭县", city: "遵义市",
        province: "贵州省", published: "2020-01-02", corpora: ["6th"]),
      try analyzed("创新“党建+积分”管理。", id: "d", county: nil, city: nil),
    ]
  }

  @Test func familiesCollectVariantsCountiesAndDates() throws {
    let families = SloganFamily.families(in: try Self.documents(), minCounties: 2)
    let oneXoneY = try #require(families.first { $0.family == "一X一Y、一X一Y" })
    #expect(oneXoneY.variants == ["一村一品、一社一标", "一企一特色、一地一品牌"])
    #expect(oneXoneY.counties == ["湄潭县", "鹿寨县"])
    #expect(oneXoneY.corpora == ["5th", "6th"])
    #expect(oneXoneY.documents == 3 && oneXoneY.mentions == 3)
    #expect(oneXoneY.first == "2019-06-12" && oneXoneY.last == "2021-03-26")
    let plus = try #require(families.first { $0.family == "党建+*" })
    // The document without a region counts as a document, not as a county.
    #expect(plus.documents == 3 && plus.counties == ["湄潭县", "鹿寨县"])
  }

  struct ThresholdCase: CustomTestStringConvertible, Sendable {
    var minCounties: Int
    var hasSingleCountyFamily: Bool
    var testDescription: String { "min \(minCounties)" }
  }

  @Test(arguments: [
    ThresholdCase(minCounties: 1, hasSingleCountyFamily: true),
    ThresholdCase(minCounties: 2, hasSingleCountyFamily: false),
  ])
  func minCountiesDropsLocalFamilies(_ c: ThresholdCase) throws {
    let families = SloganFamily.families(in: try Self.documents(), minCounties: c.minCounties)
    #expect(families.contains { $0.family == "支部+*" } == c.hasSingleCountyFamily)
    #expect(families.allSatisfy { $0.counties.count >= c.minCounties })
  }
}

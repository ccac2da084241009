import Testing

@testable import Miner

@Suite("Reuse")
struct ReuseTests {
  static let shared = "坚持把党建引领作为推动园区企业高质量发展的根本保证"  // 25 characters

  static func doc(_ id: String, _ text: String, county: String?, code: String? = nil) -> StoredDocument {
    StoredDocument(
      id: id, uri: "\(id).txt", region: county.map { Region(province: nil, city: nil, county: $0, code: code ?? $0) },
      text: text)
  }

  @Test func aPlantedPassageIsFoundWithOffsetsOnBothSides() {
    let a = Self.doc("a", "鹿寨县" + Self.shared + "。", county: "鹿寨县")
    let b = Self.doc("b", "晋江市近年来" + Self.shared + ",成效明显。", county: "晋江市")
    let pairs = Reuse.pairs(in: [a, b])
    #expect(pairs.count == 1)
    let p = pairs[0]
    #expect(p.text == Self.shared)
    #expect(p.a.start == 3 && p.a.end == 28 && p.a.county == "鹿寨县")
    #expect(p.b.start == 6 && p.b.end == 31 && p.b.county == "晋江市")
    #expect(p.cluster == 1)
  }

  @Test func theSameCountyIsNotReuse() {
    let a = Self.doc("a", "一" + Self.shared, county: "鹿寨县")
    let b = Self.doc("b", "二" + Self.shared, county: "鹿寨县")
    #expect(Reuse.pairs(in: [a, b]).isEmpty)
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var a: String
    var b: String
    var minChars: Int
    var texts: [String]
    var testDescription: String { name }
  }

  @Test(arguments: [
    Case(
      name: "texts that share nothing", a: "鹿寨县党组织覆盖率达84.61%,园区企业发展良好。",
      b: "晋江市推行党建+品牌,恒安集团建立党委。", minChars: 12, texts: []),
    Case(
      name: "an 11-character overlap is below the default", a: "甲乙丙“一企一特色、一地一品牌”丁",
      b: "戊己“一企一特色、一地一品牌”庚", minChars: 14, texts: []),
    Case(
      name: "a slogan-scale passage at the default", a: "甲乙丙按照“一企一特色、一地一品牌”思路丁",
      b: "戊己按照“一企一特色、一地一品牌”思路庚", minChars: 12, texts: ["按照“一企一特色、一地一品牌”思路"]),
    Case(
      name: "two passages, one pair each", a: "鹿寨县" + shared + "。另外,开展“三亮三比三评”活动,成效显著。",
      b: "开展“三亮三比三评”活动,成效显著。晋江市" + shared, minChars: 12,
      texts: [shared, "开展“三亮三比三评”活动,成效显著。"]),
  ])
  func findsMaximalSharedPassages(_ c: Case) {
    let pairs = Reuse.pairs(
      in: [Self.doc("a", c.a, county: "鹿寨县"), Self.doc("b", c.b, county: "晋江市")], minChars: c.minChars)
    #expect(pairs.map(\.text).sorted() == c.texts.sorted())
    for p in pairs {
      let a = Array(c.a.unicodeScalars)[p.a.start..<p.a.end]
      let b = Array(c.b.unicodeScalars)[p.b.start..<p.b.end]
      #expect(String(String.UnicodeScalarView(a)) == p.text && String(String.UnicodeScalarView(b)) == p.text)
    }
  }

  @Test func copiesInThreeCountiesFormOneCluster() {
    let docs = [
      Self.doc("a", "一" + Self.shared, county: "鹿寨县"),
      Self.doc("b", "二二" + Self.shared, county: "晋江市"),
      Self.doc("c", Self.shared + "三", county: "安吉县"),
      Self.doc("d", "这一篇与其他文字毫无共同之处,只谈茶叶。", county: "勐海县"),
    ]
    let pairs = Reuse.pairs(in: docs)
    #expect(pairs.count == 2)  // star: b and c each aligned with a
    #expect(Set(pairs.map(\.cluster)) == [1])
    #expect(Set(pairs.flatMap { [$0.a.document, $0.b.document] }) == ["a", "b", "c"])
  }
}

import Foundation
import Testing

@testable import Miner

/// One extractor for all extraction tests: vocabularies and gazetteer load once.
enum ExtractFixture {
  static let extractor: Extractor = {
    do { return try Extractor() } catch {
      preconditionFailure("bundled vocabularies load: \(error)")
    }
  }()

  static func claims(_ sentence: String) -> [NumericClaim] {
    extractor.findings(in: sentence, title: nil, byline: nil).claims
  }
}

@Suite("Numeric claims")
struct ExtractClaimsTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var sentence: String
    var text: String
    var value: Double
    var unit: String
    var approx: Approximation = .exact
    var valueMax: Double? = nil
    var testDescription: String { sentence }
  }

  static let cases: [Case] = [
    Case(sentence: "全县共有党员１２３４名。", text: "１２３４名", value: 1234, unit: "名"),
    Case(sentence: "去年实现营业收入1.37亿元。", text: "1.37亿元", value: 137_000_000, unit: "元"),
    Case(sentence: "村集体经济收入达3万4000元。", text: "3万4000元", value: 34000, unit: "元"),
    Case(sentence: "项目总投资1,100万元。", text: "1,100万元", value: 11_000_000, unit: "元"),
    Case(sentence: "全市党员33.81万名。", text: "33.81万名", value: 338_100, unit: "名"),
    Case(sentence: "共有两个村入选。", text: "两个", value: 2, unit: "个"),
    Case(sentence: "大写金额为壹佰贰拾万元整。", text: "壹佰贰拾万元", value: 1_200_000, unit: "元"),
    Case(sentence: "每个项目补助4至8万元。", text: "4至8万元", value: 40000, unit: "元", valueMax: 80000),
    Case(
      sentence: "单个项目投入40万元至50万元。", text: "40万元至50万元", value: 400_000, unit: "元",
      valueMax: 500_000),
    Case(sentence: "党组织覆盖率达到百分之八十。", text: "百分之八十", value: 80, unit: "%"),
    Case(sentence: "党组织覆盖率84.61%。", text: "84.61%", value: 84.61, unit: "%"),
    Case(sentence: "三年来,全镇面貌一新。", text: "三年", value: 3, unit: "年"),
    Case(sentence: "整合资金300多万元。", text: "300多万元", value: 3_000_000, unit: "元", approx: .moreThan),
    Case(sentence: "捐赠资金物资110余万元。", text: "110余万元", value: 1_100_000, unit: "元", approx: .moreThan),
    Case(sentence: "带动农户约200户增收。", text: "约200户", value: 200, unit: "户", approx: .about),
    Case(sentence: "年产值5000万元左右。", text: "5000万元左右", value: 50_000_000, unit: "元", approx: .about),
    Case(sentence: "培训党员超过300人次。", text: "超过300人次", value: 300, unit: "人次", approx: .moreThan),
    Case(sentence: "销售额突破2亿元。", text: "突破2亿元", value: 200_000_000, unit: "元", approx: .moreThan),
    Case(sentence: "收入不到5万元的村。", text: "不到5万元", value: 50000, unit: "元", approx: .lessThan),
    Case(sentence: "年收入低于3000元的农户。", text: "低于3000元", value: 3000, unit: "元", approx: .lessThan),
    Case(sentence: "近2000名党员参加学习。", text: "近2000名", value: 2000, unit: "名", approx: .lessThan),
    Case(sentence: "开票销售连续两年超百亿元。", text: "超百亿元", value: 1e10, unit: "元", approx: .moreThan),
    Case(sentence: "具有大专学历的党员超过一半。", text: "超过一半", value: 50, unit: "%", approx: .moreThan),
    Case(sentence: "每半年开展一次排查。", text: "半年", value: 0.5, unit: "年"),
    Case(sentence: "35岁及以下党员7.85万名。", text: "35岁及以下", value: 35, unit: "岁", approx: .lessThan),
    Case(sentence: "历时3个多月完成改造。", text: "3个多月", value: 3, unit: "个月", approx: .moreThan),
    Case(sentence: "组织党员数百名参加。", text: "数百名", value: 100, unit: "名", approx: .moreThan),
    Case(sentence: "建成十几个站点。", text: "十几个", value: 10, unit: "个", approx: .moreThan),
    Case(sentence: "村集体经济收入达20万,同比增长。", text: "20万", value: 200_000, unit: "元"),
    Case(sentence: "组织上百名党员参加。", text: "上百名", value: 100, unit: "名", approx: .moreThan),
    Case(sentence: "党员人数提升6.53个百分点。", text: "6.53个百分点", value: 6.53, unit: "个百分点"),
  ]

  @Test(arguments: cases)
  func findsClaim(_ c: Case) throws {
    let claims = ExtractFixture.claims(c.sentence)
    let claim = try #require(
      claims.first { $0.text == c.text }, "no claim \(c.text) in \(claims.map(\.text))")
    #expect(abs(claim.value - c.value) <= 1e-6 * max(1, abs(c.value)))
    #expect(claim.unit == c.unit)
    #expect(claim.approx == c.approx)
    #expect(claim.valueMax == c.valueMax)
    // The span points back at the text, in Unicode scalar offsets.
    let scalars = Array(c.sentence.unicodeScalars)
    #expect(String(String.UnicodeScalarView(scalars[claim.start..<claim.end])) == c.text)
    #expect(c.sentence.contains(claim.sentence) || claim.sentence.contains(c.text))
  }

  /// 近三年 means "in recent years": the duration is exact and 近 is not part of it.
  @Test func recentYearsAreNotApproximate() throws {
    let claim = try #require(ExtractFixture.claims("近三年年均增幅达18.9%。").first)
    #expect(claim.text == "三年")
    #expect(claim.approx == .exact)
  }

  struct NotAClaim: CustomTestStringConvertible, Sendable {
    var sentence: String
    var testDescription: String { sentence }
  }

  static let nonClaims: [NotAClaim] = [
    NotAClaim(sentence: "2019年10月18日召开会议。"),
    NotAClaim(sentence: "第五届全国基层党建创新典型案例征集活动。"),
    NotAClaim(sentence: "联系电话:0772-6812345。"),
    NotAClaim(sentence: "推出一批好项目,走出一条新路子。"),
    NotAClaim(sentence: "做到“四个同步”,建立“一企一策”机制。"),
    NotAClaim(sentence: "运用“定期约谈、教育培训”四项机制。"),
    NotAClaim(sentence: "围绕加强支部建设、培养党员骨干、引导群众自治、提升服务水平四个方面。"),
    NotAClaim(sentence: "创设“6+N”服务岗位。"),
    NotAClaim(sentence: "按1:2的比例配套。"),
    NotAClaim(sentence: "获评柳州市五星级党组织,打造六大功能。"),
    NotAClaim(sentence: "7月1日讯,截至2021年6月底。"),
    NotAClaim(sentence: "推进三年行动,构建四位一体格局。"),
    NotAClaim(sentence: "阅读次数:1234次。"),
    NotAClaim(sentence: "近几年来,他数十年如一日。"),
  ]

  @Test(arguments: nonClaims)
  func findsNoClaim(_ c: NotAClaim) {
    #expect(ExtractFixture.claims(c.sentence).map(\.text) == [])
  }
}

import Testing

@testable import Miner

@Suite("Consistency")
struct CompareConsistencyTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var text: String
    /// "rule status stated computed" per check, computed to two decimals.
    var checks: [String]
    var testDescription: String { text }
  }

  static let cases: [Case] = [
    // The seed page: 26 + 8 = 34; 55 / 65 = 84.615… and the text truncates to 84.61.
    Case(
      text:
        "目前,鹿寨工业园区纳入党建工作基数的非公企业65个,已建立党组织34个,其中单独组建的党组织26个,联合组建8个,共覆盖园区非公企业55个,党组织覆盖率84.61%。",
      checks: ["sum consistent 34 34.00", "ratio consistent 84.61 84.62"]),
    // The same sentence with a wrong part and a wrong rate.
    Case(
      text:
        "目前,鹿寨工业园区纳入党建工作基数的非公企业65个,已建立党组织34个,其中单独组建的党组织28个,联合组建8个,共覆盖园区非公企业55个,党组织覆盖率86.5%。",
      checks: ["sum inconsistent 34 36.00", "ratio inconsistent 86.5 84.62"]),
    // Parts below the total: 其中 may list only some.
    Case(
      text: "全县共建立党组织120个,其中单独组建90个,联合组建20个。",
      checks: ["sum partial 120 110.00"]),
    // One part of another unit's total (626名 is not a total of 家): one part below 35 家 says nothing.
    Case(
      text: "至目前,我市“两新”组织中已建立党组织的35家,共有党员626名,其中规模以上非公企业30家全部建立了党组织,组建率达100%。",
      checks: []),
    // Shares of a registered capital: 510 / 1000 = 51 %, 490 / 1000 = 49 %.
    Case(
      text:
        "周都村党支部对集体果园等资产评估作价490万元,国有企业注资510万元,按“国企平台占股51%+村集体占股49%”比例,联合组建公司,注册资本金1000万元。",
      checks: ["ratio consistent 51 51.00", "ratio consistent 49 49.00"]),
    // Coverage rates with no denominator in the text: nothing to recompute, no false flag.
    Case(
      text: "两新组织党组织覆盖率稳步提升,1.02万家“三有”非公有制企业和2091家社会组织建立了党组织,党组织覆盖率达到91.58%、88.98%,比2019年底分别提升6.53%、2.59%。",
      checks: []),
    // A growth rate is not a share.
    Case(text: "全县有合作社40家,今年新增10家,数量增长25%。", checks: []),
  ]

  @Test(arguments: cases)
  func recomputesStatedSumsAndRatios(_ c: Case) throws {
    let claims = try Extractor().findings(in: c.text, title: nil, byline: nil).claims
    let checks = Consistency.checks(text: c.text, claims: claims)
    let got = checks.map {
      "\($0.rule.rawValue) \($0.status.rawValue) \(Consistency.number($0.stated)) "
        + String(format: "%.2f", $0.computed)
    }
    #expect(got == c.checks, "claims: \(claims.map(\.text))")
    for check in checks {
      #expect(check.end > check.start && check.sentence.contains("%") || check.rule == .sum)
    }
  }

  @Test(arguments: [("84.61%", 2), ("100%", 0), ("91.2%", 1), ("８４．６１％", 2)])
  func decimalsOfAPercentage(_ text: String, _ expected: Int) {
    #expect(Consistency.decimals(text) == expected)
  }
}

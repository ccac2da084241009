import Testing

@testable import Miner

@Suite("Slogans")
struct ExtractSlogansTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var sentence: String
    var slogans: [String]
    var kinds: [SloganKind]? = nil
    var testDescription: String { sentence }
  }

  static let cases: [Case] = [
    Case(
      sentence: "推行“支部+合作社+农户”模式,实行“一村一策”“一户一档”。",
      slogans: ["支部+合作社+农户", "一村一策", "一户一档"], kinds: [.plus, .numeric, .numeric]),
    Case(
      sentence: "创设“6+N”服务岗位,推行“1+X+N”体系。", slogans: ["6+N", "1+X+N"], kinds: [.numeric, .numeric]),
    Case(sentence: "按照“一企一特色、一地一品牌”思路。", slogans: ["一企一特色、一地一品牌"], kinds: [.numeric]),
    Case(sentence: "以「三链齐发」点燃「红色引擎」。", slogans: ["三链齐发", "红色引擎"], kinds: [.numeric, .quoted]),
    Case(
      sentence: "按照“党建共促、问题共商、资源共享”的定位。", slogans: ["党建共促、问题共商、资源共享"],
      kinds: [.parallel]),
    Case(
      sentence: "“项目推进到哪里,党员岗位就到哪里,先锋模范作用就发挥到哪里。”我县充分发动党员。",
      slogans: ["项目推进到哪里,党员岗位就到哪里,先锋模范作用就发挥到哪里"], kinds: [.parallel]),
    Case(sentence: "提供全方位“保姆式服务”。", slogans: ["保姆式服务"], kinds: [.quoted]),
    Case(sentence: "将党的建设与园区发展共谋、共议、共建、共享。", slogans: ["共谋、共议、共建、共享"], kinds: [.parallel]),
    Case(
      sentence: "做到关键岗位有党员领着、关键环节有党员看着、关键时刻有党员撑着。",
      slogans: ["关键岗位有党员领着、关键环节有党员看着、关键时刻有党员撑着"]),
    Case(sentence: "两级党组织一手抓管理、一手抓规范,落实制度。", slogans: ["一手抓管理、一手抓规范"]),
    Case(sentence: "村党支部书记实行一肩挑。", slogans: ["一肩挑"]),
    Case(sentence: "实现党建强、产业兴、群众富。", slogans: ["党建强、产业兴、群众富"], kinds: [.parallel]),
    Case(
      sentence: "做到党组织建在产业链上、党员聚在产业链上、群众富在产业链上,取得实效。",
      slogans: ["党组织建在产业链上、党员聚在产业链上、群众富在产业链上"], kinds: [.parallel]),
    Case(sentence: "在红星村党支部、光明村党支部、新华村党支部开展试点。", slogans: []),
    // Not slogans: facilities, ratings, titles, idioms, scare quotes, reported speech, footers.
    Case(sentence: "建立了“党员活动室”和“党员阅览室”。", slogans: []),
    Case(sentence: "获评“五星级党组织”7个。", slogans: []),
    Case(sentence: "获评“全国文明村”称号,举办“乡村振兴”专题讲座,学习《党章》。", slogans: []),
    Case(sentence: "同为“家”人、共担“家”责。", slogans: []),
    Case(sentence: "他说:“我们一定要把党建工作抓好。”", slogans: []),
    Case(sentence: "“过去群众有事找不到人,现在网格员就在身边”,村党总支书记王五说。", slogans: []),
    Case(sentence: "选派“第一书记”,发展“两新”党员,实现“双赢”。", slogans: []),
    Case(sentence: "微信“扫一扫”添加“学习大国”", slogans: []),
    Case(sentence: "打造“红色教育基地”,获评“全国先进基层党组织”,推广“学习强国”。", slogans: []),
    Case(
      sentence: "开展“主题党日”活动,打造“党员之家”,获评“中国猕猴桃之乡”,推出“怡腾宝”牌大米,争当“领头雁”。",
      slogans: ["主题党日", "领头雁"]),
    Case(sentence: "热心、细心、耐心、精心的做好工作,落实新部署、新要求。", slogans: []),
  ]

  @Test(arguments: cases)
  func findsSlogans(_ c: Case) {
    let slogans = ExtractFixture.extractor.findings(in: c.sentence, title: nil, byline: nil).slogans
    #expect(slogans.map(\.text) == c.slogans)
    if let kinds = c.kinds { #expect(slogans.map(\.kind) == kinds) }
  }

  struct FamilyCase: CustomTestStringConvertible, Sendable {
    var a: String
    var b: String
    var testDescription: String { "\(a) ~ \(b)" }
  }

  @Test(arguments: [
    FamilyCase(a: "一肩挑", b: "一肩三挑"),
    FamilyCase(a: "一企一策", b: "一村一策"),
    FamilyCase(a: "一企一特色、一地一品牌", b: "一企一特色,一地一品牌"),
    FamilyCase(a: "党建+项目工程", b: "党建＋技术创新"),
  ])
  func variantsShareAFamily(_ c: FamilyCase) {
    #expect(SloganFinder.family(of: c.a) == SloganFinder.family(of: c.b))
  }
}

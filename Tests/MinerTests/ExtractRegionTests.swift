import Foundation
import Segmenter
import Testing

@testable import Miner

@Suite("Region")
struct ExtractRegionTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var text: String
    var title: String? = nil
    var byline: String? = nil
    var province: String?
    var city: String?
    var county: String?
    var testDescription: String { title ?? byline ?? text }
  }

  static let cases: [Case] = [
    Case(
      text: "工业园区是非公企业聚集地区。", title: "广西鹿寨县:做实非公企业党建 激发园区党建活力",
      province: "广西壮族自治区", city: "柳州市", county: "鹿寨县"),
    Case(
      text: "园区非公企业党建工作。", byline: "中共鹿寨县委组织部",
      province: "广西壮族自治区", city: "柳州市", county: "鹿寨县"),
    Case(
      text: "重庆市开州区赵家街道周都村立足自身红色资源禀赋。",
      title: "重庆市开州区赵家街道周都村:探索“国企带集体”融合发展之路",
      province: "重庆市", city: "重庆市", county: "开州区"),
    Case(
      text: "近年来,锡林郭勒盟东乌珠穆沁旗充分发挥基层党组织引领发展核心作用。",
      province: "内蒙古自治区", city: "锡林郭勒盟", county: "东乌珠穆沁旗"),
    Case(
      text: "福州新闻网7月1日讯 6月30日从市委组织部获悉,全市党员33.81万名。",
      province: "福建省", city: "福州市", county: nil),
    // A county mentioned in a piece that speaks as the city is not the submitter.
    Case(
      text: "福州日报讯 全市共有建制村1200个,全市党员33.81万名,其中闽侯县新建党支部3个。",
      province: "福建省", city: "福州市", county: nil),
    // Generic names (城区, 经开区) are no evidence; the short name resolves with its parent.
    Case(
      text: "柳州市鹿寨县经开区党工委组织园区企业开展活动,鹿寨经开区新建党组织5个。",
      province: "广西壮族自治区", city: "柳州市", county: "鹿寨县"),
    // A credit line at the end names the submitter.
    Case(
      text: "近年来,我县坚持党建引领,新建党组织30个,带动柳州市各县区学习。\n(鹿寨县委组织部供稿)",
      province: "广西壮族自治区", city: "柳州市", county: "鹿寨县"),
    // A bare short name shared by a city and a county inside it means the city.
    Case(
      text: "新华社长沙10月1日电 近年来,当地坚持党建引领,全市新建党组织30个。",
      province: "湖南省", city: "长沙市", county: nil),
    Case(
      text: "近年来,当地坚持党建引领,新建党组织30个。", title: "花垣县｜十八洞村的新变化",
      province: "湖南省", city: "湘西土家族苗族自治州", county: "花垣县"),
  ]

  @Test(arguments: cases)
  func resolvesRegion(_ c: Case) throws {
    let f = ExtractFixture.extractor.findings(in: c.text, title: c.title, byline: c.byline)
    let r = try #require(f.region)
    #expect(r.province == c.province)
    #expect(r.city == c.city)
    #expect(r.county == c.county)
  }

  @Test func plainTextHeaderFindsTitleAndByline() {
    let page = """
      中国共产党新闻网>>党建>>第五届全国基层党建创新典型案例征集活动

      广西鹿寨县:做实非公企业党建 激发园区党建活力

      中共鹿寨县委组织部

      2019年10月18日17:04    来源:人民网-中国共产党新闻网

      工业园区是非公企业聚集地区,既是城市经济发展新的增长点,也是两新组织党建工作新的着力点。园区非公企业党建工作作为两新组织党建工作的重要组成部分。
      """
    let h = PlainTextHeader(page)
    #expect(h.title == "广西鹿寨县:做实非公企业党建 激发园区党建活力")
    #expect(h.byline == "中共鹿寨县委组织部")
  }
}

/// The gazetteer's TSV reader (bytes, one pass): the bundled file reads as a plain split of its
/// lines and tabs reads it; CRLF, blank lines and a missing parent column are taken; a bad line
/// is named by its number.
@Suite struct GazetteerReading {
  @Test func theBundledFileReadsAsAPlainSplitDoes() throws {
    let text = try String(contentsOf: SegmenterResources.adminDivisionsURL, encoding: .utf8)
    let gazetteer = try Gazetteer(tsv: text)
    let lines = text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    #expect(gazetteer.divisions.count == lines.count && lines.count > 3000)
    for (d, cols) in zip(gazetteer.divisions, lines) {
      let same = [d.code, d.name, d.short, d.level.rawValue] == Array(cols.prefix(4))
      #expect(same, "\(cols)")
      let parent: String? = d.parent.map { gazetteer.divisions[$0].code }
      let expected: String? = cols.count > 4 && !cols[4].isEmpty ? cols[4] : nil
      #expect(parent == expected, "\(cols)")
    }
  }

  @Test func crlfBlankLinesAndAMissingParent() throws {
    let tsv = "code\tname\tshort_name\tlevel\tparent_code\r\n\r\n450000\t广西壮族自治区\t广西\tprovince\r\n\n450223\t鹿寨县\t鹿寨\tcounty\t450000\r\n"
    let g = try Gazetteer(tsv: tsv)
    #expect(g.divisions.map(\.name) == ["广西壮族自治区", "鹿寨县"])
    #expect(g.divisions[1].parent == 0 && g.divisions[0].parent == nil)
    #expect(g.isPlaceName("鹿寨") && g.isPlaceName("鹿寨县"))
  }

  @Test func aBadLineIsNamed() {
    let tsv = "code\tname\tshort_name\tlevel\n450000\t广西壮族自治区\t广西\tprovince\n450223\t鹿寨县\tcounty\n"
    #expect(throws: ExtractError.self) { try Gazetteer(tsv: tsv) }
    do {
      _ = try Gazetteer(tsv: tsv)
    } catch {
      #expect("\(error)".contains("bad line 3: 450223\t鹿寨县\tcounty"), "\(error)")
    }
    // Counted as an editor counts lines, blank ones included.
    do {
      _ = try Gazetteer(tsv: "\r\n" + tsv.replacingOccurrences(of: "\n", with: "\r\n\r\n"))
      Issue.record("a bad line was taken")
    } catch {
      #expect("\(error)".contains("bad line 6: 450223\t鹿寨县\tcounty") && !"\(error)".contains("\r"), "\(error)")
    }
  }
}

import Foundation
import Testing

@testable import Miner

/// A stored document made from a real sentence: findings by the real extractor, the region given.
func analyzed(
  _ text: String, id: String, county: String?, city: String? = "柳州市",
  province: String? = "广西壮族自治区", published: String? = nil, corpora: [String] = ["test"]
) throws -> StoredDocument {
  let findings = try Extractor().findings(in: text, title: nil, byline: nil)
  let region = county == nil && city == nil ? nil
    : Region(province: province, city: city, county: county, code: county ?? city ?? "")
  return StoredDocument(
    id: id, uri: "test/\(id).txt", title: "标题\(id)", published: published, corpora: corpora,
    region: region, text: text, claims: findings.claims, firms: findings.firms,
    slogans: findings.slogans)
}

@Suite("Export")
struct ExportTests {
  static let seedSentence =
    "目前,鹿寨工业园区纳入党建工作基数的非公企业65个,已建立党组织34个,其中单独组建的党组织26个,联合组建8个,共覆盖园区非公企业55个,党组织覆盖率84.61%。"

  @Test func jsonLineHasSortedKeysAndEveryField() throws {
    let d = try analyzed(Self.seedSentence, id: "a", county: "鹿寨县", published: "2019-06-12")
    let line = Export.jsonLine(d)
    #expect(!line.contains("\n"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["type"] as? String == "document")
    #expect((object["region"] as? [String: Any])?["county"] as? String == "鹿寨县")
    let claims = try #require(object["claims"] as? [[String: Any]])
    #expect(claims.contains { $0["value"] as? Double == 84.61 && $0["unit"] as? String == "%" })
    // Keys sorted: "claims" first, "type" last.
    #expect(line.hasPrefix("{\"claims\":"))
    #expect(line.range(of: "\"type\":\"document\"") != nil)
    #expect(object.keys.sorted() == [
      "claims", "corpora", "firms", "id", "published", "region", "slogans", "source", "text", "title",
      "type",
    ])
  }

  @Test func jsonLineWritesAbsentValuesAsNull() throws {
    let d = StoredDocument(id: "x", uri: "x.txt")
    #expect(Export.jsonLine(d).contains("\"published\":null"))
    #expect(Export.jsonLine(d).contains("\"region\":null"))
  }

  struct FieldCase: CustomTestStringConvertible, Sendable {
    var field: String
    var csv: String
    var testDescription: String { field }
  }

  @Test(arguments: [
    FieldCase(field: "鹿寨县", csv: "鹿寨县"),
    FieldCase(field: "共34个,其中26个", csv: "\"共34个,其中26个\""),
    FieldCase(field: "“党建+”", csv: "“党建+”"),
    FieldCase(field: "say \"hi\"", csv: "\"say \"\"hi\"\"\""),
    FieldCase(field: "一行\n两行", csv: "\"一行\n两行\""),
  ])
  func csvFieldsAreQuotedOnlyWhenNeeded(_ c: FieldCase) {
    #expect(Export.csvField(c.field) == c.csv)
  }

  @Test func csvRowsHaveOneRowPerFindingAndFixedColumns() throws {
    let d = try analyzed(Self.seedSentence, id: "a", county: "鹿寨县")
    let rows = Export.csvRows(d).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(rows.count == 1 + d.claims.count + d.firms.count + d.slogans.count)
    #expect(rows[0].hasPrefix("document,a,test/a.txt,"))
    #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("claim,") || $0.hasPrefix("firm,") || $0.hasPrefix("slogan,") })
  }

  @Test func bulkEntryIsActionThenSource() throws {
    let d = try analyzed(Self.seedSentence, id: "a", county: "鹿寨县")
    let lines = Export.bulkEntry(d, index: "cases").split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0] == "{\"index\":{\"_id\":\"a\",\"_index\":\"cases\"}}")
  }

  struct BatchCase: CustomTestStringConvertible, Sendable {
    var name: String
    var limit: Int
    var entries: [Int]
    var starts: [Bool]
    var testDescription: String { name }
  }

  @Test(arguments: [
    BatchCase(name: "all fit", limit: 100, entries: [30, 30, 40], starts: [true, false, false]),
    BatchCase(name: "one over", limit: 100, entries: [60, 50, 10], starts: [true, true, false]),
    BatchCase(name: "oversized alone", limit: 100, entries: [10, 150, 10], starts: [true, true, true]),
  ])
  func bulkBatchesNeverExceedTheLimitUnlessOneEntryDoes(_ c: BatchCase) {
    var batches = BulkBatches(limit: c.limit)
    #expect(c.entries.map { batches.startsBatch(adding: $0) } == c.starts)
  }
}

@Suite("Export JSON")
struct ExportJSONTests {
  /// The hand-written line equals what JSONEncoder makes of the same shape.
  @Test func handWrittenJSONEqualsTheCodableRecord() throws {
    var d = try analyzed(
      ExportTests.seedSentence + "\n按照“一企一特色”思路,在广西七色珠光材料股份有限公司建立\"工作室\"\\。\u{1}",
      id: "a", county: "鹿寨县", published: "2019-06-12")
    d.claims[0].valueMax = 70
    d.claims[0].qualifier = .target
    let fast = try JSONSerialization.jsonObject(with: Data(Export.jsonLine(d).utf8)) as? NSDictionary
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var viaCodable = try #require(
      try JSONSerialization.jsonObject(with: encoder.encode(Export.Record(d))) as? [String: Any])
    // Codable leaves nil claim fields out; the hand-written line writes null.
    viaCodable["claims"] = (viaCodable["claims"] as? [[String: Any]])?.map { c in
      var c = c
      if c["qualifier"] == nil { c["qualifier"] = NSNull() }
      if c["value_max"] == nil { c["value_max"] = NSNull() }
      return c
    }
    #expect(fast == NSDictionary(dictionary: viaCodable))
  }
}

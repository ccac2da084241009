import FuzzDriver
import Foundation
import Miner

/// The search query parser (`SearchQuery`) and a search with it against a tiny store.
///
/// Input: one flag byte, then the query; after a NUL, optionally a corpus name, a column text
/// and a province, separated by NULs (so filters get fuzzed too). Checks: a query is either
/// refused as `invalidQuery` (only when it normalises to nothing) or parsed; it is a template
/// exactly when it has a `?`/`？` and is not literal; a search never fails with a store error
/// (a raw SQLite message) whatever the query or filter; every hit's match normalises to the
/// query (`?` standing for one scalar), hits never exceed the total, offsets are ordered.
let store: Corpus = {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("caseminer-fuzz-search-\(getpid())")
  try? FileManager.default.removeItem(at: folder)
  try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let corpus = try! Corpus(path: folder.appendingPathComponent("store.sqlite").path)
  let texts: [(String, String, String?, [String], String)] = [
    ("5th", "广西鹿寨县：做实非公企业党建", "2019-10-18T17:04+08:00", ["中国共产党新闻网", "党建"],
     "鹿寨县坚持党建引领，按照“一企一特色、一地一品牌”思路，推行园区“党建＋项目工程”。\n全县推行一企一策、一村一品，党组织覆盖率达84.61%。"),
    ("6th", "某县党建+产业", "2020-05-01", ["人民网", "地方"],
     "某县实施“党建+产业”模式，推动一村一品。\nAPP上线后，“党建 引领”活动覆盖全县；党，建。\nWhat's \"quoted\"? 100% 'single' OR 1=1; DROP TABLE documents; -- NEAR(党 建) 党建* ?？"),
    ("6th", "<script>alert(1)</script>", nil, [], "没有相关内容的一段文字。\n第二段：企业、合作社与农户共同发展。"),
    ("6th", "空页面", "2021-01-01", [], ""),
  ]
  for (i, d) in texts.enumerated() {
    let page = Page(
      uri: "fuzz://\(d.0)/\(i)", title: d.1, published: d.2, source: nil, byline: nil,
      editors: [], breadcrumb: d.3, canonicalURL: nil,
      encoding: PageEncoding(declared: nil, used: "UTF-8", replacements: 0), sections: [],
      text: d.4)
    try! corpus.add([.page(page, input: "\(d.0)/\(i)", bytes: d.4.utf8.count)], corpus: d.0)
  }
  atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "caseminer-fuzz-search-\(getpid())") }
  return corpus
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  guard count > 0 else { return 0 }
  let flags = data[0]
  let parts = UnsafeBufferPointer(start: data + 1, count: count - 1)
    .split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
    .map { String(decoding: $0, as: UTF8.self) }
  let text = parts[0]
  let literal = flags & 1 != 0
  let query: SearchQuery
  do {
    query = try SearchQuery(text, literal: literal)
  } catch {
    guard case .invalidQuery = error else { preconditionFailure("query refused with \(error)") }
    let normalised = SearchText.normalized(text.replacingOccurrences(of: "\n", with: " "))
    precondition(normalised.isEmpty, "non-empty query refused: \(error)")
    return 0
  }
  let pattern = SearchText.normalized(
    String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" ? " " : $0 })))
  precondition(!pattern.isEmpty)
  let hasMark = pattern.contains(0x3F)
  precondition(query.isTemplate == (hasMark && !literal), "isTemplate wrong")
  precondition(query.text == text)

  guard flags & 2 != 0 else { return 0 }  // the parser only, half the time: it is faster
  var filter = SearchFilter()
  if parts.count > 1, !parts[1].isEmpty { filter.corpora = [parts[1]] }
  if parts.count > 2, !parts[2].isEmpty { filter.column = parts[2] }
  if parts.count > 3, !parts[3].isEmpty {
    switch flags >> 6 {
    case 0: filter.province = parts[3]
    case 1: filter.city = parts[3]
    case 2: filter.county = parts[3]
    default: filter.year = Int(parts[3])
    }
  }
  let order: SearchOrder = flags & 4 != 0 ? .date : .relevance
  let limit: Int? = flags & 8 != 0 ? nil : Int((flags >> 4) & 3)
  let context = Int(flags >> 5) - 2
  let result: SearchResult
  do {
    result = try store.search(query, filter: filter, order: order, limit: limit, context: context)
  } catch {
    preconditionFailure("search for \(text.debugDescription) failed: \(error)")
  }
  precondition(result.hits.count <= result.total.hits, "more hits than the total")
  precondition(result.total.documents <= result.total.hits, "more documents than hits")
  if let limit { precondition(result.hits.count <= limit, "limit exceeded") }
  for hit in result.hits {
    precondition(0 <= hit.start && hit.start <= hit.end, "bad offsets")
    let found = SearchText.normalized(hit.match)
    precondition(found.count == pattern.count, "match \(hit.match.debugDescription) vs \(text.debugDescription)")
    for (p, f) in zip(pattern, found) where !(query.isTemplate && p == 0x3F) {
      precondition(p == f, "match \(hit.match.debugDescription) does not spell \(text.debugDescription)")
    }
  }
  return 0
}

/// The entry point SwiftPM links as main() (see FuzzDriver.c).
@_cdecl("FuzzSearchQuery_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  caseminer_fuzz_main(argc, argv) { data, count in fuzz(data!, count) }
}

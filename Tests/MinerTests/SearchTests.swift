import Foundation
import Testing

@testable import Miner

/// A store in a scratch folder with a few documents, removed afterwards.
final class SearchStore {
  let folder: URL
  let corpus: Corpus

  struct Document {
    var corpus: String
    var title: String
    var published: String?
    var breadcrumb: [String] = []
    var text: String
  }

  static let documents: [Document] = [
    Document(
      corpus: "5th", title: "广西鹿寨县：做实非公企业党建", published: "2019-10-18T17:04+08:00",
      breadcrumb: ["中国共产党新闻网", "党建", "第五届征集活动"],
      text: """
        鹿寨县坚持党建引领，按照“一企一特色、一地一品牌”思路，推行园区“党建＋项目工程”。
        全县推行一企一策、一村一品，党组织覆盖率达84.61%，党建工作成效明显。
        党党建建党建，党建党建。
        """),
    Document(
      corpus: "6th", title: "某县党建+产业", published: "2020-05-01",
      breadcrumb: ["人民网", "地方"],
      text: """
        某县实施“党建+产业”模式，推动一村一品，一企一特色，一地一品牌。
        APP上线后，“党建 引领”活动覆盖全县；党，建。
        What's "quoted"? 100% 'single' OR 1=1; DROP TABLE documents; -- NEAR(党 建) 党建*
        """),
    Document(
      corpus: "6th", title: "无关的页面", published: nil,
      text: "没有相关内容的一段文字。\n第二段：企业、合作社与农户共同发展。"),
    Document(corpus: "6th", title: "空页面", published: "2021-01-01", text: ""),
  ]

  init(_ documents: [Document] = SearchStore.documents) throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("caseminer-search-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    corpus = try Corpus(path: folder.appendingPathComponent("store.sqlite").path)
    try add(documents)
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func add(_ documents: [Document]) throws {
    for (i, d) in documents.enumerated() {
      let page = Page(
        uri: "test://\(d.corpus)/\(i)/\(d.title)", title: d.title, published: d.published,
        source: nil, byline: nil, editors: [], breadcrumb: d.breadcrumb, canonicalURL: nil,
        encoding: PageEncoding(declared: nil, used: "UTF-8", replacements: 0), sections: [],
        text: d.text)
      try corpus.add(
        [.page(page, input: "\(d.corpus)/\(i)", bytes: d.text.utf8.count)], corpus: d.corpus)
    }
  }

  func search(
    _ text: String, literal: Bool = false, filter: SearchFilter = SearchFilter(),
    order: SearchOrder = .relevance, limit: Int? = nil
  ) throws -> SearchResult {
    try corpus.search(
      SearchQuery(text, literal: literal), filter: filter, order: order, limit: limit)
  }
}

/// Overlapping occurrences of `needle` in `haystack`, scalar by scalar: the truth search must
/// equal.
func occurrences(of needle: [UInt32], in haystack: [UInt32]) -> Int {
  guard !needle.isEmpty, haystack.count >= needle.count else { return 0 }
  return (0...(haystack.count - needle.count)).filter {
    Array(haystack[$0..<($0 + needle.count)]) == needle
  }.count
}

func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

/// The scalars `start..<end` of `text`.
func slice(_ text: String, _ start: Int, _ end: Int) -> String {
  var view = String.UnicodeScalarView()
  view.append(contentsOf: Array(text.unicodeScalars)[start..<end])
  return String(view)
}

@Suite("Search recall")
struct SearchRecallTests {
  /// Every raw n-gram of the texts that normalisation leaves alone (Han and digits), as queries.
  static func grams(_ n: Int) -> [String] {
    var out = Set<String>()
    for d in SearchStore.documents {
      let s = Array(d.text.unicodeScalars)
      guard s.count >= n else { continue }
      for i in 0...(s.count - n) {
        let gram = s[i..<(i + n)]
        if gram.allSatisfy({ SearchText.isHan($0.value) || ("0"..."9").contains($0) }) {
          out.insert(String(String.UnicodeScalarView(gram)))
        }
      }
    }
    return out.sorted()
  }

  @Test(arguments: [1, 2, 3, 5])
  func everyNGramIsFoundAsOftenAsItOccurs(n: Int) throws {
    let store = try SearchStore()
    let queries = Self.grams(n)
    #expect(queries.count > 20)
    for query in queries {
      let truth = SearchStore.documents.map {
        occurrences(of: scalars(query), in: scalars($0.text))
      }
      let result = try store.search(query)
      #expect(result.total.hits == truth.reduce(0, +), "\(query)")
      #expect(result.total.documents == truth.filter { $0 > 0 }.count, "\(query)")
      #expect(result.hits.count == result.total.hits, "\(query)")
      for hit in result.hits {
        let text = SearchStore.documents.first { $0.title == hit.title }!.text
        #expect(slice(text, hit.start, hit.end) == query, "\(query) at \(hit.start)")
      }
    }
  }

  @Test func randomSubstringsAreFoundAfterNormalisation() throws {
    let store = try SearchStore()
    var generator = SystemRandomNumberGenerator()
    let texts = SearchStore.documents.map(\.text).filter { !$0.isEmpty }
    let normalized = SearchStore.documents.map { SearchText.normalized($0.text) }
    for _ in 0..<150 {
      let text = Array(texts.randomElement(using: &generator)!.unicodeScalars)
      let length = Int.random(in: 1...8, using: &generator)
      let start = Int.random(in: 0...(text.count - length), using: &generator)
      let query = String(String.UnicodeScalarView(text[start..<(start + length)]))
      guard !query.contains("\n"), !query.contains("?"), !query.contains("？") else { continue }
      let q = SearchText.normalized(query)
      let truth = normalized.map { occurrences(of: q, in: $0) }.reduce(0, +)
      let result = try store.search(query)
      #expect(result.total.hits == truth, "\(query)")
      #expect(truth >= 1, "\(query)")
    }
  }

  @Test func randomTemplatesMatchAsOftenAsABruteForceScan() throws {
    let store = try SearchStore()
    var generator = SystemRandomNumberGenerator()
    let normalized = SearchStore.documents.map { SearchText.normalized($0.text) }
    let han = normalized.flatMap { $0 }.filter(SearchText.isHan)
    func truth(_ q: [UInt32?]) -> Int {
      normalized.map { text in
        guard text.count >= q.count else { return 0 }
        return (0...(text.count - q.count)).filter { i in
          q.indices.allSatisfy { k in
            q[k].map { $0 == text[i + k] } ?? SearchText.isHan(text[i + k])
          }
        }.count
      }.reduce(0, +)
    }
    var found = 0
    for _ in 0..<200 {
      let length = Int.random(in: 2...5, using: &generator)
      let q: [UInt32?] = (0..<length).map { _ in
        Bool.random(using: &generator)
          ? nil : (Bool.random(using: &generator) ? 0x4E00 : han.randomElement(using: &generator)!)
      }
      guard q.contains(where: { $0 != nil }) else { continue }
      let text = String(String.UnicodeScalarView(q.map { Unicode.Scalar($0 ?? 0x3F)! }))
      let result = try store.search(text, limit: 0)
      #expect(result.total.hits == truth(q), "\(text)")
      found += result.total.hits
    }
    #expect(found > 0)
  }

  @Test func partyBuildingFindsEveryParagraphHoldingIt() throws {
    let store = try SearchStore()
    let result = try store.search("党建")
    var found = Set<String>()
    for hit in result.hits {
      let text = SearchStore.documents.first { $0.title == hit.title }!.text
      let paragraph = slice(text, 0, hit.start).filter { $0 == "\n" }.count
      found.insert("\(hit.title!)#\(paragraph)")
    }
    var truth = Set<String>()
    for d in SearchStore.documents {
      for (i, line) in d.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where line.contains("党建") {
        truth.insert("\(d.title)#\(i)")
      }
    }
    #expect(found == truth)
    #expect(truth.count == 6)
  }
}

/// The real seed page (../shared/data), when present.
let seedPage = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("../../../shared/data/seed-luzhai.txt").standardized

@Suite(
  "Search on the seed page", .enabled(if: FileManager.default.fileExists(atPath: seedPage.path)))
struct SearchSeedTests {
  /// FTS5 finds 党建 in none of the seed's paragraphs (trigram) or a few (unicode61).
  @Test(arguments: ["党建", "党", "园区党建", "一企一特色、一地一品牌", "一?一?"])
  func everyParagraphAndOccurrenceIsFound(query: String) throws {
    let page = try Page(parsing: RawPage(contentsOf: seedPage))
    let store = try SearchStore([])
    try store.corpus.add([.page(page, input: seedPage.path, bytes: 0)], corpus: "seed")
    let result = try store.search(query)
    let text = Array(page.text.unicodeScalars)
    var lineStarts = [0]
    for (i, s) in text.enumerated() where s == "\n" { lineStarts.append(i + 1) }
    func paragraph(_ offset: Int) -> Int { lineStarts.lastIndex { $0 <= offset }! }
    let found = Set(result.hits.map { paragraph($0.start) })
    let q = SearchText.normalized(query).map { $0 == 0x3F ? UInt32.max : $0 }
    var truth = Set<Int>()
    var occurrences = 0
    for (i, line) in page.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let n = Search.starts(of: q, in: SearchText.normalized(String(line))).count
      occurrences += n
      if n > 0 { truth.insert(i) }
    }
    #expect(found == truth)
    #expect(result.total.hits == occurrences)
    #expect(!truth.isEmpty)
  }
}

@Suite("Search queries")
struct SearchQueryTests {
  struct Case: CustomStringConvertible, Sendable {
    var description: String
    var query: String
    var literal = false
    var matches: [String]
  }

  static let cases: [Case] = [
    Case(
      description: "一?一? finds the 一X一Y formulations", query: "一?一?",
      matches: ["一企一特", "一地一品", "一企一策", "一村一品", "一村一品", "一企一特", "一地一品"]),
    Case(
      description: "full-width ？ is a template too", query: "一村一？",
      matches: ["一村一品", "一村一品"]),
    Case(
      description: "? stands for a Han character", query: "一品?",
      matches: ["一品牌", "一品牌"]),
    Case(
      description: "a template starting with ? is scanned", query: "?一品",
      matches: ["地一品", "村一品", "村一品", "地一品"]),
    Case(
      description: "two ? in a row are scanned", query: "?一品?",
      matches: ["地一品牌", "地一品牌"]),
    Case(
      description: "? does not stand for punctuation", query: "一村一品?", matches: []),
    Case(
      description: "--literal makes ? a question mark", query: "一?一?", literal: true, matches: []),
    Case(
      description: "a template with a two-character literal part", query: "一地一品?",
      matches: ["一地一品牌", "一地一品牌"]),
    Case(
      description: "half-width + finds full-width ＋ and keeps the original text",
      query: "党建+项目", matches: ["党建＋项目"]),
    Case(
      description: "full-width ＋ finds half-width +", query: "党建＋产业", matches: ["党建+产业"]),
    Case(
      description: "、 and ， are the same separator", query: "一企一特色，一地一品牌",
      matches: ["一企一特色、一地一品牌", "一企一特色，一地一品牌"]),
    Case(
      description: "a space finds a space or a comma", query: "党 建",
      matches: ["党，建", "党 建"]),
    Case(
      description: "a space query finds the separator between words", query: "党建 引领",
      matches: ["党建 引领"]),
    Case(
      description: "ASCII letters fold case", query: "app上线", matches: ["APP上线"]),
    Case(
      description: "a percentage", query: "84.61%", matches: ["84.61%"]),
    Case(
      description: "no match crosses a paragraph", query: "工程”。全县", matches: []),
    Case(description: "nothing matches", query: "不存在的词语", matches: []),
    Case(
      description: "quotes and SQL are text", query: "'single' OR 1=1; DROP TABLE documents; --",
      matches: ["'single' OR 1=1; DROP TABLE documents; --"]),
    Case(description: "a double quote", query: "\"quoted\"", matches: ["\"quoted\""]),
    Case(description: "FTS operators are text", query: "NEAR(党 建)", matches: ["NEAR(党 建)"]),
    Case(description: "a star is text", query: "党建*", matches: ["党建*"]),
    Case(description: "LIKE wildcards are text", query: "%_", matches: []),
  ]

  @Test(arguments: cases)
  func matches(_ c: Case) throws {
    let store = try SearchStore()
    let result = try store.search(c.query, literal: c.literal)
    #expect(result.hits.map(\.match).sorted() == c.matches.sorted())
    #expect(result.total.hits == c.matches.count)
    for hit in result.hits {
      let text = SearchStore.documents.first { $0.title == hit.title }!.text
      #expect(slice(text, hit.start, hit.end) == hit.match)
      #expect(slice(text, max(0, hit.start - hit.left.unicodeScalars.count), hit.start) == hit.left)
    }
    // The store is intact whatever the query said.
    #expect(try store.corpus.statistics().documents == SearchStore.documents.count)
  }

  @Test func emptyQueriesAreRefused() throws {
    #expect(throws: SearchError.self) { try SearchQuery("") }
    #expect(throws: SearchError.self) { try SearchQuery("", literal: true) }
  }
}

@Suite("Search filters and order")
struct SearchFilterTests {
  struct Case: CustomStringConvertible, Sendable {
    var description: String
    var filter: SearchFilter
    var titles: Set<String>
    var corpora: Set<String>
  }

  static let cases: [Case] = [
    Case(
      description: "corpus 5th", filter: SearchFilter(corpora: ["5th"]),
      titles: ["广西鹿寨县：做实非公企业党建"], corpora: ["5th"]),
    Case(
      description: "corpus 6th", filter: SearchFilter(corpora: ["6th"]), titles: ["某县党建+产业"],
      corpora: ["6th"]),
    Case(
      description: "both corpora, labelled", filter: SearchFilter(corpora: ["5th", "6th"]),
      titles: ["广西鹿寨县：做实非公企业党建", "某县党建+产业"], corpora: ["5th", "6th"]),
    Case(
      description: "year 2020", filter: SearchFilter(year: 2020), titles: ["某县党建+产业"],
      corpora: ["6th"]),
    Case(
      description: "column 党建", filter: SearchFilter(column: "党建"),
      titles: ["广西鹿寨县：做实非公企业党建"], corpora: ["5th"]),
    Case(
      description: "a corpus that does not exist", filter: SearchFilter(corpora: ["7th"]),
      titles: [], corpora: []),
    Case(
      description: "a column with SQL in it", filter: SearchFilter(column: "' OR 1=1 --"),
      titles: [], corpora: []),
  ]

  @Test(arguments: cases)
  func filters(_ c: Case) throws {
    let store = try SearchStore()
    let result = try store.search("党建", filter: c.filter)
    #expect(Set(result.hits.compactMap(\.title)) == c.titles)
    #expect(Set(result.hits.map(\.corpus)) == c.corpora)
    #expect(result.total.documents == c.titles.count)
  }

  @Test func countsPerCorpus() throws {
    let store = try SearchStore()
    let result = try store.search("党建", filter: SearchFilter(corpora: ["5th", "6th"]), limit: 0)
    #expect(result.hits.isEmpty)
    let a = occurrences(of: scalars("党建"), in: scalars(SearchStore.documents[0].text))
    let b = occurrences(of: scalars("党建"), in: scalars(SearchStore.documents[1].text))
    #expect(result.total == SearchCount(hits: a + b, documents: 2))
    #expect(result.byCorpus["5th"] == SearchCount(hits: a, documents: 1))
    #expect(result.byCorpus["6th"] == SearchCount(hits: b, documents: 1))
  }

  @Test func limitCapsHitsButNotTotals() throws {
    let store = try SearchStore()
    let all = try store.search("党")
    let three = try store.search("党", limit: 3)
    #expect(three.hits.count == 3 && three.total == all.total)
    #expect(Array(all.hits.prefix(3)) == three.hits)
  }

  @Test func relevancePutsTheDenserDocumentFirst() throws {
    let store = try SearchStore()
    let result = try store.search("党建")
    #expect(result.hits.first?.title == "广西鹿寨县：做实非公企业党建")
    let starts = result.hits.filter { $0.title == result.hits[0].title }.map(\.start)
    #expect(starts == starts.sorted())
  }

  @Test func dateOrderIsOldestFirst() throws {
    let store = try SearchStore()
    let result = try store.search("一村一品", order: .date)
    #expect(result.hits.map(\.date) == ["2019-10-18", "2020-05-01"])
  }
}

@Suite("Search index")
struct SearchIndexTests {
  @Test func indexingIsIncrementalAndIdempotent() throws {
    let store = try SearchStore()
    #expect(try store.corpus.updateSearchIndex() == SearchStore.documents.count)
    #expect(try store.corpus.updateSearchIndex() == 0)
    #expect(try store.search("合作社").total.hits == 1)
    try store.add([
      SearchStore.Document(corpus: "7th", title: "新来的", published: nil, text: "专业合作社带动农户。")
    ])
    #expect(try store.search("合作社").total.hits == 2)
    #expect(try store.corpus.updateSearchIndex() == 0)
  }

  @Test func indexingOneDocumentAtATimeMergesSegmentsAndFindsTheSame() throws {
    let once = try SearchStore([])
    let piecemeal = try SearchStore([])
    var documents = SearchStore.documents
    for i in 0..<30 {
      documents.append(
        SearchStore.Document(
          corpus: "more", title: "第\(i)篇", published: nil,
          text: String(repeating: "党建引领一村一品，第\(i)个合作社。\n", count: i % 5 + 1)))
    }
    try once.add(documents)
    for document in documents {
      try piecemeal.add([document])
      #expect(try piecemeal.corpus.updateSearchIndex() == 1)
    }
    let segments = try piecemeal.corpus.pool.read { db in
      try Int.fetchOne(db, sql: "SELECT count(DISTINCT segment) FROM search_postings")!
    }
    #expect(segments <= 8, "\(segments) segments for \(documents.count) documents")
    for query in ["党", "党建", "一村一品", "一?一?", "合作社。", "党建+", "二", "0个"] {
      let a = try once.search(query)
      let b = try piecemeal.search(query)
      #expect(a.total == b.total, "\(query)")
      #expect(a.total.hits > 0, "\(query)")
      #expect(a.hits.map(\.match) == b.hits.map(\.match), "\(query)")
      #expect(a.hits.map(\.start) == b.hits.map(\.start), "\(query)")
    }
  }

  @Test func aStaleNormalisationVersionRebuildsTheIndex() throws {
    let store = try SearchStore()
    try store.corpus.updateSearchIndex()
    try store.corpus.pool.write { db in
      try db.execute(sql: "UPDATE search_meta SET value = -1 WHERE key = 'normalization'")
    }
    #expect(try store.corpus.updateSearchIndex() == SearchStore.documents.count)
    #expect(try store.search("党建").total.documents == 2)
  }

  @Test func longDocumentsGiveTheSamePostingsOnTheSlowerPath() {
    // Past 2^22 (4,194,304) normalised scalars a document is indexed through (gram, position)
    // pairs instead of packed integers; both must write the same bytes.
    let text = String(repeating: "党建引领𠀀发展、", count: 50) + "\n尾声一村一品ＡＰＰ"
    var packed = SearchIndex.Batch()
    var pairs = SearchIndex.Batch()
    pairs.packedLimit = 10
    for doc in [3, 7] as [Int64] {
      packed.add(doc: doc, text: text)
      pairs.add(doc: doc, text: text)
    }
    #expect(packed.grams.mapValues(\.bytes) == pairs.grams.mapValues(\.bytes))
    #expect(packed.grams.count > 10)
  }

  @Test(arguments: [0, 1, 2, 7, 300, 5000])
  func radixSortSortsLikeSort(count: Int) {
    var generator = SystemRandomNumberGenerator()
    var keys = (0..<count).map { i in
      // Shared high bytes (skipped passes) and random low ones, as in the index's keys.
      i % 3 == 0
        ? UInt64.random(in: 0...UInt64.max, using: &generator)
        : 0x4E00 << 22 | UInt64.random(in: 0..<4096, using: &generator)
    }
    var scratch: [UInt64] = []
    let expected = keys.sorted()
    SearchIndex.Batch.radixSort(&keys, scratch: &scratch)
    #expect(keys == expected)
  }

  @Test func astralCharactersAndSeparatorRuns() throws {
    let line = String(repeating: "党建引领𠀀发展、 ", count: 300)
    let store = try SearchStore([
      SearchStore.Document(corpus: "big", title: "长", published: nil, text: line + "\n尾声一村一品")
    ])
    #expect(try store.search("𠀀发", limit: 0).total.hits == 300)
    #expect(try store.search("𠀀", limit: 0).total.hits == 300)
    #expect(try store.search("一村一品").hits.first?.start == line.unicodeScalars.count + 3)
    let separators = try store.search("展 党")
    #expect(separators.total.hits == 299)
    #expect(separators.hits.first?.match == "展、 党")
  }
}

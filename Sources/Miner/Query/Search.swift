import Foundation
import GRDB

/// Why a search failed: a query that cannot be searched for, or the store.
public enum SearchError: Error, Sendable, CustomStringConvertible {
  /// The query itself is unusable (empty): a usage error.
  case invalidQuery(String, reason: String)
  case store(StoreError)

  public var description: String {
    switch self {
    case .invalidQuery(let query, let reason): "cannot search for \"\(query)\": \(reason)"
    case .store(let error): error.description
    }
  }
}

/// A phrase to find, or a template where `?` (or `？`) stands for exactly one Han character.
///
/// `SearchQuery("一?一?")` finds 一企一策, 一村一品, 一地一品牌's 一地一品 …; with `literal: true`
/// a `?` is a question mark. Both sides are compared after `SearchText` normalisation.
public struct SearchQuery: Sendable, Hashable, CustomStringConvertible {
  public let text: String
  public let isTemplate: Bool
  /// Normalised scalars; `wildcard` where a template has `?`.
  let pattern: [UInt32]
  static let wildcard = UInt32.max

  public init(_ text: String, literal: Bool = false) throws(SearchError) {
    self.text = text
    // A query never spans paragraphs: a newline in it is a separator like a space.
    var scalars = SearchText.normalized(
      String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" ? " " : $0 })))
    guard !scalars.isEmpty else { throw .invalidQuery(text, reason: "the query is empty") }
    var template = false
    if !literal {
      for i in scalars.indices where scalars[i] == 0x3F {
        scalars[i] = Self.wildcard
        template = true
      }
    }
    pattern = scalars
    isTemplate = template
  }

  public var description: String { text }

  /// The literal stretches of the pattern and where they start.
  var literalRuns: [(offset: Int, scalars: ArraySlice<UInt32>)] {
    var runs: [(Int, ArraySlice<UInt32>)] = []
    var start = 0
    for i in 0...pattern.count where i == pattern.count || pattern[i] == Self.wildcard {
      if i > start { runs.append((start, pattern[start..<i])) }
      start = i + 1
    }
    return runs
  }
}

/// Which documents to search.
public struct SearchFilter: Sendable, Hashable {
  /// Corpus names (any of them); empty for all.
  public var corpora: [String]
  /// The year of publication (`documents.published` starts with it).
  public var year: Int?
  /// Text the column path (`documents.breadcrumb`, JSON) contains: `党建`.
  public var column: String?
  /// The submitting province, city or county (from `extract --store`): a full or short name
  /// (广西壮族自治区, 广西) or a division code (450223).
  public var province: String?
  public var city: String?
  public var county: String?

  public init(
    corpora: [String] = [], year: Int? = nil, column: String? = nil, province: String? = nil,
    city: String? = nil, county: String? = nil
  ) {
    self.corpora = corpora
    self.year = year
    self.column = column
    self.province = province
    self.city = city
    self.county = county
  }
}

/// How documents are ordered; hits within a document are in text order.
public enum SearchOrder: String, Sendable, CaseIterable {
  /// BM25 over the query's occurrences: more of them in a shorter document first.
  case relevance
  /// Oldest publication first; undated documents last.
  case date
}

/// One occurrence of the query, in key-word-in-context form.
public struct SearchHit: Sendable, Hashable {
  public var documentID: String
  /// The document's URI.
  public var source: String
  /// The corpora (of those searched) the document belongs to, comma-separated.
  public var corpus: String
  public var title: String?
  /// `YYYY-MM-DD` from `documents.published`.
  public var date: String?
  /// The document's county; nil until regions are stored (see `SearchRegions`).
  public var county: String?
  /// Unicode-scalar offsets of the match in `documents.text`.
  public var start: Int
  public var end: Int
  /// Up to `context` scalars before the match, within its paragraph.
  public var left: String
  /// The original text of the match (`＋` where the query said `+`).
  public var match: String
  public var right: String
}

/// Hits and documents matched.
public struct SearchCount: Sendable, Hashable {
  public var hits: Int
  public var documents: Int
}

/// What a search found: the hits asked for, and how many there are in all.
public struct SearchResult: Sendable {
  /// The first `limit` hits in order.
  public var hits: [SearchHit]
  public var total: SearchCount
  /// Per corpus named in the filter (empty when the filter names none).
  public var byCorpus: [String: SearchCount]
}

/// Where a document's county will come from once extraction stores regions.
public enum SearchRegions {
  /// The submitting county of a document (or its city, for city-level pieces), as
  /// `extract --store` found it; nil before extraction.
  static func county(ofDocument id: String, _ db: Database) throws -> String? {
    try Row.fetchOne(
      db, sql: "SELECT county, city FROM regions WHERE document_id = ?", arguments: [id]
    ).flatMap { ($0["county"] as String?) ?? ($0["city"] as String?) }
  }

  /// SQL condition and arguments for one region level: the name as stored, its short form
  /// (a prefix of the stored name: 鹿寨 → 鹿寨县) or the division code.
  static func condition(_ column: String, _ value: String) -> (String, [any DatabaseValueConvertible]) {
    let code = value.allSatisfy(\.isNumber)
    if code {
      return ("EXISTS (SELECT 1 FROM regions r WHERE r.document_id = d.id AND r.code LIKE ? || '%')",
        [value.count == 6 && column != "county" ? String(value.prefix(column == "province" ? 2 : 4)) : value])
    }
    return ("EXISTS (SELECT 1 FROM regions r WHERE r.document_id = d.id AND substr(r.\(column), 1, length(?)) = ?)",
      [value, value])
  }
}

extension Corpus {
  /// Every occurrence of `query` in the documents that pass `filter`, best documents first.
  ///
  /// Brings the search index up to date first. `limit` caps the hits returned (nil: all, 0:
  /// counts only); `context` is the number of scalars shown on each side.
  ///
  /// ```swift
  /// let result = try corpus.search(SearchQuery("党建"), limit: 20)
  /// result.total.hits   // 20
  /// result.hits[0].left + "[" + result.hits[0].match + "]" + result.hits[0].right
  /// ```
  public func search(
    _ query: SearchQuery, filter: SearchFilter = SearchFilter(), order: SearchOrder = .relevance,
    limit: Int? = nil, context: Int = 20
  ) throws(SearchError) -> SearchResult {
    do { try updateSearchIndex() } catch { throw .store(error) }
    do {
      return try pool.read { db in
        try Search(query: query, filter: filter, db: db).run(
          order: order, limit: limit, context: max(0, context))
      }
    } catch {
      throw .store(StoreError(path: path, reason: "cannot search: \(Self.reason(error))"))
    }
  }
}

/// One search over one read transaction.
struct Search {
  let query: SearchQuery
  let filter: SearchFilter
  let db: Database

  /// Occurrences in one document: their count, and their starts in the normalised text when
  /// already known.
  struct Match {
    var count: Int
    var starts: [Int32]?
  }

  func run(order: SearchOrder, limit: Int?, context: Int) throws -> SearchResult {
    let allowed = try allowedDocuments()
    var matches = try candidates(allowed: allowed)
    if let allowed { matches = matches.filter { allowed.contains($0.key) } }
    matches = matches.filter { $0.value.count > 0 }
    let total = SearchCount(
      hits: matches.values.reduce(0) { $0 + $1.count }, documents: matches.count)
    let byCorpus = try countsByCorpus(matches)
    var hits: [SearchHit] = []
    let wanted = limit ?? Int.max
    if wanted > 0 {
      for doc in try ranked(matches, order: order) {
        if hits.count >= wanted { break }
        try appendHits(of: doc, match: matches[doc]!, to: &hits, wanted: wanted, context: context)
      }
    }
    return SearchResult(hits: hits, total: total, byCorpus: byCorpus)
  }

  // MARK: Candidates

  /// Rowids passing the filter; nil when there is no filter. Values are always bound.
  func allowedDocuments() throws -> Set<Int64>? {
    var conditions: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let year = filter.year {
      conditions.append("substr(d.published, 1, 4) = ?")
      arguments.append(String(format: "%04d", year))
    }
    if let column = filter.column {
      conditions.append("instr(d.breadcrumb, ?) > 0")
      arguments.append(column)
    }
    for (column, value) in [("province", filter.province), ("city", filter.city), ("county", filter.county)] {
      guard let value, !value.isEmpty else { continue }
      let (condition, values) = SearchRegions.condition(column, value)
      conditions.append(condition)
      arguments += values
    }
    if !filter.corpora.isEmpty {
      let marks = Array(repeating: "?", count: filter.corpora.count).joined(separator: ", ")
      conditions.append(
        "EXISTS (SELECT 1 FROM memberships m WHERE m.document_id = d.id AND m.corpus IN (\(marks)))"
      )
      arguments += filter.corpora.map { $0 as any DatabaseValueConvertible }
    }
    guard !conditions.isEmpty else { return nil }
    let sql = "SELECT d.rowid FROM documents d WHERE " + conditions.joined(separator: " AND ")
    return Set(try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)))
  }

  /// Documents that hold the query, with counts (and starts when the index gives them).
  func candidates(allowed: Set<Int64>?) throws -> [Int64: Match] {
    let pattern = query.pattern
    if !query.isTemplate {
      if pattern.count == 1 {
        let gram = SearchIndex.unigram(pattern[0])
        var out: [Int64: Match] = [:]
        for (doc, count) in SearchIndex.counts(of: gram, in: try SearchIndex.postings(gram, db)) {
          out[doc] = Match(count: count, starts: nil)
        }
        return out
      }
      return try indexed(pattern)!.mapValues { Match(count: $0.count, starts: $0) }
    }
    if let starts = try indexed(pattern) {
      return starts.mapValues { Match(count: $0.count, starts: $0) }
    }
    // Other templates: documents holding every literal run, then a scan of each.
    var documents: Set<Int64>? = nil
    for run in query.literalRuns {
      let found: Set<Int64>
      if run.scalars.count == 1 {
        let gram = SearchIndex.unigram(run.scalars.first!)
        found = Set(SearchIndex.counts(of: gram, in: try SearchIndex.postings(gram, db)).map(\.doc))
      } else {
        found = Set(try indexed(Array(run.scalars))!.keys)
      }
      documents = documents.map { $0.intersection(found) } ?? found
      if documents!.isEmpty { return [:] }
    }
    var list: [Int64]
    if let documents {
      list = documents.sorted()
    } else {
      list = try Int64.fetchAll(db, sql: "SELECT doc FROM search_documents")
    }
    if let allowed { list = list.filter { allowed.contains($0) } }
    var out: [Int64: Match] = [:]
    for doc in list {
      guard
        let text = try String.fetchOne(
          db, sql: "SELECT text FROM documents WHERE rowid = ?", arguments: [doc])
      else { continue }
      let starts = Self.starts(of: pattern, in: Normalized(text, origins: false).scalars)
      if !starts.isEmpty { out[doc] = Match(count: starts.count, starts: starts) }
    }
    return out
  }

  /// Starts of a pattern of two or more scalars, per document, from bigram positions alone;
  /// nil when the index cannot answer exactly (a template with `?` first or after a `?`, or
  /// last after a `?`: those are scanned).
  ///
  /// A literal pair is one bigram; a literal then `?` is every bigram that starts with the
  /// literal and ends in a Han character. Pairs at offsets 0, 2, 4 … (and the last one) cover
  /// every scalar, so a position where all of them sit at their offsets is an occurrence.
  func indexed(_ p: [UInt32]) throws -> [Int64: [Int32]]? {
    let m = p.count
    guard m >= 2 else { return nil }
    var covered = [Bool](repeating: false, count: m)
    var lists: [(offset: Int32, blobs: [Data], han: Bool)] = []
    for i in 0..<(m - 1) where p[i] != SearchQuery.wildcard {
      guard !covered[i] || (i == m - 2 && !covered[m - 1]) else { continue }
      covered[i] = true
      covered[i + 1] = true
      if p[i + 1] == SearchQuery.wildcard {
        lists.append((Int32(i), try SearchIndex.postings(startingWith: p[i], db), true))
      } else {
        lists.append(
          (Int32(i), try SearchIndex.postings(SearchIndex.bigram(p[i], p[i + 1]), db), false))
      }
    }
    guard !covered.contains(false) else { return nil }
    lists.sort { $0.blobs.reduce(0) { $0 + $1.count } < $1.blobs.reduce(0) { $0 + $1.count } }
    var result: [UInt64]? = nil
    for list in lists {
      var found = SearchIndex.occurrences(in: list.blobs, shift: list.offset)
      // Several bigrams (一企, 一村 …) give one document's positions out of order.
      if list.han { found.sort() }
      result = result.map { Self.intersect($0, found) } ?? found
      if result!.isEmpty { break }
    }
    // Sorted by document: one run of positions per document.
    var starts: [Int64: [Int32]] = [:]
    var run: [Int32] = []
    var doc: UInt64 = 0
    for key in result ?? [] {
      if key >> 32 != doc, !run.isEmpty {
        starts[Int64(doc)] = run
        run.removeAll()
      }
      doc = key >> 32
      run.append(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
    }
    if !run.isEmpty { starts[Int64(doc)] = run }
    return starts
  }

  /// The values in both sorted arrays.
  static func intersect<T: Comparable>(_ a: [T], _ b: [T]) -> [T] {
    var out: [T] = []
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if a[i] == b[j] {
        out.append(a[i])
        i += 1
        j += 1
      } else if a[i] < b[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return out
  }

  /// Every start (overlapping ones too) of `pattern` in normalised `text`.
  static func starts(of pattern: [UInt32], in text: [UInt32]) -> [Int32] {
    let m = pattern.count
    guard m > 0, text.count >= m else { return [] }
    var out: [Int32] = []
    let first = pattern[0]
    outer: for i in 0...(text.count - m) {
      if first != SearchQuery.wildcard && text[i] != first { continue }
      for k in 0..<m {
        let want = pattern[k]
        let have = text[i + k]
        if want == SearchQuery.wildcard {
          if !SearchText.isHan(have) { continue outer }
        } else if want != have {
          continue outer
        }
      }
      out.append(Int32(i))
    }
    return out
  }

  // MARK: Order

  func ranked(_ matches: [Int64: Match], order: SearchOrder) throws -> [Int64] {
    let docs = Array(matches.keys)
    switch order {
    case .relevance:
      let lengths = try values(
        "SELECT doc, length FROM search_documents", "doc", for: docs, as: Int.self)
      let (n, average) =
        try Row.fetchOne(
          db, sql: "SELECT count(*), avg(length) FROM search_documents"
        ).map { ($0[0] as Int, ($0[1] as Double?) ?? 1) } ?? (0, 1)
      // BM25 with k1 = 1.2, b = 0.75; one term, so idf only scales.
      let df = Double(matches.count)
      let idf = log(1 + (Double(n) - df + 0.5) / (df + 0.5))
      var scored: [(doc: Int64, score: Double)] = []
      scored.reserveCapacity(matches.count)
      for (doc, match) in matches {
        let tf = Double(match.count)
        let length = Double(lengths[doc] ?? Int(average))
        scored.append(
          (doc, idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / max(average, 1)))))
      }
      scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.doc < $1.doc }
      return scored.map(\.doc)
    case .date:
      let dates = try values(
        "SELECT rowid, published FROM documents", "rowid", for: docs, as: String.self)
      var dated = docs.map { (doc: $0, date: dates[$0]) }
      dated.sort { a, b in
        switch (a.date, b.date) {
        case (let x?, let y?) where x != y: x < y
        case (.some, nil): true
        case (nil, .some): false
        default: a.doc < b.doc
        }
      }
      return dated.map(\.doc)
    }
  }

  /// Column 1 of `sql` keyed by column 0 for `docs`: in chunks, or one scan when there are many.
  func values<T: DatabaseValueConvertible>(
    _ sql: String, _ key: String, for docs: [Int64], as: T.Type
  ) throws -> [Int64: T] {
    var out: [Int64: T] = [:]
    func collect(_ sql: String, _ arguments: StatementArguments) throws {
      let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
      while let row = try rows.next() {
        if let value = row[1] as T? { out[row[0]] = value }
      }
    }
    if docs.count > 2_000 {
      try collect(sql, [])
    } else {
      for start in stride(from: 0, to: docs.count, by: 500) {
        let chunk = docs[start..<min(start + 500, docs.count)]
        let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
        try collect("\(sql) WHERE \(key) IN (\(marks))", StatementArguments(Array(chunk)))
      }
    }
    return out
  }

  // MARK: Hits

  /// The corpora a document is labelled with: those searched, or all of its own.
  func corpora(ofDocument id: String) throws -> [String] {
    let all = try String.fetchAll(
      db, sql: "SELECT corpus FROM memberships WHERE document_id = ? ORDER BY corpus",
      arguments: [id])
    return filter.corpora.isEmpty ? all : all.filter(filter.corpora.contains)
  }

  func countsByCorpus(_ matches: [Int64: Match]) throws -> [String: SearchCount] {
    guard !filter.corpora.isEmpty else { return [:] }
    var out: [String: SearchCount] = [:]
    for name in filter.corpora { out[name] = SearchCount(hits: 0, documents: 0) }
    let wanted = Set(filter.corpora)
    let rows = try Row.fetchCursor(
      db,
      sql: "SELECT d.rowid, m.corpus FROM documents d JOIN memberships m ON m.document_id = d.id")
    while let row = try rows.next() {
      let corpus: String = row[1]
      guard wanted.contains(corpus), let match = matches[row[0]] else { continue }
      out[corpus]!.hits += match.count
      out[corpus]!.documents += 1
    }
    return out
  }

  func appendHits(
    of doc: Int64, match: Match, to hits: inout [SearchHit], wanted: Int, context: Int
  ) throws {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT id, uri, title, published, text FROM documents WHERE rowid = ?",
        arguments: [doc])
    else { return }
    let id: String = row["id"]
    let text: String = row["text"]
    let normalized = Normalized(text, origins: true)
    let starts = match.starts ?? Self.starts(of: query.pattern, in: normalized.scalars)
    let original = Array(text.unicodeScalars)
    let corpus = try corpora(ofDocument: id).joined(separator: ",")
    let county = try SearchRegions.county(ofDocument: id, db)
    let published: String? = row["published"]
    let date = published.map { $0.count >= 10 ? String($0.prefix(10)) : $0 }
    let newline: Unicode.Scalar = "\n"
    for start in starts {
      if hits.count >= wanted { return }
      let range = normalized.originalRange(Int(start), Int(start) + query.pattern.count)
      var left = max(0, range.lowerBound - context)
      if let cut = original[left..<range.lowerBound].lastIndex(of: newline) { left = cut + 1 }
      var right = min(original.count, range.upperBound + context)
      if let cut = original[range.upperBound..<right].firstIndex(of: newline) { right = cut }
      func string(_ r: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: original[r])
        return String(s)
      }
      hits.append(
        SearchHit(
          documentID: id, source: row["uri"], corpus: corpus, title: row["title"], date: date,
          county: county, start: range.lowerBound, end: range.upperBound,
          left: string(left..<range.lowerBound), match: string(range),
          right: string(range.upperBound..<right)))
    }
  }
}

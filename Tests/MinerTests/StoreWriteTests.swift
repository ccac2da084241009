import Foundation
import GRDB
import Testing

@testable import Miner

/// The store's writer binds through the SQLite C API (`RawStatement`); what it stores must be
/// what GRDB's `execute(arguments:)` stored before, value for value and type for type: NULL
/// stays NULL, "" stays "", non-BMP text and control characters survive, and a string with a
/// NUL is cut at the NUL as GRDB cuts it.
@Suite("Store write")
struct StoreWriteTests {
  static let odd = ["", "𠀀𪚥😀 U+20000", "a\u{0}b", "'\"\\\n\t\u{1B}\u{2028}", "镕堃喆"]

  static func pages() -> [(Page, Findings)] {
    odd.enumerated().map { i, s in
      let page = Page(
        uri: "u\(i)\(s)", title: i % 2 == 0 ? nil : s, published: i % 2 == 0 ? s : nil,
        source: i == 1 ? nil : s, byline: i == 2 ? nil : s, editors: i == 0 ? [] : [s, ""],
        breadcrumb: [s], canonicalURL: i == 3 ? nil : s,
        encoding: PageEncoding(declared: i == 4 ? nil : s, used: "UTF-8", replacements: i),
        sections: i == 0 ? [] : [Section(heading: nil, paragraphs: []), Section(heading: s, paragraphs: [s, "正文\(i)"])],
        text: i == 0 ? "" : "正文\(i)\(s)")
      // Sentences are where the store says: `s` follows 正文 and the digit.
      let inText = 3..<(3 + s.unicodeScalars.count)
      let findings = Findings(
        region: i == 0 ? nil : Region(province: i == 1 ? nil : s, city: nil, county: s, code: "45\(i)"),
        claims: [
          NumericClaim(
            text: s, value: Double(i) + 0.5, valueMax: i % 2 == 0 ? nil : -1e300, approx: .about,
            unit: s, subject: "", qualifier: i % 2 == 0 ? nil : .target, start: -i, end: Int.max - i,
            sentence: s, sentenceRange: inText),
          NumericClaim(
            text: "3万元", value: 30000, approx: .exact, unit: "元", subject: s, start: 0, end: 3,
            sentence: i == 0 ? "" : "正文\(i)", sentenceRange: i == 0 ? 0..<0 : 0..<3),
        ],
        firms: i == 1 ? [] : [Firm(text: s, canonical: "", kind: .cooperative, start: 1, end: 2, sentence: s, sentenceRange: inText)],
        slogans: [Slogan(text: s, kind: .plus, family: s, start: 3, end: 4, sentence: "", sentenceRange: 0..<0)])
      return (page, findings)
    }
  }

  /// Each table's rows as `typeof:quote:hex` strings, sorted (`quote` stops at a NUL, `hex`
  /// shows every byte).
  static func rows(_ store: Corpus) throws -> [String: [String]] {
    try store.pool.read { db in
      var out: [String: [String]] = [:]
      for table in ["documents", "memberships", "inputs", "ingest_errors", "regions", "claims", "firms", "slogans", "extracted"] {
        let columns = try db.columns(in: table).map { "typeof(\"\($0.name)\") || ':' || quote(\"\($0.name)\") || ':' || hex(\"\($0.name)\")" }
        out[table] = try String.fetchAll(db, sql: "SELECT \(columns.joined(separator: " || '|' || ")) FROM \(table)").sorted()
      }
      return out
    }
  }

  /// The writes as GRDB arguments, as `Corpus.add` and `Corpus.write` made them before.
  static func writeThroughGRDB(_ items: [(Page, Findings)], failures: [IngestError], corpus: String, into store: Corpus) throws {
    try store.pool.write { db in
      for (page, f) in items {
        let id = Corpus.documentID(of: page)
        try db.execute(
          sql: """
            INSERT OR IGNORE INTO documents (id, uri, title, published, source, byline, editors,
              breadcrumb, canonical_url, encoding_declared, encoding_used, replacements,
              sections, text, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            id, page.uri, page.title, page.published, page.source, page.byline,
            String(decoding: StoredJSON.array(page.editors), as: UTF8.self), String(decoding: StoredJSON.array(page.breadcrumb), as: UTF8.self), page.canonicalURL,
            page.encoding.declared, page.encoding.used, page.encoding.replacements,
            String(decoding: StoredJSON.sections(page.sections), as: UTF8.self), page.text, 7,
          ])
        let doc = try #require(try Int64.fetchOne(db, sql: "SELECT seq FROM documents WHERE id = ?", arguments: [id]))
        try db.execute(sql: "INSERT OR IGNORE INTO memberships VALUES (?, ?, ?)", arguments: [id, corpus, page.uri])
        try db.execute(sql: "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?)", arguments: ["in" + page.uri, corpus, id])
        if let r = f.region {
          try db.execute(sql: "INSERT OR REPLACE INTO regions VALUES (?, ?, ?, ?, ?)", arguments: [id, r.province, r.city, r.county, r.code])
        }
        for (n, c) in f.claims.enumerated() {
          try db.execute(
            sql: "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
              doc, n, c.start, c.end, c.text, c.value, c.valueMax, c.approx.rawValue, c.unit, c.subject,
              c.qualifier?.rawValue, c.sentenceRange.lowerBound, c.sentenceRange.upperBound,
            ])
        }
        for (n, x) in f.firms.enumerated() {
          try db.execute(
            sql: "INSERT INTO firms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [doc, n, x.start, x.end, x.text, x.canonical, x.kind.rawValue, x.sentenceRange.lowerBound, x.sentenceRange.upperBound])
        }
        for (n, x) in f.slogans.enumerated() {
          try db.execute(
            sql: "INSERT INTO slogans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [doc, n, x.start, x.end, x.text, x.kind.rawValue, x.family, x.sentenceRange.lowerBound, x.sentenceRange.upperBound])
        }
        try db.execute(sql: "INSERT OR REPLACE INTO extracted VALUES (?, ?)", arguments: [id, Corpus.extractorVersion])
      }
      for e in failures {
        try db.execute(
          sql: "INSERT OR REPLACE INTO ingest_errors VALUES (?, ?, ?, ?)",
          arguments: [e.input, corpus, e.stage.rawValue, e.description])
        try db.execute(sql: "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?)", arguments: [e.input, corpus, nil])
      }
    }
  }

  @Test func storesWhatGRDBArgumentsStored() throws {
    let scratch = try Scratch()
    let items = Self.pages()
    let failures = Self.odd.map { IngestError(input: "bad" + $0, stage: .parse, reason: $0) }
    let corpus = "语料\u{0}𠀀"
    let written = try Corpus(path: scratch.url.appendingPathComponent("raw.sqlite").path)
    try written.add(
      items.map { .page($0.0, input: "in" + $0.0.uri, bytes: 7, findings: $0.1) } + failures.map { .failure($0) },
      corpus: corpus)
    let expected = try Corpus(path: scratch.url.appendingPathComponent("grdb.sqlite").path)
    try Self.writeThroughGRDB(items, failures: failures, corpus: corpus, into: expected)
    let got = try Self.rows(written)
    #expect(got == (try Self.rows(expected)))
    #expect(got["claims"]?.count == 2 * items.count)
    #expect(got["documents"]?.contains { $0.contains("|null:NULL:|") } == true)
    #expect(got["claims"]?.contains { $0.contains("|text:'':|") } == true)

    // Read back through the API: pages and findings equal to what went in (up to the NUL).
    for (page, findings) in items where !page.uri.contains("\u{0}") {
      #expect(try written.page(id: Corpus.documentID(of: page)) == page)
      let stored = try #require(try written.storedDocuments().first { $0.uri == page.uri })
      #expect(stored.region == findings.region)
      #expect(Set(stored.claims.map(\.text)) == Set(findings.claims.map(\.text)))
      #expect(stored.claims.first { $0.text == findings.claims[0].text && $0.start == findings.claims[0].start } == findings.claims[0])
      #expect(stored.firms == findings.firms)
      #expect(stored.slogans == findings.slogans)
    }

    // Writing again replaces findings (the DELETE path) and leaves the same rows.
    try written.save(items.map { (id: Corpus.documentID(of: $0.0), findings: $0.1) })
    try written.add(
      items.map { .page($0.0, input: "in" + $0.0.uri, bytes: 7, findings: $0.1) } + failures.map { .failure($0) },
      corpus: corpus)
    #expect(try Self.rows(written) == got)
  }
}

/// Findings go in up to 16 rows a statement (`MultiRowInsert`): every count around those
/// bounds stores each finding once, numbered in order, and reads back as it went in.
@Suite struct MultiRowFindingWrites {
  @Test(arguments: [0, 1, 2, 15, 16, 17, 31, 32, 33, 50])
  func everyFindingOnceInOrder(_ count: Int) throws {
    let scratch = try Scratch()
    let store = try Corpus(path: scratch.url.appendingPathComponent("m.sqlite").path)
    let text = String(repeating: "全县党组织覆盖率达84.61%。", count: max(count, 1))
    let page = Page(
      uri: "m.html", title: "题", published: nil, source: nil, byline: nil, editors: [], breadcrumb: [],
      canonicalURL: nil, encoding: PageEncoding(declared: nil, used: "UTF-8", replacements: 0),
      sections: [Section(heading: nil, paragraphs: [text])], text: text)
    let claims = (0..<count).map { k in
      NumericClaim(
        text: "84.61%", value: Double(k), valueMax: k % 3 == 0 ? nil : Double(k + 1), approx: .exact, unit: "%",
        subject: "覆盖率\(k)", qualifier: k % 2 == 0 ? nil : .target, start: 16 * k + 9, end: 16 * k + 15,
        sentence: "全县党组织覆盖率达84.61%。", sentenceRange: (16 * k)..<(16 * k + 16))
    }
    let firms: [Firm] = (0..<(count + 1) / 2).map { (k: Int) -> Firm in
      let at: Int = 16 * k
      return Firm(
        text: "党组织\(k)", canonical: "\(k)", kind: .cooperative, start: at + 2, end: at + 5, sentence: "",
        sentenceRange: at..<(at + 16))
    }
    let slogans: [Slogan] = (0..<count * 2).map { (k: Int) -> Slogan in
      Slogan(text: "覆盖\(k)", kind: .plus, family: "f\(k % 5)", start: 8 * k, end: 8 * k + 2, sentence: "", sentenceRange: 0..<0)
    }
    let findings = Findings(region: nil, claims: claims, firms: firms, slogans: slogans)
    try store.add([.page(page, input: "m.html", bytes: 1, findings: findings)], corpus: "c")
    let numbers = try store.pool.read { db in
      try ["claims", "firms", "slogans"].map { try Int.fetchAll(db, sql: "SELECT n FROM \($0) ORDER BY n") }
    }
    #expect(numbers == [Array(0..<claims.count), Array(0..<firms.count), Array(0..<slogans.count)])
    let stored = try #require(try store.storedDocuments(withSentences: false).first)
    #expect(stored.claims.map { $0.subject } == claims.map { $0.subject })
    #expect(stored.claims.map { $0.valueMax } == claims.map { $0.valueMax })
    #expect(stored.claims.map { $0.qualifier } == claims.map { $0.qualifier })
    #expect(stored.firms.map { $0.canonical } == firms.map { $0.canonical })
    #expect(stored.slogans.map { $0.text }.sorted() == slogans.map { $0.text }.sorted())
  }

  /// `Miner.configureProcess()` changes SQLite's process-wide settings only before SQLite is in
  /// use (SQLite refuses `sqlite3_config` after it initialised); afterwards it reports that it
  /// changed nothing, and stores go on working.
  @Test func processSettingsAreRefusedOnceSQLiteIsInUse() throws {
    let scratch = try Scratch()
    let store = try Corpus(path: scratch.url.appendingPathComponent("p.sqlite").path)
    #expect(Miner.configureProcess() == false)
    try store.add(StoreWriteTests.pages().map { .page($0.0, input: $0.0.uri, bytes: 1, findings: $0.1) }, corpus: "c")
    #expect(try store.storedDocuments(withSentences: false).count == StoreWriteTests.odd.count)
  }
}

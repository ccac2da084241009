import Foundation
import GRDB
import Testing

@testable import Miner

/// A store written before findings were numbered (v2: findings keyed by the text id, each with a
/// copy of its sentence) opens with every finding, its sentence found again in the text, and its
/// documents keeping their numbers (the search index refers to them).
@Suite("Store migration")
struct StoreMigrationTests {
  static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpora/samples/gov")

  /// The sample pages with their findings, as the extractor gives them.
  static func extracted() throws -> [(page: Page, findings: Findings)] {
    let extractor = try Extractor()
    let files = try FileManager.default.contentsOfDirectory(at: samples, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "html" }.sorted { $0.path < $1.path }
    return try files.map { url in
      let page = try Page(parsing: try RawPage(contentsOf: url))
      return (page, extractor.findings(in: page.text, title: page.title, byline: page.byline))
    }
  }

  /// Writes `items` as the v2 schema stored them, documents at rowids 10, 20, 30 …
  static func writeOldStore(_ items: [(page: Page, findings: Findings)], at path: String) throws {
    let pool = try DatabasePool(path: path)
    try Corpus.migrator.migrate(pool, upTo: "search-v1")
    try pool.write { db in
      for (k, (page, f)) in items.enumerated() {
        let id = Corpus.documentID(of: page)
        try db.execute(
          sql: "INSERT INTO documents (rowid, id, uri, editors, breadcrumb, encoding_used, replacements, sections, text, bytes) VALUES (?, ?, ?, '[]', '[]', 'UTF-8', 0, '[]', ?, 1)",
          arguments: [10 * (k + 1), id, page.uri, page.text])
        try db.execute(sql: "INSERT INTO memberships VALUES (?, 'old', ?)", arguments: [id, page.uri])
        if let r = f.region {
          try db.execute(sql: "INSERT INTO regions VALUES (?, ?, ?, ?, ?)", arguments: [id, r.province, r.city, r.county, r.code])
        }
        for c in f.claims {
          try db.execute(
            sql: "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [id, c.start, c.end, c.text, c.value, c.valueMax, c.approx.rawValue, c.unit, c.subject, c.qualifier?.rawValue, c.sentence])
        }
        for x in f.firms {
          try db.execute(
            sql: "INSERT INTO firms VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [id, x.start, x.end, x.text, x.canonical, x.kind.rawValue, x.sentence])
        }
        for x in f.slogans {
          try db.execute(
            sql: "INSERT INTO slogans VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [id, x.start, x.end, x.text, x.kind.rawValue, x.family, x.sentence])
        }
        try db.execute(sql: "INSERT INTO extracted VALUES (?, ?)", arguments: [id, Corpus.extractorVersion])
      }
    }
  }

  @Test func anOlderStoreKeepsEveryFindingAndItsSentence() throws {
    let scratch = try Scratch()
    let path = scratch.url.appendingPathComponent("old.sqlite").path
    let items = try Self.extracted()
    #expect(items.count >= 5)
    #expect(items.map(\.findings.claims.count).reduce(0, +) > 30)
    try Self.writeOldStore(items, at: path)
    #expect(Corpus.needsConversion(path: path))

    let store = try Corpus(path: path)
    #expect(!Corpus.needsConversion(path: path))
    let stored = try store.storedDocuments()
    #expect(stored.count == items.count)
    for (page, findings) in items {
      let d = try #require(stored.first { $0.id == Corpus.documentID(of: page) })
      // Stored findings come in text order; ties keep the extractor's order.
      #expect(d.claims == findings.claims.sorted { $0.start < $1.start })
      #expect(d.firms == findings.firms.sorted { $0.start < $1.start })
      #expect(d.slogans == findings.slogans.sorted { $0.start < $1.start })
      #expect(d.region == findings.region)
    }
    // Nothing is left to extract, the documents kept their numbers, and plain SQL sees the
    // sentences through the views.
    let awaiting = try store.pagesAwaitingExtraction(limit: 10)
    #expect(awaiting.isEmpty)
    try store.pool.read { db in
      let numbers = try Int64.fetchAll(db, sql: "SELECT seq FROM documents ORDER BY seq")
      #expect(numbers == (1...items.count).map { Int64(10 * $0) })
      let sentences = try String.fetchAll(db, sql: "SELECT sentence FROM claims_with_sentence")
      #expect(sentences.sorted() == items.flatMap { $0.findings.claims.map(\.sentence) }.sorted())
    }
  }

  /// A store made now gives back what was extracted, sentences included, and a new document
  /// after the older ones gets the next number.
  @Test func aNewStoreGivesBackFindingsWithSentences() throws {
    let scratch = try Scratch()
    let items = try Self.extracted()
    let path = scratch.url.appendingPathComponent("new.sqlite").path
    #expect(!Corpus.needsConversion(path: path))
    let store = try Corpus(path: path)
    #expect(!Corpus.needsConversion(path: path))
    #expect(!Corpus.needsConversion(path: #filePath))
    try store.add(
      items.map { .page($0.page, input: $0.page.uri, bytes: 1, findings: $0.findings) }, corpus: "new")
    let stored = try store.storedDocuments(withText: true)
    let bare = try store.storedDocuments(withSentences: false)
    for (page, findings) in items {
      let d = try #require(stored.first { $0.id == Corpus.documentID(of: page) })
      #expect(d.text == page.text)
      #expect(d.claims == findings.claims.sorted { $0.start < $1.start })
      #expect(d.firms == findings.firms.sorted { $0.start < $1.start })
      #expect(d.slogans == findings.slogans.sorted { $0.start < $1.start })
      let b = try #require(bare.first { $0.id == d.id })
      #expect(b.claims.allSatisfy { $0.sentence.isEmpty })
      #expect(b.claims.map(\.sentenceRange) == d.claims.map(\.sentenceRange))
    }
  }

  /// Each page's findings go to its own document when failed inputs and repeated pages come
  /// between (inputs and documents are then numbered differently): a document's number is
  /// taken right after its own insert.
  @Test func findingsGoToTheirOwnDocumentBetweenFailuresAndRepeats() throws {
    let scratch = try Scratch()
    let items = try Self.extracted()
    let store = try Corpus(path: scratch.url.appendingPathComponent("mixed.sqlite").path)
    var outcomes: [IngestOutcome] = []
    for (k, item) in items.enumerated() {
      outcomes.append(.failure(IngestError(input: "broken-\(k).html", stage: .parse, reason: "test")))
      outcomes.append(.page(item.page, input: "a-\(k).html", bytes: 1, findings: item.findings))
    }
    try store.add(outcomes, corpus: "one")
    // The same pages again under other inputs (same documents), and in another batch.
    try store.add(
      items.reversed().enumerated().map { k, item in
        .page(item.page, input: "b-\(k).html", bytes: 1, findings: item.findings)
      }, corpus: "two")
    let stored = try store.storedDocuments()
    #expect(stored.count == items.count)
    for (page, findings) in items {
      let d = try #require(stored.first { $0.id == Corpus.documentID(of: page) })
      #expect(d.corpora == ["one", "two"])
      #expect(d.claims == findings.claims.sorted { $0.start < $1.start })
      #expect(d.firms == findings.firms.sorted { $0.start < $1.start })
      #expect(d.slogans == findings.slogans.sorted { $0.start < $1.start })
    }
  }
}

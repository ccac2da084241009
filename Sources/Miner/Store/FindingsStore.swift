import Foundation
import GRDB

/// Findings in the store: one table per finding type, the submitting region per document, and
/// `extracted` (which documents have been through which extractor version), so extraction is
/// incremental and re-running it is a no-op.
extension Corpus {
  /// Bump when extraction changes in a way that should redo stored documents.
  public static let extractorVersion = 1

  static func registerFindingsMigrations(in migrator: inout DatabaseMigrator) {
    migrator.registerMigration("v2-findings") { db in
      try db.execute(
        sql: """
          CREATE TABLE regions (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            province TEXT, city TEXT, county TEXT, code TEXT NOT NULL
          );
          CREATE TABLE claims (
            document_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,  -- character offsets into documents.text
            text TEXT NOT NULL, value REAL NOT NULL, value_max REAL,
            approx TEXT NOT NULL, unit TEXT NOT NULL, subject TEXT NOT NULL, qualifier TEXT,
            sentence TEXT NOT NULL
          );
          CREATE INDEX claims_document ON claims(document_id);
          CREATE INDEX claims_subject ON claims(subject);
          CREATE TABLE firms (
            document_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, canonical TEXT NOT NULL, kind TEXT NOT NULL, sentence TEXT NOT NULL
          );
          CREATE INDEX firms_document ON firms(document_id);
          CREATE INDEX firms_canonical ON firms(canonical);
          CREATE TABLE slogans (
            document_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, kind TEXT NOT NULL, family TEXT NOT NULL, sentence TEXT NOT NULL
          );
          CREATE INDEX slogans_document ON slogans(document_id);
          CREATE INDEX slogans_family ON slogans(family);
          CREATE TABLE extracted (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            version INTEGER NOT NULL
          );
          """)
    }
  }

  /// Up to `limit` stored documents not yet extracted with the current extractor version.
  public func pagesAwaitingExtraction(limit: Int) throws(StoreError) -> [(id: String, page: Page)] {
    do {
      return try pool.read { db in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT d.* FROM documents d LEFT JOIN extracted e ON e.document_id = d.id
            WHERE e.document_id IS NULL OR e.version < ? ORDER BY d.rowid LIMIT ?
            """, arguments: [Self.extractorVersion, limit])
        return try rows.map { (id: $0["id"] as String, page: try Self.page(from: $0)) }
      }
    } catch {
      throw StoreError(path: path, reason: "cannot read documents to extract: \(error)")
    }
  }

  /// Replaces the findings of each document in one transaction.
  public func save(_ batch: [(id: String, findings: Findings)]) throws(StoreError) {
    guard !batch.isEmpty else { return }
    do {
      try pool.write { db in
        let statements = try FindingsStatements(db)
        for (id, findings) in batch {
          statements.number.bind(1, id)
          guard let doc = try statements.number.int64() else {
            throw StoreError(path: path, reason: "no document \(id) to save findings of")
          }
          try Self.write(findings, of: id, number: doc, replacing: true, with: statements)
        }
      }
    } catch {
      throw StoreError(path: path, reason: "cannot save findings: \(error)")
    }
  }

  /// Writes one document's findings and marks it extracted; `replacing` deletes its earlier
  /// findings first. `number` is the document's `seq`. Bound through the C API, about 75 rows
  /// a page (`RawStatement`), each appended in key order.
  static func write(
    _ f: Findings, of id: String, number doc: Int64, replacing: Bool, with s: FindingsStatements
  ) throws {
    if replacing {
      for delete in s.deletes {
        delete.bind(1, doc)
        try delete.run()
      }
      s.deleteRegion.bind(1, id)
      try s.deleteRegion.run()
    }
    if let r = f.region {
      s.region.bind(1, id)
      s.region.bind(2, r.province)
      s.region.bind(3, r.city)
      s.region.bind(4, r.county)
      s.region.bind(5, r.code)
      try s.region.run()
    }
    for (n, c) in f.claims.enumerated() {
      s.claim.bind(1, doc)
      s.claim.bind(2, n)
      s.claim.bind(3, c.start)
      s.claim.bind(4, c.end)
      s.claim.bind(5, c.text)
      s.claim.bind(6, c.value)
      s.claim.bind(7, c.valueMax)
      s.claim.bind(8, c.approx.rawValue)
      s.claim.bind(9, c.unit)
      s.claim.bind(10, c.subject)
      s.claim.bind(11, c.qualifier?.rawValue)
      s.claim.bind(12, c.sentenceRange.lowerBound)
      s.claim.bind(13, c.sentenceRange.upperBound)
      try s.claim.run()
    }
    for (n, x) in f.firms.enumerated() {
      s.firm.bind(1, doc)
      s.firm.bind(2, n)
      s.firm.bind(3, x.start)
      s.firm.bind(4, x.end)
      s.firm.bind(5, x.text)
      s.firm.bind(6, x.canonical)
      s.firm.bind(7, x.kind.rawValue)
      s.firm.bind(8, x.sentenceRange.lowerBound)
      s.firm.bind(9, x.sentenceRange.upperBound)
      try s.firm.run()
    }
    for (n, x) in f.slogans.enumerated() {
      s.slogan.bind(1, doc)
      s.slogan.bind(2, n)
      s.slogan.bind(3, x.start)
      s.slogan.bind(4, x.end)
      s.slogan.bind(5, x.text)
      s.slogan.bind(6, x.kind.rawValue)
      s.slogan.bind(7, x.family)
      s.slogan.bind(8, x.sentenceRange.lowerBound)
      s.slogan.bind(9, x.sentenceRange.upperBound)
      try s.slogan.run()
    }
    s.extracted.bind(1, id)
    s.extracted.bind(2, Self.extractorVersion)
    try s.extracted.run()
  }
}

/// The statements that write findings, looked up once per transaction.
struct FindingsStatements {
  /// Deleting a document's claims, firms and slogans, by its number.
  let deletes: [RawStatement]
  let deleteRegion: RawStatement
  /// A document's number from its id.
  let number: RawStatement
  let region: RawStatement
  let claim: RawStatement
  let firm: RawStatement
  let slogan: RawStatement
  let extracted: RawStatement

  init(_ db: Database) throws {
    deletes = try ["claims", "firms", "slogans"].map {
      try RawStatement(db, sql: "DELETE FROM \($0) WHERE doc = ?")
    }
    deleteRegion = try RawStatement(db, sql: "DELETE FROM regions WHERE document_id = ?")
    number = try RawStatement(db, sql: "SELECT seq FROM documents WHERE id = ?")
    region = try RawStatement(db, sql: "INSERT OR REPLACE INTO regions VALUES (?, ?, ?, ?, ?)")
    claim = try RawStatement(
      db,
      sql: """
        INSERT INTO claims (doc, n, start, "end", text, value, value_max, approx, unit, subject,
          qualifier, sentence_start, sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    firm = try RawStatement(
      db,
      sql: """
        INSERT INTO firms (doc, n, start, "end", text, canonical, kind, sentence_start,
          sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    slogan = try RawStatement(
      db,
      sql: """
        INSERT INTO slogans (doc, n, start, "end", text, kind, family, sentence_start,
          sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    extracted = try RawStatement(db, sql: "INSERT OR REPLACE INTO extracted VALUES (?, ?)")
  }
}

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
        for (id, findings) in batch { try Self.write(findings, of: id, replacing: true, in: db) }
      }
    } catch {
      throw StoreError(path: path, reason: "cannot save findings: \(error)")
    }
  }

  /// Writes one document's findings and marks it extracted; `replacing` deletes its earlier
  /// findings first. Statements are compiled once per connection (cached), not once per row.
  static func write(_ f: Findings, of id: String, replacing: Bool, in db: Database) throws {
    if replacing {
      for table in ["regions", "claims", "firms", "slogans"] {
        try db.cachedStatement(sql: "DELETE FROM \(table) WHERE document_id = ?").execute(arguments: [id])
      }
    }
    if let r = f.region {
      try db.cachedStatement(sql: "INSERT OR REPLACE INTO regions VALUES (?, ?, ?, ?, ?)")
        .execute(arguments: [id, r.province, r.city, r.county, r.code])
    }
    if !f.claims.isEmpty {
      let claim = try db.cachedStatement(
        sql: "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      for c in f.claims {
        try claim.execute(arguments: [
          id, c.start, c.end, c.text, c.value, c.valueMax, c.approx.rawValue, c.unit,
          c.subject, c.qualifier?.rawValue, c.sentence,
        ])
      }
    }
    if !f.firms.isEmpty {
      let firm = try db.cachedStatement(sql: "INSERT INTO firms VALUES (?, ?, ?, ?, ?, ?, ?)")
      for x in f.firms {
        try firm.execute(arguments: [id, x.start, x.end, x.text, x.canonical, x.kind.rawValue, x.sentence])
      }
    }
    if !f.slogans.isEmpty {
      let slogan = try db.cachedStatement(sql: "INSERT INTO slogans VALUES (?, ?, ?, ?, ?, ?, ?)")
      for x in f.slogans {
        try slogan.execute(arguments: [id, x.start, x.end, x.text, x.kind.rawValue, x.family, x.sentence])
      }
    }
    try db.cachedStatement(sql: "INSERT OR REPLACE INTO extracted VALUES (?, ?)")
      .execute(arguments: [id, Self.extractorVersion])
  }
}

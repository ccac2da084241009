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

  /// Up to `limit` stored documents not yet extracted with the current extractor version,
  /// without their sections (extraction reads the text, title and byline; a sections column
  /// that cannot be read does not stop it).
  public func pagesAwaitingExtraction(limit: Int) throws(StoreError) -> [(id: String, page: Page)] {
    do {
      return try pool.read { db in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT d.* FROM documents d LEFT JOIN extracted e ON e.document_id = d.id
            WHERE e.document_id IS NULL OR e.version < ? ORDER BY d.rowid LIMIT ?
            """, arguments: [Self.extractorVersion, limit])
        return try rows.map { (id: $0["id"] as String, page: try Self.page(from: $0, sections: false)) }
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
    try insert(f.claims, with: s.claims) { st, at, n, c in
      st.bind(at + 1, doc)
      st.bind(at + 2, n)
      st.bind(at + 3, c.start)
      st.bind(at + 4, c.end)
      st.bind(at + 5, c.text)
      st.bind(at + 6, c.value)
      st.bind(at + 7, c.valueMax)
      st.bind(at + 8, c.approx.rawValue)
      st.bind(at + 9, c.unit)
      st.bind(at + 10, c.subject)
      st.bind(at + 11, c.qualifier?.rawValue)
      st.bind(at + 12, c.sentenceRange.lowerBound)
      st.bind(at + 13, c.sentenceRange.upperBound)
    }
    try insert(f.firms, with: s.firms) { st, at, n, x in
      st.bind(at + 1, doc)
      st.bind(at + 2, n)
      st.bind(at + 3, x.start)
      st.bind(at + 4, x.end)
      st.bind(at + 5, x.text)
      st.bind(at + 6, x.canonical)
      st.bind(at + 7, x.kind.rawValue)
      st.bind(at + 8, x.sentenceRange.lowerBound)
      st.bind(at + 9, x.sentenceRange.upperBound)
    }
    try insert(f.slogans, with: s.slogans) { st, at, n, x in
      st.bind(at + 1, doc)
      st.bind(at + 2, n)
      st.bind(at + 3, x.start)
      st.bind(at + 4, x.end)
      st.bind(at + 5, x.text)
      st.bind(at + 6, x.kind.rawValue)
      st.bind(at + 7, x.family)
      st.bind(at + 8, x.sentenceRange.lowerBound)
      st.bind(at + 9, x.sentenceRange.upperBound)
    }
    s.extracted.bind(1, id)
    s.extracted.bind(2, Self.extractorVersion)
    try s.extracted.run()
  }

  /// Inserts `rows` (numbered 0, 1, … in the document) several at a time: `statements[k - 1]`
  /// inserts k rows, and `bind` binds one row's columns after parameter `at`.
  private static func insert<Row>(
    _ rows: [Row], with statements: MultiRowInsert, bind: (RawStatement, Int32, Int, Row) -> Void
  ) throws {
    var n = 0
    while n < rows.count {
      let k = min(statements.byRows.count, rows.count - n)
      let statement = statements.byRows[k - 1]
      for j in 0..<k { bind(statement, Int32(j) * statements.columns, n + j, rows[n + j]) }
      try statement.run()
      n += k
    }
  }
}

/// `INSERT INTO table (columns) VALUES (…), (…), …` for 1 to `MultiRowInsert.most` rows: a
/// statement per row cost SQLite about a quarter of its insert work in starting, finishing and
/// resetting the statement (750,000 finding-like rows through the C API: 2.0 s of CPU one row a
/// statement, 1.5 s sixteen).
struct MultiRowInsert {
  static let most = 16
  let columns: Int32
  /// `byRows[k - 1]` inserts k rows.
  let byRows: [RawStatement]

  /// The statements' SQL for one table, made once for the process (the statements themselves
  /// are looked up once per transaction).
  struct SQL {
    let columns: Int32
    let byRows: [String]

    init(table: String, columns names: [String]) {
      columns = Int32(names.count)
      let head = "INSERT INTO \(table) (\(names.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES "
      let row = "(" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
      byRows = (1...MultiRowInsert.most).map { k in head + Array(repeating: row, count: k).joined(separator: ", ") }
    }
  }

  init(_ db: Database, _ sql: SQL) throws {
    columns = sql.columns
    byRows = try sql.byRows.map { try RawStatement(db, sql: $0) }
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
  let claims: MultiRowInsert
  let firms: MultiRowInsert
  let slogans: MultiRowInsert
  let extracted: RawStatement

  private static let claimsSQL = MultiRowInsert.SQL(
    table: "claims",
    columns: [
      "doc", "n", "start", "end", "text", "value", "value_max", "approx", "unit", "subject", "qualifier",
      "sentence_start", "sentence_end",
    ])
  private static let firmsSQL = MultiRowInsert.SQL(
    table: "firms", columns: ["doc", "n", "start", "end", "text", "canonical", "kind", "sentence_start", "sentence_end"])
  private static let slogansSQL = MultiRowInsert.SQL(
    table: "slogans", columns: ["doc", "n", "start", "end", "text", "kind", "family", "sentence_start", "sentence_end"])

  init(_ db: Database) throws {
    deletes = try ["claims", "firms", "slogans"].map {
      try RawStatement(db, sql: "DELETE FROM \($0) WHERE doc = ?")
    }
    deleteRegion = try RawStatement(db, sql: "DELETE FROM regions WHERE document_id = ?")
    number = try RawStatement(db, sql: "SELECT seq FROM documents WHERE id = ?")
    region = try RawStatement(db, sql: "INSERT OR REPLACE INTO regions VALUES (?, ?, ?, ?, ?)")
    claims = try MultiRowInsert(db, Self.claimsSQL)
    firms = try MultiRowInsert(db, Self.firmsSQL)
    slogans = try MultiRowInsert(db, Self.slogansSQL)
    extracted = try RawStatement(db, sql: "INSERT OR REPLACE INTO extracted VALUES (?, ?)")
  }
}

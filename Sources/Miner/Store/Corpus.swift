import Foundation
import GRDB

/// Why the store failed, naming the database file: `cannot open ./caseminer.sqlite: …`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public var description: String { "store \(path): \(reason)" }
}

/// What became of one input: a page (with its size in bytes) or an error.
public enum IngestOutcome: Sendable {
  /// A page; with `findings` when it was extracted on the way in (`ingest --extract`), saved
  /// in the same transaction as the document; with `id` when the caller already computed
  /// `Corpus.documentID(of:)` (ingest does, on the worker threads, not on the one writer).
  case page(Page, input: String, bytes: Int, findings: Findings? = nil, id: String? = nil)
  case failure(IngestError)

  public var input: String {
    switch self {
    case .page(_, let input, _, _, _): input
    case .failure(let error): error.input
    }
  }
}

/// Counts for `caseminer stats`.
public struct CorpusStatistics: Sendable, Codable, Hashable {
  public var documents: Int
  public var errors: Int
  public var byCorpus: [String: Int]
  public var byEncoding: [String: Int]
  public var bySource: [String: Int]

  enum CodingKeys: String, CodingKey {
    case documents, errors
    case byCorpus = "by_corpus"
    case byEncoding = "by_encoding"
    case bySource = "by_source"
  }
}

/// The embedded store: SQLite through GRDB in WAL mode.
///
/// Tables (readable with plain `sqlite3`): `documents` keyed by the SHA-256 of the page text
/// (and numbered: `seq`),
/// `memberships` (document, corpus), `ingest_errors` (input, corpus, stage, message) and
/// `inputs` (every input finished, for resuming). The schema is in `migrator`.
public final class Corpus: Sendable {
  public let path: String
  let pool: DatabasePool

  public init(path: String) throws(StoreError) {
    self.path = path
    do {
      var config = Configuration()
      config.busyMode = .timeout(10)
      // In WAL mode, synchronous=NORMAL syncs at checkpoints, not at every commit: a committed
      // transaction survives a crash of the process (kill -9), only an OS crash or power loss
      // can take back the last few. That is the guarantee ingest promises.
      config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
      pool = try DatabasePool(path: path, configuration: config)
      // A store a newer caseminer has changed (a migration this one does not know) may hold
      // what this one would misread: refuse it rather than guess.
      let unknown = try pool.read { db in
        try Self.migrator.appliedIdentifiers(db).subtracting(Self.migrator.migrations)
      }
      if !unknown.isEmpty {
        throw StoreError(
          path: path,
          reason: "written by a newer caseminer (store change \(unknown.sorted().joined(separator: ", ")) unknown to this one): update caseminer to read it")
      }
      try Self.migrator.migrate(pool)
      // The one writer (ingest's): a page cache that holds a batch's dirty pages and the index
      // leaves it touches, so SQLite neither spills pages to the WAL mid-transaction nor reads
      // them back (on 2,000 generated pages: 153 k pwrite and 99 k pread calls at the default
      // 2 MB, 89 k and 25 k here); checkpoints every 32 MB of WAL rather than every 4 MB, so an
      // index page rewritten by several batches is copied into the database once. Readers keep
      // SQLite's defaults.
      try pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192")
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(path: path, reason: "cannot open: \(error)")
    }
  }

  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE documents (
            id TEXT PRIMARY KEY,          -- SHA-256 (hex) of the cleaned text (title when empty)
            uri TEXT NOT NULL,            -- where it was first seen
            title TEXT,
            published TEXT,               -- ISO 8601, +08:00 when the page gave a time
            source TEXT,                  -- 来源
            byline TEXT,
            editors TEXT NOT NULL,        -- JSON array
            breadcrumb TEXT NOT NULL,     -- JSON array, outermost first
            canonical_url TEXT,
            encoding_declared TEXT,
            encoding_used TEXT NOT NULL,
            replacements INTEGER NOT NULL,
            sections TEXT NOT NULL,       -- JSON [{heading, paragraphs}]
            text TEXT NOT NULL,
            bytes INTEGER NOT NULL
          );
          CREATE TABLE memberships (
            document_id TEXT NOT NULL REFERENCES documents(id),
            corpus TEXT NOT NULL,
            uri TEXT NOT NULL,
            PRIMARY KEY (document_id, corpus)
          );
          CREATE INDEX memberships_corpus ON memberships(corpus);
          CREATE TABLE ingest_errors (
            input TEXT NOT NULL,
            corpus TEXT NOT NULL,
            stage TEXT NOT NULL,
            message TEXT NOT NULL,
            UNIQUE (input, corpus)
          );
          CREATE TABLE inputs (
            input TEXT NOT NULL,
            corpus TEXT NOT NULL,
            document_id TEXT,             -- NULL when the input failed
            PRIMARY KEY (input, corpus)
          );
          """)
    }
    registerFindingsMigrations(in: &m)
    SearchIndex.registerMigrations(in: &m)
    registerNumberedFindingsMigration(in: &m)
    // v4: `sections` may hold an outline of the text (`StoredJSON.outline`) instead of every
    // paragraph again. Nothing is rewritten: older rows keep their paragraphs and read as
    // before. The migration is recorded so that an older caseminer, which would misread an
    // outline, refuses the store instead (GRDB opens no store with a migration it does not know).
    m.registerMigration(Self.sectionOutlines) { _ in }
    return m
  }

  /// Migrations that rewrite nothing, so opening a store that lacks them is not a conversion.
  private static let sectionOutlines = "v4-section-outlines"

  /// Whether the store at `path` was made by an earlier version of caseminer and will be
  /// converted when opened (its tables are rewritten once: a while on a large store). False
  /// for a missing file, a current store, or anything that is not a store.
  public static func needsConversion(path: String) -> Bool {
    guard FileManager.default.fileExists(atPath: path) else { return false }
    do {
      var config = Configuration()
      config.readonly = true
      let queue = try DatabaseQueue(path: path, configuration: config)
      return try queue.read { db in
        guard try db.tableExists("grdb_migrations") else { return false }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        return !applied.isEmpty
          && !migrator.migrations.filter { $0 != sectionOutlines }.allSatisfy(applied.contains)
      }
    } catch {
      return false
    }
  }

  /// The document id of a page: SHA-256 of its text, or of uri and title when it has no text.
  public static func documentID(of page: Page) -> String {
    SHA256.hex(page.text.isEmpty ? Array("\(page.uri)\n\(page.title ?? "")".utf8) : Array(page.text.utf8))
  }

  /// Inputs already stored as documents of `corpus`, to skip on a re-run. Failed inputs are
  /// tried again (a fixed file then lands and its error row goes).
  public func finishedInputs(corpus: String) throws(StoreError) -> Set<String> {
    do {
      return try pool.read { db in
        Set(try String.fetchAll(db, sql: "SELECT input FROM inputs WHERE corpus = ? AND document_id IS NOT NULL", arguments: [corpus]))
      }
    } catch {
      throw StoreError(path: path, reason: "cannot read finished inputs: \(error)")
    }
  }

  /// Writes outcomes in one transaction: all of them or, after a crash, none.
  public func add(_ outcomes: [IngestOutcome], corpus: String) throws(StoreError) {
    guard !outcomes.isEmpty else { return }
    do {
      try pool.write { db in
        // Statements compiled once per connection, not once per row; bound through the C API.
        let document = try RawStatement(
          db,
          sql: """
            INSERT OR IGNORE INTO documents (id, uri, title, published, source, byline, editors,
              breadcrumb, canonical_url, encoding_declared, encoding_used, replacements,
              sections, text, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let membership = try RawStatement(
          db, sql: "INSERT OR IGNORE INTO memberships (document_id, corpus, uri) VALUES (?, ?, ?)")
        let finished = try RawStatement(
          db, sql: "INSERT OR REPLACE INTO inputs (input, corpus, document_id) VALUES (?, ?, ?)")
        let clearError = try RawStatement(
          db, sql: "DELETE FROM ingest_errors WHERE input = ? AND corpus = ?")
        let recordError = try RawStatement(
          db, sql: "INSERT OR REPLACE INTO ingest_errors (input, corpus, stage, message) VALUES (?, ?, ?, ?)")
        var findingsStatements: FindingsStatements?
        for outcome in outcomes {
          switch outcome {
          case .page(let page, let input, let bytes, let findings, let knownID):
            let id = knownID ?? Self.documentID(of: page)
            document.bind(1, id)
            document.bind(2, page.uri)
            document.bind(3, page.title)
            document.bind(4, page.published)
            document.bind(5, page.source)
            document.bind(6, page.byline)
            document.bind(7, utf8: StoredJSON.array(page.editors))
            document.bind(8, utf8: StoredJSON.array(page.breadcrumb))
            document.bind(9, page.canonicalURL)
            document.bind(10, page.encoding.declared)
            document.bind(11, page.encoding.used)
            document.bind(12, page.encoding.replacements)
            document.bind(13, utf8: StoredJSON.outline(page.sections, text: page.text) ?? StoredJSON.sections(page.sections))
            document.bind(14, page.text)
            document.bind(15, bytes)
            try document.run()
            let isNew = db.changesCount > 0
            // The new document's number, read before the statements below insert rows of
            // their own (last_insert_rowid would then be theirs).
            let newNumber = isNew ? db.lastInsertedRowID : nil
            membership.bind(1, id)
            membership.bind(2, corpus)
            membership.bind(3, page.uri)
            try membership.run()
            finished.bind(1, input)
            finished.bind(2, corpus)
            finished.bind(3, id)
            try finished.run()
            clearError.bind(1, input)
            clearError.bind(2, corpus)
            try clearError.run()
            if let findings {
              if findingsStatements == nil { findingsStatements = try FindingsStatements(db) }
              let statements = findingsStatements!
              // A new document has no findings yet: nothing to replace.
              let number: Int64
              if let newNumber {
                number = newNumber
              } else {
                statements.number.bind(1, id)
                guard let stored = try statements.number.int64() else {
                  throw StoreError(path: path, reason: "document \(id) vanished while writing")
                }
                number = stored
              }
              try Self.write(findings, of: id, number: number, replacing: !isNew, with: statements)
            }
          case .failure(let error):
            recordError.bind(1, error.input)
            recordError.bind(2, corpus)
            recordError.bind(3, error.stage.rawValue)
            recordError.bind(4, error.description)
            try recordError.run()
            finished.bind(1, error.input)
            finished.bind(2, corpus)
            finished.bind(3, nil as String?)
            try finished.run()
          }
        }
      }
    } catch {
      throw StoreError(path: path, reason: "cannot write \(outcomes.count) inputs: \(error)")
    }
  }

  /// A document by id, as a `Page`.
  public func page(id: String) throws(StoreError) -> Page? {
    do {
      return try pool.read { db -> Page? in
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE id = ?", arguments: [id])
        else { return nil }
        return try Self.page(from: row)
      }
    } catch {
      throw StoreError(path: path, reason: "cannot read document \(id): \(error)")
    }
  }

  /// Every document of `corpus` (all when nil), in id order, without loading them all at once.
  public func forEachPage(corpus: String? = nil, _ body: (String, Page) throws -> Void) throws(StoreError) {
    do {
      try pool.read { db in
        let sql = corpus == nil
          ? "SELECT * FROM documents ORDER BY id"
          : "SELECT d.* FROM documents d JOIN memberships m ON m.document_id = d.id WHERE m.corpus = ? ORDER BY d.id"
        let rows = try Row.fetchCursor(db, sql: sql, arguments: corpus.map { [$0] } ?? [])
        while let row = try rows.next() {
          try body(row["id"], try Self.page(from: row))
        }
      }
    } catch {
      throw StoreError(path: path, reason: "cannot read documents: \(error)")
    }
  }

  /// The row as a `Page`; without `sections` its sections are left empty (not read).
  static func page(from row: Row, sections withSections: Bool = true) throws -> Page {
    let decoder = JSONDecoder()
    let text: String = row["text"]
    func decode<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
      try decoder.decode(T.self, from: Data((row[column] as String? ?? "[]").utf8))
    }
    return Page(
      uri: row["uri"], title: row["title"], published: row["published"], source: row["source"],
      byline: row["byline"], editors: try decode([String].self, "editors"),
      breadcrumb: try decode([String].self, "breadcrumb"), canonicalURL: row["canonical_url"],
      encoding: PageEncoding(
        declared: row["encoding_declared"], used: row["encoding_used"],
        replacements: row["replacements"]),
      sections: withSections ? try sections(row["sections"], text: text, id: row["id"]) : [], text: text)
  }

  /// A `sections` outline that does not fit its document's text (the store was edited by hand).
  struct OutlineMismatch: Error, CustomStringConvertible {
    var id: String?
    var description: String {
      "the sections outline of document \(id ?? "?") does not fit its text (was the store edited?)"
    }
  }

  /// The `sections` column: an outline of the text (store v4: `[{"heading":…,"lines":N}]`) or,
  /// as stores wrote before and still write for a text the sections do not tile, every
  /// paragraph (`[{"heading":…,"paragraphs":[…]}]`).
  static func sections(_ json: String?, text: String, id: String? = nil) throws -> [Section] {
    let json = json ?? "[]"
    let data = Data(json.utf8)
    if json.contains(#""lines":"#) {
      let outline = try JSONDecoder().decode([StoredJSON.OutlineEntry].self, from: data)
      guard let sections = StoredJSON.sections(outline: outline, text: text) else {
        throw OutlineMismatch(id: id)
      }
      return sections
    }
    return try JSONDecoder().decode([Section].self, from: data)
  }

  public func statistics() throws(StoreError) -> CorpusStatistics {
    do {
      return try pool.read { db in
        func counts(_ sql: String) throws -> [String: Int] {
          var out: [String: Int] = [:]
          for row in try Row.fetchAll(db, sql: sql) { out[row[0] as String? ?? "(none)"] = row[1] }
          return out
        }
        return CorpusStatistics(
          documents: try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0,
          errors: try Int.fetchOne(db, sql: "SELECT count(*) FROM ingest_errors") ?? 0,
          byCorpus: try counts("SELECT corpus, count(*) FROM memberships GROUP BY corpus"),
          byEncoding: try counts("SELECT encoding_used, count(*) FROM documents GROUP BY encoding_used"),
          bySource: try counts("SELECT source, count(*) FROM documents GROUP BY source"))
      }
    } catch {
      throw StoreError(path: path, reason: "cannot count: \(error)")
    }
  }
}

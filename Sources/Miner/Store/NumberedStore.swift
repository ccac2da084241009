import Foundation
import GRDB

/// The store's third schema: numbered documents, findings keyed by number with sentence ranges.
/// v1 (documents, memberships, inputs, errors) is in Corpus.swift, v2 (findings) in
/// FindingsStore.swift, the search index's in SearchIndex.swift; a migration's DDL is history
/// and is never edited, so v3 repeats the documents columns of v1.
extension Corpus {
  /// v3: documents get a stable number (`seq`, an INTEGER PRIMARY KEY, so VACUUM cannot
  /// renumber them; it keeps the rowids the search index already refers to), and findings refer
  /// to it: each table is one B-tree keyed by (document number, place among the document's
  /// findings), written in key order as pages arrive, instead of a table with an index on a
  /// 64-character text id. A finding keeps where its sentence lies (`sentence_start`,
  /// `sentence_end`) instead of a copy of it; the `*_with_sentence` views give the text.
  /// Stores from before keep every finding: the sentence is found again in the document text
  /// near the finding.
  static func registerNumberedFindingsMigration(in migrator: inout DatabaseMigrator) {
    migrator.registerMigration("v3-numbered-findings") { db in
      try db.execute(
        sql: """
          CREATE TABLE documents_v3 (
            seq INTEGER PRIMARY KEY,      -- the document's number (its rowid), for findings and search
            id TEXT NOT NULL UNIQUE,      -- SHA-256 (hex) of the cleaned text (title when empty)
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
          INSERT INTO documents_v3 SELECT rowid, id, uri, title, published, source, byline,
            editors, breadcrumb, canonical_url, encoding_declared, encoding_used, replacements,
            sections, text, bytes FROM documents ORDER BY rowid;
          DROP TABLE documents;
          ALTER TABLE documents_v3 RENAME TO documents;
          """)
      // The columns each finding table has besides its key and sentence.
      let tables = [
        ("claims", "text TEXT NOT NULL, value REAL NOT NULL, value_max REAL, approx TEXT NOT NULL, unit TEXT NOT NULL, subject TEXT NOT NULL, qualifier TEXT",
         "text, value, value_max, approx, unit, subject, qualifier"),
        ("firms", "text TEXT NOT NULL, canonical TEXT NOT NULL, kind TEXT NOT NULL",
         "text, canonical, kind"),
        ("slogans", "text TEXT NOT NULL, kind TEXT NOT NULL, family TEXT NOT NULL",
         "text, kind, family"),
      ]
      for (table, columns, names) in tables {
        // The old sentence is looked for in a window of the text around the finding (it holds
        // the finding's start, give or take trimmed blanks), then anywhere in the text.
        try db.execute(
          sql: """
            CREATE TABLE \(table)_v3 (
              doc INTEGER NOT NULL REFERENCES documents(seq),
              n INTEGER NOT NULL,         -- its place among the document's findings of this table
              start INTEGER NOT NULL, "end" INTEGER NOT NULL,  -- character offsets into documents.text
              \(columns),
              sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
              PRIMARY KEY (doc, n)
            ) WITHOUT ROWID;
            INSERT INTO \(table)_v3
            SELECT doc, n, start, "end", \(names),
              CASE WHEN length(sentence) = 0 THEN start
                WHEN near > 0 THEN w0 + near - 1
                WHEN anywhere > 0 THEN anywhere - 1
                ELSE start END,
              CASE WHEN length(sentence) = 0 THEN start
                WHEN near > 0 THEN w0 + near - 1 + length(sentence)
                WHEN anywhere > 0 THEN anywhere - 1 + length(sentence)
                ELSE start END
            FROM (
              SELECT *, CASE WHEN near > 0 THEN 0 ELSE instr(dtext, sentence) END AS anywhere
              FROM (
                SELECT *, instr(substr(dtext, w0 + 1, start - w0 + length(sentence) + 64), sentence) AS near
                FROM (
                  SELECT d.seq AS doc,
                    row_number() OVER (PARTITION BY f.document_id ORDER BY f.rowid) - 1 AS n,
                    f.*, d.text AS dtext, max(f.start - length(f.sentence) - 64, 0) AS w0
                  FROM \(table) f JOIN documents d ON d.id = f.document_id
                )
              )
            )
            ORDER BY doc, n;
            DROP TABLE \(table);
            ALTER TABLE \(table)_v3 RENAME TO \(table);
            CREATE VIEW \(table)_with_sentence AS
              SELECT d.id AS document_id, f.*,
                substr(d.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence
              FROM \(table) f JOIN documents d ON d.seq = f.doc;
            """)
      }
    }
  }
}

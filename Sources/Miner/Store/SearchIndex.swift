import Foundation
import GRDB

/// The search index: every character (unigram) and pair of adjacent characters (bigram) of the
/// normalised document texts (`SearchText`), mapped to the documents that hold them.
///
/// FTS5 cannot serve here (PITFALLS.md 11): `trigram` finds nothing under three characters and
/// `unicode61` almost nothing in Chinese. Tables, readable with plain `sqlite3`:
///
/// - `search_documents(doc, length)`: one row per indexed document (`documents.rowid`) with its
///   normalised length; its highest `doc` is the high-water mark of incremental indexing.
/// - `search_postings(gram, segment, postings)`: one row per gram per indexing batch (`segment`
///   is the batch's first rowid). A gram is a scalar (unigram) or `first << 21 | second`
///   (bigram). `postings` are LEB128 varints: for each document, the rowid delta and the number
///   of occurrences; bigrams then give the occurrences' positions (delta-coded) in the
///   normalised text, so phrases of three or more characters are answered from the index alone.
/// - `search_meta(key, value)`: the `SearchText` version the index was built with.
///
/// No gram spans a newline, so no match crosses a paragraph.
enum SearchIndex {
  static func registerMigrations(in migrator: inout DatabaseMigrator) {
    migrator.registerMigration("search-v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE search_documents (
            doc INTEGER PRIMARY KEY,      -- documents.rowid
            length INTEGER NOT NULL       -- normalised scalars (SearchText)
          );
          CREATE TABLE search_postings (
            gram INTEGER NOT NULL,        -- scalar, or first << 21 | second
            segment INTEGER NOT NULL,     -- first documents.rowid of the batch that wrote it
            postings BLOB NOT NULL        -- varints (doc delta, count[, position deltas])...
          );
          CREATE UNIQUE INDEX search_postings_gram ON search_postings(gram, segment);
          CREATE INDEX search_postings_segment ON search_postings(segment);
          CREATE TABLE search_segments (
            segment INTEGER PRIMARY KEY,  -- as in search_postings
            bytes INTEGER NOT NULL        -- its postings' size
          );
          CREATE TABLE search_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
          """)
    }
  }

  static func unigram(_ a: UInt32) -> Int64 { Int64(a) }
  static func bigram(_ a: UInt32, _ b: UInt32) -> Int64 { Int64(a) << 21 | Int64(b) }
  static func isBigram(_ gram: Int64) -> Bool { gram >= 1 << 21 }

  /// Scalars read per batch before its postings are written in one transaction.
  static let batchScalars = 8_000_000

  // MARK: Building

  /// Postings of one batch, built in memory.
  struct Batch {
    struct Builder {
      var bytes: [UInt8] = []
      var lastDoc: Int64 = 0
    }
    var grams: [Int64: Builder] = [:]
    var lengths: [(doc: Int64, length: Int)] = []
    var scalars = 0
    /// Documents this long or longer take the slower path of (gram, position) pairs.
    var packedLimit = 1 << 22
    private var keys: [UInt64] = []
    private var scratch: [UInt64] = []
    private var pairs: [(gram: Int64, position: Int32)] = []
    private var positions: [Int32] = []

    mutating func add(doc: Int64, text: String) {
      let s = Normalized(text, origins: false).scalars
      lengths.append((doc, s.count))
      scalars += s.count
      let n = s.count
      if n < packedLimit {
        // Pack (gram, position) into one UInt64 so one integer sort groups each gram's positions.
        keys.removeAll(keepingCapacity: true)
        for i in 0..<n where s[i] != SearchText.newline {
          keys.append(UInt64(s[i]) << 22 | UInt64(i))
          if i + 1 < n && s[i + 1] != SearchText.newline {
            keys.append(UInt64(bigram(s[i], s[i + 1])) << 22 | UInt64(i))
          }
        }
        Self.radixSort(&keys, scratch: &scratch)
        for key in keys { emit(doc: doc, gram: Int64(key >> 22), position: Int32(key & 0x3F_FFFF)) }
      } else {
        pairs.removeAll(keepingCapacity: true)
        for i in 0..<n where s[i] != SearchText.newline {
          pairs.append((unigram(s[i]), Int32(i)))
          if i + 1 < n && s[i + 1] != SearchText.newline {
            pairs.append((bigram(s[i], s[i + 1]), Int32(i)))
          }
        }
        pairs.sort { $0.gram != $1.gram ? $0.gram < $1.gram : $0.position < $1.position }
        for pair in pairs { emit(doc: doc, gram: pair.gram, position: pair.position) }
      }
      flush(doc: doc)
    }

    private var current: Int64 = -1

    /// Sorts `keys` ascending: least-significant-byte radix sort, skipping bytes all keys share
    /// (about 5x faster than `sort()` on a document's keys).
    static func radixSort(_ keys: inout [UInt64], scratch: inout [UInt64]) {
      let n = keys.count
      guard n > 1 else { return }
      if scratch.count < n { scratch = [UInt64](repeating: 0, count: n) }
      var counts = [Int](repeating: 0, count: 8 * 256)
      var inKeys = true
      keys.withUnsafeMutableBufferPointer { a in
        scratch.withUnsafeMutableBufferPointer { b in
          counts.withUnsafeMutableBufferPointer { c in
            for i in 0..<n {
              let k = a[i]
              c[Int(k & 0xFF)] += 1
              c[256 | Int(k >> 8 & 0xFF)] += 1
              c[512 | Int(k >> 16 & 0xFF)] += 1
              c[768 | Int(k >> 24 & 0xFF)] += 1
              c[1024 | Int(k >> 32 & 0xFF)] += 1
              c[1280 | Int(k >> 40 & 0xFF)] += 1
              c[1536 | Int(k >> 48 & 0xFF)] += 1
              c[1792 | Int(k >> 56)] += 1
            }
            for byte in 0..<8 {
              let base = byte << 8
              let shift = UInt64(byte * 8)
              // A byte every key shares leaves the order as it is.
              if c[base | Int((inKeys ? a[0] : b[0]) >> shift & 0xFF)] == n { continue }
              var sum = 0
              for d in 0..<256 {
                let count = c[base | d]
                c[base | d] = sum
                sum += count
              }
              let (from, to) = inKeys ? (a, b) : (b, a)
              for i in 0..<n {
                let key = from[i]
                let d = base | Int(key >> shift & 0xFF)
                to[c[d]] = key
                c[d] += 1
              }
              inKeys.toggle()
            }
          }
        }
      }
      if !inKeys {
        keys.withUnsafeMutableBufferPointer { a in
          scratch.withUnsafeBufferPointer { b in
            for i in 0..<n { a[i] = b[i] }
          }
        }
      }
    }

    /// Called in (gram, position) order within one document.
    private mutating func emit(doc: Int64, gram: Int64, position: Int32) {
      if gram != current {
        flush(doc: doc)
        current = gram
      }
      positions.append(position)
    }

    private mutating func flush(doc: Int64) {
      guard current >= 0, !positions.isEmpty else { return }
      let gram = current
      let positions = self.positions
      grams[gram, default: Builder()].append(doc: doc, positions: positions, bigram: isBigram(gram))
      self.positions.removeAll(keepingCapacity: true)
      current = -1
    }
  }

  /// Documents added since the index was last brought up to date, indexed in batches of about
  /// `batchScalars` scalars, each written in one transaction. Returns how many were indexed.
  static func update(_ pool: DatabasePool) throws -> Int {
    // Only read when the index is current, so a search never waits for an ingest's writes
    // and works on a store it may not write.
    let current = try pool.read { db -> Bool in
      let version = try Int.fetchOne(
        db, sql: "SELECT value FROM search_meta WHERE key = 'normalization'")
      let pending =
        try Bool.fetchOne(
          db,
          sql: """
            SELECT EXISTS (SELECT 1 FROM documents
              WHERE rowid > (SELECT coalesce(max(doc), 0) FROM search_documents))
            """) ?? false
      return version == SearchText.version && !pending
    }
    if current { return 0 }
    try pool.write { db in
      let version = try Int.fetchOne(
        db, sql: "SELECT value FROM search_meta WHERE key = 'normalization'")
      if version != SearchText.version {
        try db.execute(
          sql:
            "DELETE FROM search_postings; DELETE FROM search_documents; DELETE FROM search_segments"
        )
        try db.execute(
          sql: "INSERT OR REPLACE INTO search_meta (key, value) VALUES ('normalization', ?)",
          arguments: [SearchText.version])
      }
    }
    var indexed = 0
    while true {
      // Read and build outside the write lock; write only if nobody indexed meanwhile.
      let (mark, rows) = try pool.read { db -> (Int64, [(Int64, String)]) in
        let mark = try Int64.fetchOne(db, sql: "SELECT max(doc) FROM search_documents") ?? 0
        var rows: [(Int64, String)] = []
        var scalars = 0
        let cursor = try Row.fetchCursor(
          db, sql: "SELECT rowid, text FROM documents WHERE rowid > ? ORDER BY rowid",
          arguments: [mark])
        while scalars < batchScalars, let row = try cursor.next() {
          let text: String = row[1] ?? ""
          scalars += text.utf8.count / 3 + 1
          rows.append((row[0], text))
        }
        return (mark, rows)
      }
      guard let first = rows.first?.0 else { return indexed }
      var batch = Batch()
      for (doc, text) in rows { batch.add(doc: doc, text: text) }
      let written = try pool.write { db -> Bool in
        let now = try Int64.fetchOne(db, sql: "SELECT max(doc) FROM search_documents") ?? 0
        guard now == mark else { return false }
        let posting = try db.makeStatement(
          sql: "INSERT INTO search_postings (gram, segment, postings) VALUES (?, ?, ?)")
        for gram in batch.grams.keys.sorted() {
          try posting.execute(arguments: [gram, first, Data(batch.grams[gram]!.bytes)])
        }
        let document = try db.makeStatement(
          sql: "INSERT INTO search_documents (doc, length) VALUES (?, ?)")
        for (doc, length) in batch.lengths { try document.execute(arguments: [doc, length]) }
        try db.execute(
          sql: "INSERT INTO search_segments (segment, bytes) VALUES (?, ?)",
          arguments: [first, batch.grams.values.reduce(0) { $0 + $1.bytes.count }])
        try mergeSmallSegments(db)
        return true
      }
      if written { indexed += rows.count }
    }
  }

  // MARK: Merging

  /// Segments with postings this large are left alone.
  static let mergeCeiling = 8 << 20

  /// Merges the newest segment into the one before while that one is small and at most twice
  /// its size, like a binary counter: searching after every small ingest leaves a few segments
  /// per gram, not one per search, and each byte is rewritten a logarithmic number of times.
  static func mergeSmallSegments(_ db: Database) throws {
    while true {
      let newest = try Row.fetchAll(
        db, sql: "SELECT segment, bytes FROM search_segments ORDER BY segment DESC LIMIT 2")
      guard newest.count == 2 else { return }
      let later: Int64 = newest[0][0]
      let laterBytes: Int = newest[0][1]
      let earlier: Int64 = newest[1][0]
      let earlierBytes: Int = newest[1][1]
      guard earlierBytes < mergeCeiling, earlierBytes <= 2 * laterBytes else { return }
      try merge(earlier, later, db)
      try db.execute(
        sql: "UPDATE search_segments SET bytes = ? WHERE segment = ?",
        arguments: [earlierBytes + laterBytes, earlier])
      try db.execute(sql: "DELETE FROM search_segments WHERE segment = ?", arguments: [later])
    }
  }

  /// Rewrites segment `later`'s postings into `earlier` (whose documents all come before).
  static func merge(_ earlier: Int64, _ later: Int64, _ db: Database) throws {
    var merged: [(gram: Int64, postings: [UInt8])] = []
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT gram, segment, postings FROM search_postings WHERE segment IN (?, ?)
        ORDER BY gram, segment
        """,
      arguments: [earlier, later])
    while let row = try rows.next() {
      let gram: Int64 = row[0]
      let segment: Int64 = row[1]
      let postings = [UInt8](row[2] as Data)
      if segment == later, let last = merged.last, last.gram == gram {
        merged[merged.count - 1].postings = concatenate(
          last.postings, postings, bigram: isBigram(gram))
      } else {
        merged.append((gram, postings))
      }
    }
    try db.execute(
      sql: "DELETE FROM search_postings WHERE segment IN (?, ?)", arguments: [earlier, later])
    let insert = try db.makeStatement(
      sql: "INSERT INTO search_postings (gram, segment, postings) VALUES (?, ?, ?)")
    for (gram, postings) in merged {
      try insert.execute(arguments: [gram, earlier, Data(postings)])
    }
  }

  /// Postings `a` then `b`: `b`'s first document, absolute, becomes a delta from `a`'s last.
  static func concatenate(_ a: [UInt8], _ b: [UInt8], bigram: Bool) -> [UInt8] {
    var lastDoc: UInt64 = 0
    a.withUnsafeBufferPointer { buffer in
      var reader = VarintReader(buffer)
      while !reader.atEnd {
        lastDoc &+= reader.next()
        let count = reader.next()
        if bigram { for _ in 0..<count { _ = reader.next() } }
      }
    }
    var out = a
    b.withUnsafeBufferPointer { buffer in
      var reader = VarintReader(buffer)
      let first = reader.next()
      Varint.append(first &- lastDoc, to: &out)
      out.append(contentsOf: buffer[reader.index...])
    }
    return out
  }

  // MARK: Reading

  /// The postings of `gram`, every segment concatenated in rowid order.
  static func postings(_ gram: Int64, _ db: Database) throws -> [Data] {
    try Data.fetchAll(
      db, sql: "SELECT postings FROM search_postings WHERE gram = ? ORDER BY segment",
      arguments: [gram])
  }

  /// The postings of every bigram that starts with `first` and ends in a Han character, for a
  /// template's literal followed by `?`.
  static func postings(startingWith first: UInt32, _ db: Database) throws -> [Data] {
    var out: [Data] = []
    let rows = try Row.fetchCursor(
      db,
      sql:
        "SELECT gram, postings FROM search_postings WHERE gram BETWEEN ? AND ? ORDER BY gram, segment",
      arguments: [bigram(first, 0), bigram(first, 0x1F_FFFF)])
    while let row = try rows.next() {
      let gram: Int64 = row[0]
      if SearchText.isHan(UInt32(gram & 0x1F_FFFF)) { out.append(row[1]) }
    }
    return out
  }

  /// Documents holding `gram` and how often, in rowid order.
  static func counts(of gram: Int64, in blobs: [Data]) -> [(doc: Int64, count: Int)] {
    var out: [(doc: Int64, count: Int)] = []
    let bigram = isBigram(gram)
    for blob in blobs {
      blob.withUnsafeBytes { raw in
        var reader = VarintReader(raw.bindMemory(to: UInt8.self))
        var doc: Int64 = 0
        while !reader.atEnd {
          doc += Int64(reader.next())
          let count = Int(reader.next())
          if bigram { for _ in 0..<count { _ = reader.next() } }
          out.append((doc, count))
        }
      }
    }
    return out
  }

  /// Occurrences in bigram postings as `doc << 32 | (position - shift)`, skipping positions
  /// before `shift`: sorted when `blobs` hold one gram (documents ascend, so do positions).
  /// Document rowids are below 2^32 (SQLite hands them out in sequence).
  static func occurrences(in blobs: [Data], shift: Int32) -> [UInt64] {
    var out: [UInt64] = []
    for blob in blobs {
      blob.withUnsafeBytes { raw in
        var reader = VarintReader(raw.bindMemory(to: UInt8.self))
        var doc: UInt64 = 0
        while !reader.atEnd {
          doc &+= reader.next()
          let count = Int(reader.next())
          var position: Int64 = 0
          for _ in 0..<count {
            position += Int64(reader.next())
            if position >= Int64(shift) {
              out.append(doc << 32 | UInt64(position - Int64(shift)))
            }
          }
        }
      }
    }
    return out
  }
}

extension SearchIndex.Batch.Builder {
  mutating func append(doc: Int64, positions: [Int32], bigram: Bool) {
    Varint.append(UInt64(doc - lastDoc), to: &bytes)
    lastDoc = doc
    Varint.append(UInt64(positions.count), to: &bytes)
    guard bigram else { return }
    var previous: Int32 = 0
    for p in positions {
      Varint.append(UInt64(p - previous), to: &bytes)
      previous = p
    }
  }
}

/// LEB128: seven bits a byte, low bits first, high bit set on all but the last byte.
enum Varint {
  @inline(__always)
  static func append(_ value: UInt64, to bytes: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }
}

struct VarintReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  var atEnd: Bool { index >= bytes.count }

  /// The next value; a truncated blob reads as zeros rather than trapping.
  @inline(__always)
  mutating func next() -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { break }
      shift += 7
      if shift > 63 { break }
    }
    return value
  }
}

extension Corpus {
  /// Indexes for search every document not indexed yet, in batched transactions; a no-op when
  /// the index is up to date. `search` calls it first; ingest may call it after writing.
  /// Returns the number of documents indexed.
  @discardableResult
  public func updateSearchIndex() throws(StoreError) -> Int {
    do { return try SearchIndex.update(pool) } catch {
      throw StoreError(path: path, reason: "cannot update the search index: \(Self.reason(error))")
    }
  }

  /// A store failure in words, without the SQL: `database is locked`, `disk I/O error`.
  static func reason(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? "\(error.resultCode)"
    }
    return "\(error)"
  }
}

import Foundation
import GRDB
import GRDBSQLite

/// A cached write statement (INSERT, DELETE) bound and stepped through the SQLite C API, for
/// the store's hot loops: `Statement.execute(arguments:)` boxes every argument in a
/// `DatabaseValue` inside a `StatementArguments` array, which cost the single writer of
/// `ingest --extract` about a fifth of its time at ~75 finding rows a page (perf).
///
/// Binds as GRDB binds: text with length -1 (up to the first NUL, as GRDB stores a `String`),
/// copied by SQLite (`SQLITE_TRANSIENT`), so no pointer outlives its call; integers as int64,
/// reals as double, nil as NULL. For statements that return no rows (`run`) or one integer
/// (`int64`), needing no GRDB transaction observers (the store registers none); use inside
/// `pool.write`.
struct RawStatement {
  private let statement: Statement
  private let handle: SQLiteStatement
  private let connection: SQLiteConnection?

  init(_ db: Database, sql: String) throws {
    statement = try db.cachedStatement(sql: sql)
    handle = statement.sqliteStatement
    connection = db.sqliteConnection
  }

  @inline(__always) func bind(_ index: Int32, _ value: String) {
    var value = value
    value.withUTF8 { bytes in
      guard let base = bytes.baseAddress, !bytes.isEmpty else {
        sqlite3_bind_text(handle, index, "", 0, Self.transient)
        return
      }
      // Up to the first NUL, as length -1 would (and GRDB does).
      let length = memchr(base, 0, bytes.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
      base.withMemoryRebound(to: CChar.self, capacity: length) {
        _ = sqlite3_bind_text(handle, index, $0, Int32(length), Self.transient)
      }
    }
  }

  @inline(__always) func bind(_ index: Int32, _ value: String?) {
    if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
  }

  /// UTF-8 without NUL bytes (`StoredJSON` escapes them), bound with its length.
  @inline(__always) func bind(_ index: Int32, utf8 value: [UInt8]) {
    guard !value.isEmpty else {
      sqlite3_bind_text(handle, index, "", 0, Self.transient)
      return
    }
    value.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        _ = sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), Self.transient)
      }
    }
  }

  @inline(__always) func bind(_ index: Int32, _ value: Int) {
    sqlite3_bind_int64(handle, index, Int64(value))
  }

  @inline(__always) func bind(_ index: Int32, _ value: Int64) {
    sqlite3_bind_int64(handle, index, value)
  }

  @inline(__always) func bind(_ index: Int32, _ value: Double) {
    sqlite3_bind_double(handle, index, value)
  }

  @inline(__always) func bind(_ index: Int32, _ value: Double?) {
    if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
  }

  /// Runs the statement to completion and resets it (bindings stay: each run rebinds all).
  func run() throws {
    var code = sqlite3_step(handle)
    while code == SQLITE_ROW { code = sqlite3_step(handle) }
    guard code == SQLITE_DONE else {
      let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
      sqlite3_reset(handle)
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
    sqlite3_reset(handle)
  }

  /// Runs the statement and returns the first column of its first row as an integer, nil
  /// when it returns no row; resets it.
  func int64() throws -> Int64? {
    let code = sqlite3_step(handle)
    defer { sqlite3_reset(handle) }
    switch code {
    case SQLITE_ROW: return sqlite3_column_int64(handle, 0)
    case SQLITE_DONE: return nil
    default:
      let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
  }

  @inline(__always) private static var transient: sqlite3_destructor_type {
    unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
  }
}

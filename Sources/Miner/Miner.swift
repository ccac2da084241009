internal import CSQLite

/// CaseMiner's pipeline after segmentation: ingest (sources, decoding, libxml2 parsing,
/// content extraction), extraction of findings, the embedded store, and queries.
///
/// Every stage is a plain function or value type over the previous stage's output.
public enum Miner {}

extension Miner {
  /// Process-wide settings of the C libraries, made once at the start of a program, before any
  /// other thread uses SQLite: SQLite keeps no memory statistics (each allocation inside SQLite
  /// would otherwise take a global mutex to count bytes; about 1.2 % of `ingest --extract`'s
  /// instructions). Returns false, changing nothing, once SQLite is already in use.
  @discardableResult
  public static func configureProcess() -> Bool {
    cm_sqlite_without_memory_statistics() == SQLITE_OK
  }
}

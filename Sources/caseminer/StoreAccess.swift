import ArgumentParser
import Foundation
import Miner

/// Opens a store that must already exist (every command but `ingest`): a missing file is a
/// mistake in the path, never a new empty store. Problems are reported on stderr in plain
/// words, without SQLite's error numbers or SQL, and end the command with status 2.
func existingCorpus(at path: String) throws -> Corpus {
  guard FileManager.default.fileExists(atPath: path) else {
    Output.warn("no store at \(path)")
    throw ExitCode(2)
  }
  announceConversion(of: path)
  do { return try Corpus(path: path) } catch {
    Output.warn("cannot open store \(path): \(plainReason(error.reason))")
    throw ExitCode(2)
  }
}

/// Says on stderr, before opening, that a store from an earlier version is about to be
/// converted, so a long pause on a large store is explained.
func announceConversion(of path: String) {
  if Corpus.needsConversion(path: path) {
    Output.warn("converting \(path) to the current store format (once; every finding is kept)")
  }
}

/// A store error's reason without SQLite's error number and the SQL it was running.
func plainReason(_ reason: String) -> String {
  var s = Substring(reason)
  if s.hasPrefix("cannot open: ") { s = s.dropFirst("cannot open: ".count) }
  if s.hasPrefix("SQLite error "), let colon = s.firstIndex(of: ":") {
    s = s[s.index(after: colon)...].drop(while: { $0 == " " })
  }
  if let sql = s.range(of: " - while executing") { s = s[..<sql.lowerBound] }
  return String(s)
}

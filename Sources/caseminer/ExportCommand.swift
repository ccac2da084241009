import ArgumentParser
import Foundation
import Miner

/// `caseminer export --format jsonl|csv|es-bulk [--out FILE]`: documents and findings.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export documents and findings as JSON Lines, CSV or Elasticsearch _bulk NDJSON.",
    discussion: """
      jsonl: one object per document with sorted keys: type ("document"), id, source, title, \
      published, corpora, region {province, city, county, code}, text, claims, firms, slogans \
      (offsets are Unicode scalar offsets into text). \
      csv: a header row, then a "document" row per document and a "claim", "firm" or "slogan" \
      row per finding. \
      es-bulk: for each document an action line {"index":{"_id":ID,"_index":INDEX}} and the \
      jsonl object, in batches of at most 10 MB: with --out FILE the batches are FILE, FILE.2, \
      FILE.3 …, each a complete request body for POST /_bulk; on stdout they follow each other.

      Examples:
        caseminer export --format jsonl > all.jsonl
        caseminer export --format es-bulk --out bulk.ndjson
        for f in bulk.ndjson*; do curl -s -H 'Content-Type: application/x-ndjson' \\
          --data-binary @$f localhost:9200/_bulk; done
      """)

  @Option(help: "jsonl, csv or es-bulk.")
  var format: String

  @Option(help: "Write to FILE instead of stdout (es-bulk: FILE, FILE.2, … of ≤ 10 MB each).")
  var out: String?

  @Option(help: "The index name in es-bulk action lines.")
  var index = "caseminer"

  @Option(name: .customLong("corpus"), help: "Only documents of this corpus (repeatable).")
  var corpora: [String] = []

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    guard let format = ExportFormat(rawValue: format) else {
      Output.warn("unknown format \(format) (use jsonl, csv or es-bulk)")
      throw ExitCode(2)
    }
    let documents = try loadDocuments(storeOptions.store, corpora: corpora, withText: true)
    var sink = try Sink(path: out)
    var batchFiles = 1
    switch format {
    case .jsonl:
      for d in documents { try sink.write(Export.jsonLine(d) + "\n") }
    case .csv:
      try sink.write(Export.csvHeader)
      for d in documents { try sink.write(Export.csvRows(d)) }
    case .esBulk:
      if let out { Self.removeBatchFiles(of: out) }
      var batches = BulkBatches()
      for d in documents {
        let entry = Export.bulkEntry(d, index: index)
        if batches.startsBatch(adding: entry.utf8.count), batches.batches > 1, let out {
          try sink.reopen(path: "\(out).\(batches.batches)")
        }
        try sink.write(entry)
      }
      batchFiles = batches.batches
    }
    try sink.close()
    if let out {
      let files = format == .esBulk ? " in \(max(1, batchFiles)) file(s)" : ""
      Output.warn("exported \(documents.count) documents to \(out)\(files)")
    }
  }

  /// Removes FILE.2, FILE.3 … of an earlier export: `for f in FILE*` would post them again.
  static func removeBatchFiles(of out: String) {
    let url = URL(fileURLWithPath: out)
    let folder = url.deletingLastPathComponent()
    let prefix = url.lastPathComponent + "."
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasPrefix(prefix) {
      let suffix = name.dropFirst(prefix.count)
      if let n = Int(suffix), n >= 2, String(n) == suffix {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
      }
    }
  }
}

/// Loads documents and findings, turning a missing or unreadable store into `caseminer:` lines
/// and exit status 2.
func loadDocuments(
  _ path: String, corpora: [String], withText: Bool, withSentences: Bool = true
) throws -> [StoredDocument] {
  announceConversion(of: path)
  do {
    return try Corpus.existing(path: path).storedDocuments(
      corpora: corpora, withText: withText, withSentences: withSentences)
  } catch {
    Output.warn(storeProblem(error, path: path))
    throw ExitCode(2)
  }
}

/// A store failure in words, without SQLite's own message: `no store at PATH`,
/// `cannot open PATH: not a CaseMiner store (not an SQLite database)`, …
func storeProblem(_ error: StoreError, path: String) -> String {
  let reason = error.reason
  if reason.hasPrefix("no store") { return reason }
  let known: [(String, String)] = [
    ("SQLite error 26", "not a CaseMiner store (not an SQLite database)"),
    ("SQLite error 11", "the database is damaged"),
    ("SQLite error 5", "the database is locked by another process"),
    ("SQLite error 14", "the file cannot be opened"),
    ("SQLite error 8", "the file is read-only"),
    ("no such table", "not a CaseMiner store (tables missing)"),
  ]
  let why = known.first { reason.contains($0.0) }?.1 ?? "the store cannot be read"
  return "cannot open \(path): \(why)"
}

/// stdout or a file, written through a buffer; a closed pipe ends the program quietly.
struct Sink {
  private var file: FileHandle?
  private var path: String?
  private var stdout = BufferedOutput()
  private var buffer = Data()

  init(path: String?) throws {
    if let path { try reopen(path: path) }
  }

  mutating func reopen(path: String) throws {
    try flush()
    try file?.close()
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      Output.warn("cannot write \(path): cannot create the file")
      throw ExitCode(2)
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      Output.warn("cannot write \(path): cannot open the file")
      throw ExitCode(2)
    }
    file = handle
    self.path = path
  }

  mutating func write(_ s: String) throws {
    if file == nil {
      stdout.write(s)
      return
    }
    buffer.append(contentsOf: s.utf8)
    if buffer.count >= 1 << 20 { try flush() }
  }

  private mutating func flush() throws {
    guard let file, !buffer.isEmpty else { return }
    do { try file.write(contentsOf: buffer) } catch {
      Output.warn("cannot write \(path ?? "output"): \(error.localizedDescription)")
      throw ExitCode(2)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  mutating func close() throws {
    try flush()
    try file?.close()
    file = nil
    stdout.flush()
  }
}

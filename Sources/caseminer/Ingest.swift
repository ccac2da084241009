import ArgumentParser
import Foundation
import Miner

/// Options shared by commands that use the store.
struct StoreOptions: ParsableArguments {
  @Option(help: "The SQLite store (created when missing).")
  var store = "./caseminer.sqlite"
}

/// `caseminer ingest PATH...`: pages from files, folders and archives into the store.
struct IngestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Ingest pages from files, folders, .zip, .tar(.gz), .warc(.gz) into the store.",
    discussion: """
      Every input becomes a document or a stored error; re-running adds nothing and an \
      interrupted run completes the rest. Progress and failures go to stderr. Exit status: \
      0 when every input was ingested, 2 when some failed.
      """)

  @Argument(help: "Files, folders or archives; - reads a list of paths from standard input.")
  var paths: [String]

  @Option(help: "The corpus to label these pages with (default: the folder or archive name).")
  var corpus: String?

  @OptionGroup var storeOptions: StoreOptions

  @Flag(help: "No progress on stderr (failures are still reported).")
  var quiet = false

  @Flag(
    help: """
      Also extract claims, firms, slogans and region from each page while it is in memory and \
      store them with it: one pass instead of ingest followed by `extract --store`.
      """)
  var extract = false

  @OptionGroup var threading: ThreadsOption

  func run() throws {
    var list: [String] = []
    for path in paths {
      if path == "-" {
        while let line = readLine() {
          let trimmed = line.trimmingCharacters(in: .whitespaces)
          if !trimmed.isEmpty { list.append(trimmed) }
        }
      } else {
        list.append(path)
      }
    }
    let sources = list.map { path in
      (path: path, corpus: corpus ?? Self.defaultCorpus(for: path))
    }
    let store: Corpus
    announceConversion(of: storeOptions.store)
    do { store = try Corpus(path: storeOptions.store) } catch {
      Output.warn("\(error)")
      throw ExitCode(2)
    }
    let quiet = self.quiet
    let isTerminal = isatty(2) == 1
    let summary: IngestProgress
    do {
      summary = try Ingestion(store: store, workers: threading.count, extract: extract).run(
        sources,
        progress: { p in
          guard !quiet else { return }
          let line = Self.describe(p)
          FileHandle.standardError.write(Data((isTerminal ? "\rcaseminer: \(line)\u{1B}[K" : "caseminer: \(line)\n").utf8))
        },
        failure: { error in
          if isTerminal && !quiet { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
          Output.warn("\(error)")
        })
    } catch {
      Output.warn("\(error)")
      throw ExitCode(2)
    }
    if !quiet && isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    if summary.errors > 0 { throw ExitCode(2) }
  }

  static func describe(_ p: IngestProgress) -> String {
    let seconds = max(p.seconds, 0.001)
    var line = String(
      format: "%d pages, %d errors, %d already done, %.0f pages/s, %.1f MB/s",
      p.pages, p.errors, p.skipped, Double(p.pages + p.errors) / seconds,
      Double(p.bytes) / 1_048_576 / seconds)
    if let total = p.total { line += ", \(p.pages + p.errors + p.skipped)/\(total)" }
    if let eta = p.remainingSeconds, p.pages + p.errors + p.skipped < (p.total ?? 0) {
      line += String(format: ", ETA %.0f s", eta)
    }
    return line
  }

  /// `cases/5th/` → `5th`; `crawl.warc.gz` → `crawl`.
  static func defaultCorpus(for path: String) -> String {
    var name = URL(fileURLWithPath: path).lastPathComponent
    for suffix in [".tar.gz", ".warc.gz", ".tgz", ".zip", ".tar", ".warc"] where name.lowercased().hasSuffix(suffix) {
      name = String(name.dropLast(suffix.count))
      break
    }
    if Source.kind(of: path) == .file {
      name = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
    }
    return name.isEmpty ? "default" : name
  }
}

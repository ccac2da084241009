import ArgumentParser
import Foundation
import Miner

/// `caseminer extract`: numeric claims, firms, slogans and region of each input document.
struct Extract: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Extract numeric claims, firms, slogans and the submitting region.",
    discussion: """
      Reads plain-text pages (.txt; `-` for stdin). With --json, writes JSON Lines with sorted \
      keys, one object per document:
        {"type":"document","source":PATH,
         "region":{"province","city","county","code"}|null,
         "claims":[{"text","value","value_max"?,"approx","unit","subject",
                    "qualifier"?,"start","end","sentence"}],
         "firms":[{"text","canonical","kind":"firm"|"cooperative","start","end",
                   "sentence"}],
         "slogans":[{"text","kind":"plus"|"numeric"|"parallel"|"quoted","family",
                     "start","end","sentence"}]}
      start/end are Unicode scalar offsets (Python str indices) into the file's text, end \
      exclusive. approx is exact, more_than, less_than or about; money is in 元, percentages \
      in percent. Unreadable inputs are reported on stderr and the rest go on (exit 2).
      """)

  @Flag(help: "Write JSON Lines (sorted keys) instead of a readable listing.")
  var json = false

  @Flag(help: "Print throughput on stderr: extractors alone per thread, and overall.")
  var stats = false

  @Option(help: "Documents extracted at once (default: the number of cores).")
  var jobs: Int?

  @Argument(help: "Text or HTML files to read; `-` or none reads stdin.")
  var files: [String] = []

  @Option(
    help: ArgumentHelp(
      "Extract every document of this store not yet extracted and save the findings there.",
      valueName: "PATH"))
  var store: String?

  func run() throws {
    // One extractor per worker: sharing one costs atomic reference counting on its tables.
    let width = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    func load() throws -> [Extractor] {
      do { return try Extractor.several(width) } catch {
        Output.warn("\(error)")
        throw ExitCode(2)
      }
    }
    if let store {
      try extractStore(store, loading: load)
      return
    }
    let extractors = try load()
    var failed = false
    let paths = files.isEmpty ? ["-"] : files
    let asJSON = json
    let work = ExtractWork()
    let clock = ContinuousClock()
    let began = clock.now
    // Documents are extracted and formatted in parallel, a batch at a time, and written in order.
    var next = 0
    while next < paths.count {
      let batch = ExtractInput.read(
        Array(paths[next..<min(paths.count, next + 64)]), failed: &failed)
      next += 64
      let lines = ExtractLines(count: batch.count)
      let lanes = min(width, batch.count)
      DispatchQueue.concurrentPerform(iterations: lanes) { lane in
        let extractor = extractors[lane]
        for i in stride(from: lane, to: batch.count, by: lanes) {
          let input = batch[i]
          let start = ContinuousClock.now
          let page = input.page
          let findings = extractor.findings(in: page.text, title: page.title, byline: page.byline)
          work.add(chars: input.text.unicodeScalars.count, spent: ContinuousClock.now - start)
          lines.set(
            i,
            asJSON
              ? ExtractRecord(source: input.source, findings: findings).jsonLine()
              : ExtractRecord.listing(source: input.source, findings: findings))
        }
      }
      for line in lines.all() { Output.write(line: line) }
    }
    if stats {
      let wall = clock.now - began
      func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
      }
      let (chars, spent) = work.totals()
      let perThread = seconds(spent) > 0 ? Double(chars) / seconds(spent) / 1e6 : 0
      let overall = seconds(wall) > 0 ? Double(chars) / seconds(wall) / 1e6 : 0
      Output.warn(
        "extracted \(chars) characters: extractors \(String(format: "%.2f", perThread)) M chars/s per thread; "
          + "\(String(format: "%.2f", overall)) M chars/s overall (reading and output included, "
          + "\(width) jobs)")
    }
    if failed { throw ExitCode(2) }
  }
}

/// Characters extracted and time spent in the extractors, summed over threads.
final class ExtractWork: @unchecked Sendable {
  private let lock = NSLock()
  private var chars = 0
  private var spent = Duration.zero

  func add(chars n: Int, spent d: Duration) {
    lock.lock()
    chars += n
    spent += d
    lock.unlock()
  }

  func totals() -> (Int, Duration) {
    lock.lock()
    defer { lock.unlock() }
    return (chars, spent)
  }
}

/// Output lines of one batch, filled from worker threads, read in input order.
final class ExtractLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String?]

  init(count: Int) { lines = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ line: String) {
    lock.lock()
    lines[i] = line
    lock.unlock()
  }

  func all() -> [String] {
    lock.lock()
    defer { lock.unlock() }
    return lines.compactMap { $0 }
  }
}

/// One input document's text, named by the path it came from.
struct ExtractInput {
  var source: String
  /// The input as a page: its text is what the offsets count into.
  var page: Page
  var text: String { page.text }

  /// Reads every path (`-` = stdin); unreadable ones are reported and skipped.
  static func read(_ paths: [String], failed: inout Bool) -> [ExtractInput] {
    var out: [ExtractInput] = []
    for path in paths {
      // Every input is a page first (HTML or text, decoded and cleaned as ingest does), so
      // offsets point into the text `caseminer page` prints.
      do {
        let page = try Extract.page(at: path)
        out.append(ExtractInput(source: path == "-" ? "<stdin>" : path, page: page))
      } catch {
        Output.warn("\(error)")
        failed = true
      }
    }
    return out
  }

}

/// The JSON Lines record `caseminer extract --json` writes.
struct ExtractRecord: Encodable {
  var type = "document"
  var source: String
  var findings: Findings

  enum CodingKeys: String, CodingKey { case type, source, region, claims, firms, slogans }
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(type, forKey: .type)
    try c.encode(source, forKey: .source)
    try c.encode(findings.region, forKey: .region)
    try c.encode(findings.claims, forKey: .claims)
    try c.encode(findings.firms, forKey: .firms)
    try c.encode(findings.slogans, forKey: .slogans)
  }

  func jsonLine() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self), let s = String(data: data, encoding: .utf8) else {
      preconditionFailure("findings always encode as JSON")
    }
    return s
  }

  static func listing(source: String, findings f: Findings) -> String {
    var lines = ["== \(source)"]
    if let r = f.region {
      let names = [r.province, r.city, r.county].compactMap { $0 }.joined(separator: " ")
      lines.append("region   \(names) (\(r.code))")
    } else {
      lines.append("region   (none)")
    }
    lines.append("claims   \(f.claims.count)")
    for c in f.claims {
      let range = c.valueMax.map { "–\(number($0))" } ?? ""
      lines.append(
        "  \(c.text)\t= \(number(c.value))\(range) \(c.unit) \(c.approx.rawValue)"
          + "\(c.qualifier.map { " " + $0.rawValue } ?? "")\t\(c.subject)\t@\(c.start)")
    }
    lines.append("firms    \(f.firms.count)")
    for x in f.firms {
      lines.append("  \(x.text)\t\(x.kind.rawValue) ~\(x.canonical)\t@\(x.start)")
    }
    lines.append("slogans  \(f.slogans.count)")
    for s in f.slogans { lines.append("  \(s.text)\t\(s.kind.rawValue) ~\(s.family)\t@\(s.start)") }
    return lines.joined(separator: "\n")
  }

  private static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
  }
}


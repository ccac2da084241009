import ArgumentParser
import Foundation
import Miner

/// `caseminer extract`: numeric claims, firms, slogans and region of each input document.
struct Extract: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Extract numeric claims, firms, slogans and the submitting region.",
    discussion: """
      Reads plain-text pages (.txt; `-` for stdin). With --json, writes JSON Lines with sorted
      keys, one object per document:
        {"type":"document","source":PATH,"region":{"province","city","county","code"}|null,
         "claims":[{"text","value","value_max"?,"approx","unit","subject","qualifier"?,
                    "start","end","sentence"}],
         "firms":[{"text","canonical","kind":"firm"|"cooperative","start","end","sentence"}],
         "slogans":[{"text","kind":"plus"|"numeric"|"parallel"|"quoted","family",
                     "start","end","sentence"}]}
      start/end are Unicode scalar offsets (Python str indices) into the file's text, end
      exclusive. approx is exact, more_than, less_than or about; money is in 元, percentages
      in percent. Unreadable inputs are reported on stderr and the rest go on (exit 2).
      """)

  @Flag(help: "Write JSON Lines (sorted keys) instead of a readable listing.")
  var json = false

  @Flag(help: "Print extraction throughput (characters per second, extractors only) on stderr.")
  var stats = false

  @Argument(help: "Text or HTML files to read; `-` or none reads stdin.")
  var files: [String] = []

  @Option(
    help: ArgumentHelp(
      "Extract every document of this store not yet extracted and save the findings there.",
      valueName: "PATH"))
  var store: String?

  func run() throws {
    let extractor: Extractor
    do { extractor = try Extractor() } catch {
      ExtractIO.report("\(error)")
      throw ExitCode(2)
    }
    if let store {
      try extractStore(store, extractor: extractor)
      return
    }
    var failed = false
    var chars = 0
    var spent = Duration.zero
    let clock = ContinuousClock()
    for input in ExtractInput.read(files.isEmpty ? ["-"] : files, failed: &failed) {
      let began = clock.now
      let findings =
        input.page.map { extractor.findings(in: $0.text, title: $0.title, byline: $0.byline) }
        ?? extractor.findings(inPlainText: input.text)
      spent += clock.now - began
      chars += input.text.unicodeScalars.count
      if json {
        ExtractIO.write(ExtractRecord(source: input.source, findings: findings).jsonLine())
      } else {
        ExtractIO.write(ExtractRecord.listing(source: input.source, findings: findings))
      }
    }
    if stats {
      let seconds = Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
      let rate = seconds > 0 ? Double(chars) / seconds / 1e6 : 0
      ExtractIO.report(
        "extracted \(chars) characters in \(String(format: "%.3f", seconds)) s: "
          + "\(String(format: "%.2f", rate)) M chars/s")
    }
    if failed { throw ExitCode(2) }
  }
}

/// One input document's text, named by the path it came from.
struct ExtractInput {
  var source: String
  var text: String
  /// The parsed page, for HTML inputs: its title and byline help find the region.
  var page: Page? = nil

  /// Reads every path (`-` = stdin); unreadable ones are reported and skipped.
  static func read(_ paths: [String], failed: inout Bool) -> [ExtractInput] {
    var out: [ExtractInput] = []
    for path in paths {
      // Every input is a page first (HTML or text, decoded and cleaned as ingest does), so
      // offsets point into the text `caseminer page` prints.
      do {
        let page = try Extract.page(at: path)
        out.append(ExtractInput(source: path == "-" ? "<stdin>" : path, text: page.text, page: page))
      } catch {
        ExtractIO.report("\(error)")
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
    for x in f.firms { lines.append("  \(x.text)\t\(x.kind.rawValue) ~\(x.canonical)\t@\(x.start)") }
    lines.append("slogans  \(f.slogans.count)")
    for s in f.slogans { lines.append("  \(s.text)\t\(s.kind.rawValue) ~\(s.family)\t@\(s.start)") }
    return lines.joined(separator: "\n")
  }

  private static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
  }
}

/// stdout carries data only; problems go to stderr prefixed `caseminer:`.
enum ExtractIO {
  static func write(_ s: String) {
    FileHandle.standardOutput.write(Data((s + "\n").utf8))
  }

  static func report(_ message: String) {
    FileHandle.standardError.write(Data("caseminer: \(message)\n".utf8))
  }
}

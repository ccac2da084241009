import ArgumentParser
import Foundation
import Miner

/// `caseminer eval extract`: precision, recall and F1 of `extract` against gold findings.
struct EvalExtract: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Score extracted claims, firms, slogans and region against gold.jsonl.",
    discussion: """
      Scoring as in cases-dev/README.md and tools/score_extract.py: claims are a multiset match \
      on (value, unit, approx) per document (claims_loose ignores approx); firms a set match on \
      the exact text (cooperatives left out); slogans a set match on normalised text; region \
      the most specific gold level (county, else city). A document is named by its file stem \
      (seed-*.txt is `seed`). With --json, one JSON object with the same keys as the scorer.
      """)

  @Option(help: "Gold findings, one JSON object per line (gold.jsonl).")
  var gold: String

  @Flag(help: "Print the scores as one JSON object.")
  var json = false

  @Option(help: "Also print the first N mismatches.")
  var show = 0

  @Argument(help: "The documents to extract from (.txt).")
  var files: [String]

  func run() throws {
    let extractor: Extractor
    let goldDocs: [GoldDocument]
    do {
      extractor = try Extractor()
      goldDocs = try GoldDocument.load(from: URL(fileURLWithPath: gold))
    } catch {
      Output.warn("\(error)")
      throw ExitCode(2)
    }
    var failed = false
    var predicted: [String: Findings] = [:]
    for input in ExtractInput.read(files, failed: &failed) {
      predicted[GoldDocument.id(forSource: input.source)] = extractor.findings(
        inPlainText: input.text)
    }
    let score = ExtractionScore.score(gold: goldDocs, predicted: predicted)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let data = try encoder.encode(score)
      Output.write(line: String(decoding: data, as: UTF8.self))
    } else {
      func row(_ name: String, _ c: ExtractionScore.Counts) -> String {
        let pad = name.padding(toLength: 13, withPad: " ", startingAt: 0)
        return pad
          + String(
            format: "P %.3f  R %.3f  F1 %.3f  (tp %d, pred %d, gold %d)",
            c.precision, c.recall, c.f1, c.truePositives, c.predicted, c.gold)
      }
      Output.write(line: row("claims", score.claims))
      Output.write(line: row("claims_loose", score.claimsLoose))
      Output.write(line: row("firms", score.firms))
      Output.write(line: row("slogans", score.slogans))
      let acc = score.regionAccuracy.map { String(format: "%.3f", $0) } ?? "n/a"
      Output.write(line: "region       accuracy \(acc)  (\(score.regionCorrect)/\(score.regionTotal))")
      let matched = Set(goldDocs.map(\.id)).intersection(predicted.keys).count
      Output.write(line: "documents    gold \(goldDocs.count), predicted \(matched)")
    }
    for m in score.misses.prefix(max(0, show)) { Output.write(line: "  " + m) }
    if failed { throw ExitCode(2) }
  }
}

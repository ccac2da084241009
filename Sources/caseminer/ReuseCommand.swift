import ArgumentParser
import Foundation
import Miner

/// `caseminer reuse`: passages shared by documents of different counties.
struct ReuseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reuse",
    abstract: "Aligned shared passages between documents of different counties, clustered.",
    discussion: """
      Finds every maximal passage of at least --min-chars characters that two documents of \
      different counties share exactly (12-character shingles, extended left and right). Each \
      copy of a passage is aligned with one earlier copy, not with all of them; copies that \
      overlap are put in one cluster, so a cluster holds every document that carries the \
      passage. Offsets are Unicode scalar offsets into documents.text, half-open.

      --json: one object per aligned pair, sorted keys:
        {"a":{"county":…,"document":…,"end":N,"source":…,"start":N},"b":{…},
         "cluster":N,"text":…,"type":"reuse"}

      Examples:
        caseminer reuse --min-chars 20
        caseminer reuse --json | jq -s 'group_by(.cluster) | map(length)'
      """)

  @Option(help: "The shortest passage to report, in characters.")
  var minChars = 12

  @Option(name: .customLong("corpus"), help: "Only documents of this corpus (repeatable).")
  var corpora: [String] = []

  @Flag(help: "JSON Lines output.")
  var json = false

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    guard minChars >= 4 else {
      Output.warn("--min-chars must be at least 4 (got \(minChars))")
      throw ExitCode(2)
    }
    let documents = try loadDocuments(
      storeOptions.store, corpora: corpora, withText: true, withSentences: false)
    let pairs = Reuse.pairs(in: documents, minChars: minChars)
    var out = BufferedOutput()
    for p in pairs { out.write((json ? Self.jsonLine(p) : Self.textLine(p)) + "\n") }
    out.flush()
    let clusters = Set(pairs.map(\.cluster)).count
    Output.warn("\(pairs.count) aligned pair\(pairs.count == 1 ? "" : "s") in \(clusters) cluster\(clusters == 1 ? "" : "s") (\(documents.count) documents)")
  }

  static func jsonLine(_ p: ReusePair) -> String {
    func side(_ s: ReuseSide) -> String {
      "{\"county\":\(s.county.map(Export.jsonLiteral) ?? "null"),\"document\":\(Export.jsonLiteral(s.document)),"
        + "\"end\":\(s.end),\"source\":\(Export.jsonLiteral(s.source)),\"start\":\(s.start)}"
    }
    return "{\"a\":\(side(p.a)),\"b\":\(side(p.b)),\"cluster\":\(p.cluster),"
      + "\"text\":\(Export.jsonLiteral(p.text)),\"type\":\"reuse\"}"
  }

  static func textLine(_ p: ReusePair) -> String {
    func side(_ s: ReuseSide) -> String { "\(s.county ?? "(unknown)") \(s.source) [\(s.start),\(s.end))" }
    let text = p.text.replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: "\t", with: " ")
    return "\(p.cluster)\t\(p.a.end - p.a.start)\t\(text)\t\(side(p.a))\t\(side(p.b))"
  }
}

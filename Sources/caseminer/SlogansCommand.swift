import ArgumentParser
import Foundation
import Miner

/// `caseminer slogans`: slogan families that recur across counties.
struct SlogansCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "slogans",
    abstract: "Recurring slogan families: variants, counties, corpora, documents, first and last date.",
    discussion: """
      A family puts variants together (一企一策 and 一村一品 are both 一X一Y). Counties are the \
      submitting places found by `caseminer extract` (the city for city-level pages); dates \
      are the documents' publication dates.

      --json: one object per family, sorted keys:
        {"corpora":[…],"counties":[…],"documents":N,"family":…,
         "first":"YYYY-MM-DD"|null,"last":…,"mentions":N,"type":"slogan",
         "variants":[…]}

      Examples:
        caseminer slogans --min-counties 3
        caseminer slogans --corpus 5th --corpus 6th --json
      """)

  @Option(help: "Only families used in at least N counties.")
  var minCounties = 2

  @Option(name: .customLong("corpus"), help: "Only documents of this corpus (repeatable).")
  var corpora: [String] = []

  @Flag(help: "JSON Lines output.")
  var json = false

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    let documents = try loadDocuments(
      storeOptions.store, corpora: corpora, withText: false, withSentences: false)
    let families = SloganFamily.families(in: documents, minCounties: max(1, minCounties))
    var out = BufferedOutput()
    for f in families {
      out.write((json ? Self.jsonLine(f) : Self.textLine(f)) + "\n")
    }
    out.flush()
    if families.isEmpty {
      Output.warn("no slogan family in \(max(1, minCounties)) or more counties (\(documents.count) documents)")
    }
  }

  static func jsonLine(_ f: SloganFamily) -> String {
    func list(_ xs: [String]) -> String { "[" + xs.map(Export.jsonLiteral).joined(separator: ",") + "]" }
    func optional(_ s: String?) -> String { s.map(Export.jsonLiteral) ?? "null" }
    return "{\"corpora\":\(list(f.corpora)),\"counties\":\(list(f.counties)),"
      + "\"documents\":\(f.documents),\"family\":\(Export.jsonLiteral(f.family)),"
      + "\"first\":\(optional(f.first)),\"last\":\(optional(f.last)),\"mentions\":\(f.mentions),"
      + "\"type\":\"slogan\",\"variants\":\(list(f.variants))}"
  }

  static func textLine(_ f: SloganFamily) -> String {
    let dates = f.first.map { first in first == f.last ? first : "\(first)…\(f.last ?? first)" } ?? "no date"
    return "\(f.family)\t\(f.counties.count) counties, \(f.documents) documents, \(dates)\t"
      + "variants: \(f.variants.joined(separator: " | "))\tcounties: \(f.counties.joined(separator: "、"))"
      + "\tcorpora: \(f.corpora.joined(separator: ", "))"
  }
}

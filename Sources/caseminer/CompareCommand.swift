import ArgumentParser
import Foundation
import Miner

/// `caseminer compare --by county`: regions side by side.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare regions: slogan families, numeric claims, firms, distinctive formulations, consistency.",
    discussion: """
      Tables: regions; slogan families × region (documents using each family); numeric \
      claims by subject (subjects lightly normalised: 非公企业党组织覆盖率 → 党组织覆盖率) and \
      unit; firms by canonical name; distinctive four-character formulations of each region \
      against the rest (log-likelihood G² ≥ 3.84, ranked by simple maths with N = 1); \
      consistency of the sums (其中) and ratios (…率, 占) each text states, recomputed from its \
      own figures: "inconsistent" rows are the flags.

      Slogan and claim rows shared by fewer than --min-regions regions are left out.

      Formats: text (tab-separated tables), md, csv (long form: table,row,column,value), \
      json (one object with sorted keys, "type":"comparison"), html (one self-contained page \
      with SVG charts, no script, every document string escaped).

      Examples:
        caseminer compare --by county
        caseminer compare --by province --format html --out report.html
      """)

  @Option(help: "county, city, province or corpus.")
  var by = "county"

  @Option(help: "text, md, csv, json or html.")
  var format = "text"

  @Option(help: "Write to FILE instead of stdout.")
  var out: String?

  @Option(help: "Keep slogan and claim rows shared by at least N regions.")
  var minRegions = 2

  @Option(name: .customLong("corpus"), help: "Only documents of this corpus (repeatable).")
  var corpora: [String] = []

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    guard let grouping = Grouping(rawValue: by) else {
      Output.warn("unknown grouping \(by) (use county, city, province or corpus)")
      throw ExitCode(2)
    }
    guard let format = ReportFormat(rawValue: format) else {
      Output.warn("unknown format \(format) (use text, md, csv, json or html)")
      throw ExitCode(2)
    }
    let documents = try loadDocuments(storeOptions.store, corpora: corpora, withText: true)
    let comparison = Comparison(documents: documents, by: grouping, minRegions: minRegions)
    var sink = try Sink(path: out)
    try sink.write(comparison.rendered(as: format))
    try sink.close()
    let flags = comparison.inconsistencies.count
    if let out {
      Output.warn(
        "compared \(comparison.regions.count) regions (\(documents.count) documents), "
          + "\(flags) consistency flag\(flags == 1 ? "" : "s"); wrote \(out)")
    }
  }
}

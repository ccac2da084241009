import ArgumentParser
import Foundation
import Miner

/// `caseminer search QUERY`: every occurrence of a phrase or template, in context.
struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Find every occurrence of a phrase or a template (一?一?) in the store.",
    discussion: """
      Recall equals substring search: one hit per occurrence (overlapping ones too) of the \
      query in a document's text, for queries of any length. Both sides are compared after \
      normalisation: full-width ASCII as half-width (＋ = +), ASCII letters in lower case, and \
      separators (spaces, tabs, 、 ， , / ／ ; ； · ・ •) as one space, a run of them as one. \
      No match crosses a paragraph. In a template, ? (or ？) stands for exactly one Han \
      character; --literal makes it a question mark.

      Documents are ranked by BM25 over the query's occurrences (--sort relevance) or oldest \
      first (--sort date); hits within a document in text order. The search index is brought \
      up to date with the store before each search.

      Text output: one block per document (date, county, corpus, title, source), then one \
      line per hit: left | match | right. It shows 20 hits unless --limit is given and says \
      on stderr how many more there are.

      --json prints every hit (or --limit of them) as JSON Lines with sorted keys:
        {"corpus":…,"county":null,"date":"2019-10-18","end":…,"left":…,"match":…,
         "right":…,"source":URI,"start":…,"title":…,"type":"hit"}
      where start and end are Unicode-scalar \
      offsets into the document's stored text, corpus names the document's corpora (of \
      those searched) joined by commas, and county stays null until regions are stored. \
      --count prints the number of hits and \
      documents (per corpus too when --corpus is given); with --json one object:
        {"documents":…,"hits":…,"type":"count"} (and "by_corpus")

      Exit status: 0 when something matched, 1 when nothing did, 2 for a bad query or store.
      """)

  @Argument(help: "The phrase or template to find.")
  var query: String

  @Option(help: "The SQLite store to search (must exist).")
  var store = "./caseminer.sqlite"

  @Option(help: "Characters of context on each side of a hit.")
  var context = 20

  @Option(help: "Only documents of this corpus (repeatable: any of them).")
  var corpus: [String] = []

  @Option(help: "Only documents published in this year (YYYY).")
  var year: String?

  @Option(help: "Only documents whose column path (breadcrumb) contains this text.")
  var column: String?

  @Option(help: "Only documents submitted from this province (name, short name or code; after `extract --store`).")
  var province: String?

  @Option(help: "Only documents submitted from this city (name, short name or code).")
  var city: String?

  @Option(help: "Only documents submitted from this county (name, short name or code).")
  var county: String?

  @Option(help: "Order of documents: relevance or date.")
  var sort = "relevance"

  @Option(help: "At most this many hits (text output: 20 by default; --json: all).")
  var limit: Int?

  @Flag(help: "Print the number of hits and documents only.")
  var count = false

  @Flag(help: "A ? in the query is a question mark, not a template's Han character.")
  var literal = false

  @Flag(help: "JSON Lines, one object per hit.")
  var json = false

  static let screenful = 20

  func run() throws {
    let query: SearchQuery
    let filter: SearchFilter
    let order: SearchOrder
    do {
      query = try SearchQuery(self.query, literal: literal)
      filter = try makeFilter()
      guard let o = SearchOrder(rawValue: sort) else {
        throw CLIError("--sort must be relevance or date, not \(sort)")
      }
      order = o
      if let limit, limit < 0 { throw CLIError("--limit must not be negative") }
      if context < 0 { throw CLIError("--context must not be negative") }
    } catch {
      Output.warn("\(error)")
      throw ExitCode(2)
    }
    let corpus = try existingCorpus(at: store)
    let result: SearchResult
    do {
      let wanted = count ? 0 : (limit ?? (json ? nil : Self.screenful))
      result = try corpus.search(
        query, filter: filter, order: order, limit: wanted, context: context)
    } catch {
      Output.warn("\(error)")
      throw ExitCode(2)
    }
    var out = BufferedOutput()
    if count {
      writeCount(result, to: &out)
    } else if json {
      for hit in result.hits { out.write(Self.json(hit)) }
    } else {
      writeText(result, to: &out)
    }
    out.flush()
    if !count && !json && result.total.hits > result.hits.count {
      let more = result.total.hits - result.hits.count
      Output.warn(
        "\(result.hits.count) of \(result.total.hits) hits in \(result.total.documents) documents shown; "
          + "\(more) more (--limit N or --json for all)")
    }
    if result.total.hits == 0 { throw ExitCode(1) }
  }

  func makeFilter() throws -> SearchFilter {
    var year: Int?
    if let text = self.year {
      guard text.count == 4, text.allSatisfy(\.isASCII), let value = Int(text) else {
        throw CLIError("--year must be four digits, not \(text)")
      }
      year = value
    }
    return SearchFilter(
      corpora: corpus, year: year, column: column, province: province, city: city, county: county)
  }

  func writeCount(_ result: SearchResult, to out: inout BufferedOutput) {
    if json {
      var line = "{"
      if !result.byCorpus.isEmpty {
        line += "\"by_corpus\":{"
        line += result.byCorpus.sorted { $0.key < $1.key }.map { name, c in
          "\(jsonString(name)):{\"documents\":\(c.documents),\"hits\":\(c.hits)}"
        }.joined(separator: ",")
        line += "},"
      }
      line +=
        "\"documents\":\(result.total.documents),\"hits\":\(result.total.hits),\"type\":\"count\"}\n"
      out.write(line)
      return
    }
    out.write("hits\t\(result.total.hits)\ndocuments\t\(result.total.documents)\n")
    for (name, c) in result.byCorpus.sorted(by: { $0.key < $1.key }) {
      out.write("corpus\t\(name)\t\(c.hits)\t\(c.documents)\n")
    }
  }

  func writeText(_ result: SearchResult, to out: inout BufferedOutput) {
    var document: String?
    for hit in result.hits {
      if hit.documentID != document {
        document = hit.documentID
        let title = Self.oneLine(hit.title ?? "(untitled)")
        out.write(
          "\(hit.date ?? "-")  \(hit.county ?? "-")  [\(hit.corpus)]  \(title)  \(hit.source)\n")
      }
      let left = Self.oneLine(hit.left)
      let pad = max(0, 2 * context - Self.width(left))
      out.write(
        "  " + String(repeating: " ", count: pad) + left + " | " + Self.oneLine(hit.match) + " | "
          + Self.oneLine(hit.right) + "\n")
    }
  }

  /// `cannot open: SQLite error 26: file is not a database` → `file is not a database`.
  /// Tabs and stray line breaks as spaces, so one hit stays one line.
  static func oneLine(_ s: String) -> String {
    guard s.contains(where: { $0 == "\t" || $0.isNewline }) else { return s }
    return String(s.map { $0 == "\t" || $0.isNewline ? " " : $0 })
  }

  /// Terminal columns: East Asian wide and full-width characters take two.
  static func width(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { sum, scalar in
      switch scalar.value {
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x20000...0x3FFFD:
        sum + 2
      default: sum + 1
      }
    }
  }

  static func json(_ hit: SearchHit) -> String {
    func optional(_ s: String?) -> String { s.map { jsonString($0) } ?? "null" }
    return "{\"corpus\":\(jsonString(hit.corpus)),\"county\":\(optional(hit.county)),"
      + "\"date\":\(optional(hit.date)),\"end\":\(hit.end),\"left\":\(jsonString(hit.left)),"
      + "\"match\":\(jsonString(hit.match)),\"right\":\(jsonString(hit.right)),"
      + "\"source\":\(jsonString(hit.source)),\"start\":\(hit.start),"
      + "\"title\":\(optional(hit.title)),\"type\":\"hit\"}\n"
  }
}

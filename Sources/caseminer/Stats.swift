import ArgumentParser
import Foundation
import Miner

/// `caseminer stats`: what the store holds.
struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Count documents and errors in the store, by corpus, encoding and source.",
    discussion: """
      --json prints one object with sorted keys: documents, errors, by_corpus, by_encoding, \
      by_source.
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Flag(help: "Print one JSON object.")
  var json = false

  func run() throws {
    let corpus = try existingCorpus(at: storeOptions.store)
    let stats: CorpusStatistics
    do { stats = try corpus.statistics() } catch {
      Output.warn("\(error)")
      throw ExitCode(2)
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      var data = try encoder.encode(stats)
      data.append(0x0A)
      Output.write(data)
      return
    }
    var out = "documents\t\(stats.documents)\nerrors\t\(stats.errors)\n"
    for (title, counts) in [("corpus", stats.byCorpus), ("encoding", stats.byEncoding), ("source", stats.bySource)] {
      for (key, n) in counts.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
        out += "\(title)\t\(key)\t\(n)\n"
      }
    }
    Output.write(Data(out.utf8))
  }
}

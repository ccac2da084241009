import ArgumentParser
import Foundation
import Miner

@main
struct CaseMiner: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "caseminer",
    abstract: "Mine Chinese case-study documents: segment, ingest, extract, search, compare.",
    subcommands: [
      Segment.self, PageCommand.self, IngestCommand.self, StatsCommand.self, Extract.self,
      SearchCommand.self, SlogansCommand.self, CompareCommand.self, ReuseCommand.self,
      ExportCommand.self, BenchCommand.self, Eval.self,
    ])

  /// Runs the command; usage errors exit with status 2 (ArgumentParser's default is 64), as
  /// every caseminer command documents: 0 ok, 1 nothing found, 2 usage error or failed inputs.
  static func main() {
    // Before anything else runs: no other thread uses SQLite yet.
    Miner.configureProcess()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}

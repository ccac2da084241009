import ArgumentParser

@main
struct CaseMiner: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "caseminer",
    abstract: "Mine Chinese case-study documents: segment, ingest, extract, search, compare.",
    subcommands: [
      Segment.self, PageCommand.self, IngestCommand.self, StatsCommand.self, Extract.self,
      BenchCommand.self, Eval.self, SlogansCommand.self, CompareCommand.self, ReuseCommand.self,
      ExportCommand.self,
    ])
}

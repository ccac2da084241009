import ArgumentParser

/// `caseminer eval …`: score CaseMiner against gold data.
struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Score CaseMiner's output against gold data.",
    subcommands: [EvalSegment.self])
}

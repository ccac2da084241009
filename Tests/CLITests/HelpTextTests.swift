import Foundation
import Testing

/// `--help` as an 80-column terminal (or a pipe) shows it. ArgumentParser wraps every line of a
/// command's discussion on its own, so a paragraph written with line breaks in the source came
/// out ragged at 80 columns: each source line wrapped into a long line and an orphan of a word or
/// two ("…writes,\nfor every\ninput line…"). Paragraphs are one line in the help text now; only
/// examples and JSON shapes (indented) keep their breaks.
@Suite struct HelpText {
  /// `caseminer ARGS --help` with COLUMNS=80: the text before USAGE.
  static func help(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = try binary()
    process.arguments = arguments + ["--help"]
    var environment = ProcessInfo.processInfo.environment
    environment["COLUMNS"] = "80"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    return String(text[..<(text.range(of: "\nUSAGE:")?.lowerBound ?? text.endIndex)])
  }

  /// The commands `caseminer --help` (and `caseminer eval --help`) list.
  static func commands() throws -> [[String]] {
    func listed(_ text: String) -> [String] {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
      return lines[(start + 1)...].compactMap { line in
        // "  name   abstract"; continuation lines are indented further.
        guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first,
          name != "See"
        else { return nil }
        return String(name)
      }
    }
    func full(_ arguments: [String]) throws -> String {
      let process = Process()
      process.executableURL = try binary()
      process.arguments = arguments + ["--help"]
      let output = Pipe()
      process.standardOutput = output
      try process.run()
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    var commands = try listed(full([])).map { [$0] }
    commands += try listed(full(["eval"])).map { ["eval", $0] }
    return commands
  }

  @Test func everyCommandIsListed() throws {
    let commands = try Self.commands()
    #expect(commands.contains(["segment"]) && commands.contains(["bench"]))
    #expect(commands.contains(["eval", "extract"]))
    #expect(commands.count >= 14)
  }

  /// A line of prose ends early only where its paragraph ends: otherwise the next line's first
  /// word did not fit in the 80 columns.
  @Test func paragraphsWrapWithoutOrphans() throws {
    for command in try Self.commands() {
      let lines = try Self.help(command).split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.count > 1, "\(command): no help text")
      for (line, next) in zip(lines, lines.dropFirst()) {
        guard !line.isEmpty, !next.isEmpty, !line.hasPrefix(" "), !next.hasPrefix(" ") else { continue }
        let word = next.prefix { $0 != " " }
        #expect(
          line.count + 1 + word.count >= 80,
          "caseminer \(command.joined(separator: " ")) --help breaks a paragraph early:\n\(line)\n\(next)")
      }
    }
  }
}

import Foundation
import Testing

/// The slow hardening runs (issue 7), only with CASEMINER_LONG_TESTS=1: each runs a script
/// against the built `caseminer` and passes when the script does.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CASEMINER_LONG_TESTS"] == "1"))
struct LongTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  func script(_ path: String, _ arguments: [String] = []) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [Self.root.appendingPathComponent(path).path, try binary().path] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  /// SIGKILL at 20 random moments over 3,000 pages; the store stays whole and exact.
  @Test func ingestSurvivesSIGKILL() throws {
    let (status, output) = try script("Tests/CrashSafety/kill-ingest.sh")
    #expect(status == 0, "\(output)")
  }

  /// The bad-input corpus with a 2 GiB archive: every input ends, peak RSS under 1 GiB.
  @Test func badInputsInBoundedMemory() throws {
    let (status, output) = try script("Tests/BadInputs/measure.sh")
    #expect(status == 0, "\(output)")
  }
}

import Foundation
import Testing

/// Runs the built `caseminer` and returns its exit status, stdout and stderr.
func caseminer(_ arguments: [String], stdin: String = "") throws -> (status: Int32, out: String, err: String) {
  let process = Process()
  process.executableURL = try binary()
  process.arguments = arguments
  let input = Pipe()
  let output = Pipe()
  let error = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = error
  try process.run()
  input.fileHandleForWriting.write(Data(stdin.utf8))
  try input.fileHandleForWriting.close()
  let out = output.fileHandleForReading.readDataToEndOfFile()
  let err = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// Runs `body` with a new empty folder under the temporary directory, removed afterwards.
func withScratchFolder<T>(_ body: (URL) throws -> T) throws -> T {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cm-\(UUID())")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: dir) }
  return try body(dir)
}

/// The `caseminer` built beside this test bundle (swift build --build-tests builds both).
func binary() throws -> URL {
  let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  var candidates = [here.deletingLastPathComponent().appendingPathComponent("caseminer")]
  // Swift Testing on Linux runs from .build/<triple>/debug/CaseMinerPackageTests.xctest.
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  candidates.append(root.appendingPathComponent(".build/debug/caseminer"))
  for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) { return url }
  throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path])
}

@Suite struct SegmentCommand {
  @Test func segmentsStandardInputLineByLine() throws {
    let run = try caseminer(["segment"], stdin: "鹿寨县党组织覆盖率达84.61%\n\n二○○一年新年贺词\n")
    #expect(run.status == 0)
    let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 4)  // three lines and the final newline
    #expect(lines[0].hasPrefix("鹿寨县 党组织 "))
    #expect(lines[0].hasSuffix(" 84.61%"))
    #expect(lines[1].isEmpty)
    #expect(lines[2].hasPrefix("二○○一年 "))
  }

  @Test func crlfAndSpacesAreDropped() throws {
    let run = try caseminer(["segment"], stdin: "共同  创造\r\n美好 的\r\n")
    #expect(run.out == "共同 创造\n美好 的\n")
  }

  @Test func emptyInputGivesNoOutput() throws {
    let run = try caseminer(["segment"], stdin: "")
    #expect(run.status == 0 && run.out.isEmpty)
  }

  @Test func jsonLinesCarryOffsetsAndKinds() throws {
    let run = try caseminer(["segment", "--json"], stdin: "党建 84.61%\n")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
    let tokens = try #require(object["tokens"] as? [[String: Any]])
    #expect(tokens.map { $0["text"] as? String } == ["党建", " ", "84.61%"])
    #expect(tokens.map { $0["kind"] as? String } == ["word", "space", "number"])
    #expect(tokens.last?["start"] as? Int == 3 && tokens.last?["utf8_start"] as? Int == 7)
  }

  @Test func missingFileIsReportedAndTheRestGoesOn() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("cm-\(UUID()).txt")
    try Data("党建\n".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try caseminer(["segment", "/nonexistent/pages.txt", file.path])
    #expect(run.status == 2)
    #expect(run.err.contains("caseminer: cannot read /nonexistent/pages.txt: no such file"))
    #expect(run.out == "党建\n")
  }

  @Test func usageErrorsExitWithTwo() throws {
    let run = try caseminer(["segment", "--no-such-option"])
    #expect(run.status == 2)
    #expect(run.err.contains("Unknown option '--no-such-option'"))
    #expect(try caseminer(["segment", "--help"]).status == 0)
  }

  @Test func userLexiconKeepsASloganWhole() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("cm-\(UUID()).txt")
    try Data("一企一特色\n".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try caseminer(["segment", "--lexicon", file.path], stdin: "推行一企一特色\n")
    #expect(run.out.contains("一企一特色"))
  }
}

@Suite struct EvalSegmentCommand {
  @Test func scoresAGoldFile() throws {
    let gold = FileManager.default.temporaryDirectory.appendingPathComponent("cm-gold-\(UUID()).txt")
    try Data("鹿寨县  党组织  覆盖率  达  84.61%\r\n".utf8).write(to: gold)
    defer { try? FileManager.default.removeItem(at: gold) }
    let run = try caseminer(["eval", "segment", "--gold", gold.path, "--json"])
    #expect(run.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
    #expect(object["f1"] as? Double == 1.0)
    #expect(object["gold_words"] as? Int == 5)
  }
}

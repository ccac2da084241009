import ArgumentParser
import Foundation
import Segmenter

/// `caseminer segment`: words of each input line.
struct Segment: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Split Chinese text into words, one output line per input line.",
    discussion: """
      Reads each FILE (or standard input when none is given or FILE is -) and writes, for every
      input line, one line of tokens separated by single spaces. Whitespace in the input is
      dropped, so a SIGHAN test file round-trips to the bakeoff format. CRLF input is fine;
      invalid UTF-8 bytes come out as U+FFFD.

      With --json, each input line becomes one JSON object (keys sorted):
        {"line":1,"source":"FILE","tokens":[{"end":3,"kind":"word","start":0,
         "text":"鹿寨县","utf8_end":9,"utf8_start":0}, …]}
      `start`/`end` are Unicode scalar offsets into the line, `utf8_start`/`utf8_end` byte
      offsets; `kind` is word, number, latin, punct or space. Tokens tile the line exactly
      (spaces included in JSON).

      Examples:
        echo '鹿寨县党组织覆盖率达84.61%' | caseminer segment
        caseminer segment --lexicon my-words.txt pages/*.txt > words.txt
      """)

  @Argument(help: "Text files to segment (UTF-8). Reads standard input when omitted or -.")
  var files: [String] = []

  @Flag(help: "Print JSON Lines with tokens, offsets and kinds.")
  var json = false

  @OptionGroup var lexicon: LexiconOptions

  func run() throws {
    let segmenter = try lexicon.segmenter()
    var output = Output()
    var failed = false
    var tokens: [Token] = []
    for path in files.isEmpty ? ["-"] : files {
      let bytes: [UInt8]
      do { bytes = try readInput(path) } catch {
        Diagnostics.warn("\(error)")
        failed = true
        continue
      }
      var lineNumber = 0
      forEachLine(bytes) { line in
        lineNumber += 1
        tokens.removeAll(keepingCapacity: true)
        segmenter.tokens(utf8: line, into: &tokens)
        if json {
          output.write(jsonLine(line, tokens, number: lineNumber, source: path))
        } else {
          var first = true
          for token in tokens where token.kind != .whitespace {
            if !first { output.write(byte: 0x20) }
            first = false
            output.write(bytes: UnsafeBufferPointer(rebasing: line[token.utf8]))
          }
        }
        output.write(byte: 0x0A)
      }
    }
    output.flush()
    if failed { throw ExitCode(2) }
  }

  private func jsonLine(
    _ line: UnsafeBufferPointer<UInt8>, _ tokens: [Token], number: Int, source: String
  ) -> String {
    var out = "{\"line\":\(number),\"source\":\(jsonString(source)),\"tokens\":["
    for (k, token) in tokens.enumerated() {
      if k > 0 { out += "," }
      let text = String(decoding: UnsafeBufferPointer(rebasing: line[token.utf8]), as: UTF8.self)
      out += "{\"end\":\(token.scalars.upperBound),\"kind\":\"\(token.kind)\","
      out += "\"start\":\(token.scalars.lowerBound),\"text\":\(jsonString(text)),"
      out += "\"utf8_end\":\(token.utf8.upperBound),\"utf8_start\":\(token.utf8.lowerBound)}"
    }
    return out + "]}"
  }
}

import ArgumentParser
import Foundation
import Segmenter

/// `caseminer segment`: words of each input line.
struct Segment: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Split Chinese text into words, one output line per input line.",
    discussion: """
      Reads each FILE (or standard input when none is given or FILE is -) and writes, for every \
      input line, one line of tokens separated by single spaces. Whitespace in the input is \
      dropped, so a SIGHAN test file round-trips to the bakeoff format. CRLF input is fine; \
      invalid UTF-8 bytes come out as U+FFFD.

      With --json, each input line becomes one JSON object (keys sorted):
        {"line":1,"source":"FILE","tokens":[{"end":3,"kind":"word","start":0,
         "text":"鹿寨县","utf8_end":9,"utf8_start":0}, …]}
      `start`/`end` are Unicode scalar offsets into the line, `utf8_start`/`utf8_end` byte \
      offsets; `kind` is word, number, latin, punct or space. Tokens tile the line exactly \
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

  @OptionGroup var threading: ThreadsOption

  func run() throws {
    let first = try lexicon.segmenter()
    let workers = threading.count
    // One segmenter per worker: ICU iterators are not thread-safe; the lexicon is shared.
    let segmenters = try [first] + (1..<workers).map { _ in try first.copy() }
    var output = BufferedOutput()
    var failed = false
    for path in files.isEmpty ? ["-"] : files {
      let bytes: [UInt8]
      do { bytes = try readInput(path) } catch {
        Output.warn("\(error)")
        failed = true
        continue
      }
      var lines: [Range<Int>] = []
      forEachLineRange(bytes) { lines.append($0) }
      // Blocks of lines, each split across the workers; output is written in input order.
      let blockSize = 4096
      var blockStart = 0
      while blockStart < lines.count {
        let block = Array(lines[blockStart..<min(blockStart + blockSize, lines.count)])
        let parts = segmentInParallel(bytes, block, segmenters, firstLine: blockStart, source: path)
        for part in parts { part.withUnsafeBufferPointer { output.write(bytes: $0) } }
        blockStart += blockSize
      }
    }
    output.flush()
    if failed { throw ExitCode(2) }
  }

  /// Segments `block` (line ranges of `bytes`) on all workers; one output buffer per worker,
  /// in input order.
  private func segmentInParallel(
    _ bytes: [UInt8], _ block: [Range<Int>], _ segmenters: [Segmenter], firstLine: Int,
    source: String
  ) -> [[UInt8]] {
    let workers = min(segmenters.count, max(1, block.count / 64))
    let share = (block.count + workers - 1) / workers
    nonisolated(unsafe) var next = segmenters.makeIterator()
    let json = self.json
    return concurrentMap(workers, workers: workers, state: { (next.next()!, [Token]()) }) {
      state, w -> [UInt8] in
      var out: [UInt8] = []
      let lines = block[min(w * share, block.count)..<min((w + 1) * share, block.count)]
      bytes.withUnsafeBufferPointer { all in
        for (k, range) in zip(lines.indices, lines) {
          let line = UnsafeBufferPointer(rebasing: all[range])
          state.1.removeAll(keepingCapacity: true)
          state.0.tokens(utf8: line, into: &state.1)
          if json {
            out.append(contentsOf: Self.jsonLine(line, state.1, number: firstLine + k + 1, source: source).utf8)
          } else {
            var first = true
            for token in state.1 where token.kind != .whitespace {
              if !first { out.append(0x20) }
              first = false
              out.append(contentsOf: UnsafeBufferPointer(rebasing: line[token.utf8]))
            }
          }
          out.append(0x0A)
        }
      }
      return out
    }.map { $0 ?? [] }
  }

  private static func jsonLine(
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

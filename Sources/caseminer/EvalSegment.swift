import ArgumentParser
import Foundation
import Segmenter

/// `caseminer eval segment`: bakeoff scores against a gold segmentation.
struct EvalSegment: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Score segmentation against a gold file (SIGHAN bakeoff scoring).",
    discussion: """
      GOLD holds one sentence a line, words separated by spaces (ASCII or U+3000). The gold \
      text with its spaces removed is segmented and scored per line: a word is right when its \
      character span equals a gold word's. Prints precision, recall, F1, OOV rate, OOV recall \
      and IV recall (out-of-vocabulary = not in --words), and the segmentation speed.

      Closed track of the 2005 bakeoff:
        caseminer eval segment --gold pku_test_gold.utf8 \\
          --words pku_training_words.utf8 \\
          --no-default-lexicon --lexicon pku_training_words.utf8
      """)

  @Option(help: "Gold segmentation file.")
  var gold: String

  @Option(help: "Training word list: gold words not in it are out-of-vocabulary.")
  var words: String?

  @Option(help: "Write the predicted segmentation to FILE as well.")
  var output: String?

  @Flag(help: "Print the scores as one JSON object.")
  var json = false

  @OptionGroup var lexicon: LexiconOptions

  func run() throws {
    let goldBytes = try readInput(gold)
    var vocabulary = Set<Substring>()
    if let words {
      let text = String(decoding: try readInput(words), as: UTF8.self)
      for line in text.split(whereSeparator: \.isNewline) {
        let word = line.trimmingCharacters(in: .whitespaces)
        if !word.isEmpty { vocabulary.insert(Substring(word)) }
      }
    }
    let segmenter = try lexicon.segmenter()

    // Gold lines: words, and the text with the spaces taken out.
    var goldLines: [[Substring]] = []
    var plain: [String] = []
    forEachLine(goldBytes) { line in
      let text = String(decoding: line, as: UTF8.self).replacingOccurrences(of: "\u{3000}", with: " ")
      let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
      goldLines.append(words)
      plain.append(words.joined())
    }

    // Segment once (these tokens are scored), then time further passes over the same text,
    // for at least half a second in all: a single pass over a test set takes ~0.05 s, too
    // short to time steadily. Only segmentation is timed: tokens are ranges; strings are cut
    // after the clock stops.
    var lineTokens = [[Token]](repeating: [], count: plain.count)
    for k in plain.indices {
      plain[k].withUTF8 { segmenter.tokens(utf8: $0, into: &lineTokens[k]) }
    }
    let characters = plain.reduce(0) { $0 + $1.unicodeScalars.count }
    let clock = ContinuousClock()
    let started = clock.now
    var passes = 0
    var scratch: [Token] = []
    repeat {
      for k in plain.indices {
        scratch.removeAll(keepingCapacity: true)
        plain[k].withUTF8 { segmenter.tokens(utf8: $0, into: &scratch) }
      }
      passes += 1
    } while clock.now - started < .milliseconds(500) || passes < 3
    let elapsed = (clock.now - started) / passes
    let predictedLines = zip(plain, lineTokens).map { text, tokens in
      tokens.filter { $0.kind != .whitespace }.map { $0.text(in: text) }
    }
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

    var score = SegmentationScore()
    for (goldWords, predicted) in zip(goldLines, predictedLines) {
      score.add(gold: goldWords, predicted: predicted, vocabulary: vocabulary)
    }
    if let output {
      let text = predictedLines.map { $0.joined(separator: "  ") }.joined(separator: "\n") + "\n"
      try Data(text.utf8).write(to: URL(fileURLWithPath: output))
    }
    let rate = seconds > 0 ? Double(characters) / seconds : 0
    if json {
      print(
        String(
          format:
            "{\"chars\":%d,\"chars_per_second\":%.0f,\"f1\":%.4f,\"gold_words\":%d,\"iv_recall\":%.4f,\"oov_rate\":%.4f,\"oov_recall\":%.4f,\"precision\":%.4f,\"recall\":%.4f}",
          characters, rate, score.f1, score.goldWords, score.ivRecall, score.oovRate,
          score.oovRecall, score.precision, score.recall))
    } else {
      print(String(format: "precision   %.4f", score.precision))
      print(String(format: "recall      %.4f", score.recall))
      print(String(format: "F1          %.4f", score.f1))
      print(String(format: "OOV rate    %.4f", score.oovRate))
      print(String(format: "OOV recall  %.4f", score.oovRecall))
      print(String(format: "IV recall   %.4f", score.ivRecall))
      print("words       \(score.goldWords) gold, \(score.predictedWords) predicted, \(score.correct) right")
      print(String(format: "speed       %.0f chars/s (%d chars in %.3f s, one thread)", rate, characters, seconds))
    }
  }
}

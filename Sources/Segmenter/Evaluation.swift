/// Segmentation scores in the SIGHAN bakeoff style: a word is right when its character span
/// equals a gold word's span on the same line; micro-averaged over all words.
public struct SegmentationScore: Sendable, Equatable {
  public private(set) var goldWords = 0
  public private(set) var predictedWords = 0
  public private(set) var correct = 0
  public private(set) var oovWords = 0
  public private(set) var oovCorrect = 0
  public private(set) var ivWords = 0
  public private(set) var ivCorrect = 0
  public private(set) var lines = 0
  /// Lines whose gold and predicted characters differ; they are scored by span anyway.
  public private(set) var misalignedLines = 0

  public init() {}

  /// Adds one line: the gold words and the predicted words (whitespace already removed),
  /// with the training vocabulary that decides which gold words are out of vocabulary.
  public mutating func add<Words: Collection>(
    gold: Words, predicted: Words, vocabulary: Set<Substring>
  ) where Words.Element == Substring {
    guard !gold.isEmpty else { return }
    lines += 1
    var predictedSpans = Set<Int>()  // start << 32 | end
    var position = 0
    for word in predicted {
      let length = word.unicodeScalars.count
      predictedSpans.insert(position << 32 | (position + length))
      position += length
    }
    var goldPosition = 0
    for word in gold {
      let length = word.unicodeScalars.count
      let hit = predictedSpans.contains(goldPosition << 32 | (goldPosition + length))
      goldPosition += length
      goldWords += 1
      if hit { correct += 1 }
      if vocabulary.contains(word) {
        ivWords += 1
        if hit { ivCorrect += 1 }
      } else {
        oovWords += 1
        if hit { oovCorrect += 1 }
      }
    }
    if position != goldPosition { misalignedLines += 1 }
    predictedWords += predicted.count
  }

  public var precision: Double { ratio(correct, predictedWords) }
  public var recall: Double { ratio(correct, goldWords) }
  public var f1: Double {
    let p = precision
    let r = recall
    return p + r > 0 ? 2 * p * r / (p + r) : 0
  }
  public var oovRate: Double { ratio(oovWords, goldWords) }
  public var oovRecall: Double { ratio(oovCorrect, oovWords) }
  public var ivRecall: Double { ratio(ivCorrect, ivWords) }

  private func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }
}

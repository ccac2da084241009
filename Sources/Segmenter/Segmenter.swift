/// Chinese word segmentation: ICU word breaks, refined by a lexicon, a number grammar and an
/// unknown-word model.
///
/// ICU finds the boundaries of every script run and its own dictionary words; inside runs of
/// Han text the segmenter then picks the most probable path over a word graph (jieba's DAG)
/// whose edges are lexicon words, ICU's words and PKU-style numbers. Runs of single
/// characters left over go through the unknown-word HMM.
///
///     let segmenter = try Segmenter()
///     let text = "鹿寨县党组织覆盖率达84.61%"
///     segmenter.tokens(in: text).map { $0.text(in: text) }
///     // ["鹿寨县", "党组织", "覆盖率", "达", "84.61%"]
///
/// A `Segmenter` owns an ICU break iterator and scratch buffers, so it is not thread-safe:
/// make one per thread (`copy()` is cheap; the lexicon is shared).
public final class Segmenter {
  /// How the segmenter weighs its sources.
  public struct Options: Sendable {
    /// Group runs of unknown single characters with the HMM.
    public var unknownWords = true
    /// Run ICU's CJK dictionary and offer its words as edges of the word graph. Off by
    /// default: ICU then breaks by its rules alone (one piece per Han run) and the lexicon does
    /// all Han words, which measured as accurate and ~2× faster (BENCHMARKS.md).
    public var icuWords = false
    /// Cost of an ICU word missing from the lexicon, in unknown characters: at 2.5 it beats
    /// three or more unknown single characters, never a path of lexicon words.
    public var icuWordCost: Float = 2.5
    /// Frequency-equivalent weight of a number/date token.
    public var numberFrequency: Double = 1e6
    /// Log-space bonus per word: above 0 favours finer segmentation (PKU's granularity is
    /// finer than the general word list's).
    public var wordBonus: Float = 2
    /// A character whose frequency as a word is below this fraction of the average word's
    /// is taken as bound (part of longer words); only HMM words containing one are kept.
    public var boundFraction: Double = 0.5
    /// HMM words made only of free characters are kept when the model's log-odds for the
    /// word over single characters reach this.
    public var wordEvidence: Double = 5
    /// Weight of the unknown-word model's opinion of each lexicon word, added to its score:
    /// the model's log-odds (clamped to ±10) of the word over its characters standing alone,
    /// and for a one-character word, of it standing alone over starting or ending a word.
    /// Small: it mostly breaks ties between paths of equal lexicon score (取得 了 over
    /// 取 得了, 方面 的 over 方 面的), which a word list without frequencies leaves everywhere.
    public var modelWeight: Float = 0.1
    public init() {}
  }

  public let lexicon: Lexicon
  public let unknownWordModel: UnknownWordModel?
  public let options: Options
  private let words: BreakIterator
  private var sentenceIterator: BreakIterator?
  private let icuScore: Float
  private let numberScore: Float
  private let bonus: Float
  private let boundScore: Float
  /// Score of the word ending at each lexicon node: its lexicon score, the per-word bonus and
  /// the model's opinion (`Options.modelWeight`); computed once and shared by copies.
  private let wordScores: WordScores

  // Scratch buffers reused across calls.
  private let batch = 512
  private let boundaries: UnsafeMutablePointer<Int32>
  private let statuses: UnsafeMutablePointer<Int32>
  private var pieceEnds: [Int32] = []  // ICU piece ends (UTF-8) inside the current Han run
  private var runScalars: [UInt32] = []
  private var runOffsets: [Int32] = []  // UTF-8 offset of each scalar of the run, plus the end
  private var icuEnd: [Int32] = []
  private var numberEnd: [Int32] = []
  private var best: [Float] = []
  private var route: [Int32] = []
  private var lengths: [Int] = []

  /// A segmenter over the standard lexicon and unknown-word model.
  public convenience init(options: Options = Options()) throws(SegmenterError) {
    try self.init(
      lexicon: Lexicon.standard(), unknownWordModel: UnknownWordModel.standard(), options: options)
  }

  public convenience init(
    lexicon: Lexicon, unknownWordModel: UnknownWordModel?, options: Options = Options()
  ) throws(SegmenterError) {
    try self.init(
      lexicon: lexicon, unknownWordModel: unknownWordModel, options: options,
      words: options.icuWords ? BreakIterator(.word) : Segmenter.lexiconRulesIterator(),
      wordScores: WordScores(
        lexicon: lexicon, model: options.unknownWords ? unknownWordModel : nil, options: options))
  }

  private init(
    lexicon: Lexicon, unknownWordModel: UnknownWordModel?, options: Options, words: BreakIterator,
    wordScores: WordScores
  ) {
    self.wordScores = wordScores
    self.lexicon = lexicon
    self.unknownWordModel = options.unknownWords ? unknownWordModel : nil
    self.options = options
    self.words = words
    bonus = options.wordBonus
    let mean = lexicon.count > 0 ? lexicon.totalFrequency / Double(lexicon.count) : 1
    boundScore = Float(log(mean * options.boundFraction)) + lexicon.unknownScore
    icuScore = options.icuWordCost * (lexicon.unknownScore + bonus)
    numberScore = Float(log(options.numberFrequency)) + lexicon.unknownScore + bonus
    boundaries = .allocate(capacity: batch)
    statuses = .allocate(capacity: batch)
  }

  deinit {
    boundaries.deallocate()
    statuses.deallocate()
  }

  /// ICU's word rules without its CJK dictionary (Resources/word-rules.txt), compiled once
  /// per process and cloned for each segmenter.
  private static func lexiconRulesIterator() throws(SegmenterError) -> BreakIterator {
    try compiledRules.get().copy()
  }

  nonisolated(unsafe) private static let compiledRules = Result<BreakIterator, SegmenterError> {
    () throws(SegmenterError) in
    // nonisolated(unsafe): the prototype is only ever cloned (ubrk_clone is thread-safe).
    let url = try Lexicon.resource("word-rules", "txt")
    let source: String
    do { source = try String(contentsOf: url, encoding: .utf8) } catch {
      throw .lexicon(path: url.path, reason: error.localizedDescription)
    }
    return try BreakIterator(rules: source, name: url.lastPathComponent)
  }

  /// A segmenter for another thread: same lexicon and model, its own ICU iterator.
  public func copy() throws(SegmenterError) -> Segmenter {
    Segmenter(
      lexicon: lexicon, unknownWordModel: unknownWordModel, options: options,
      words: try words.copy(), wordScores: wordScores)
  }

  // MARK: Words

  /// The tokens of `text`, tiling it exactly.
  public func tokens(in text: String) -> [Token] {
    var result: [Token] = []
    var text = text
    text.withUTF8 { tokens(utf8: $0, into: &result) }
    return result
  }

  /// Appends the tokens of UTF-8 `bytes` to `tokens`. Invalid UTF-8 is tolerated: each
  /// invalid byte counts as one scalar (as U+FFFD would after decoding).
  public func tokens(utf8 bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
    guard !bytes.isEmpty else { return }
    do { try words.setText(bytes) } catch {
      preconditionFailure("ICU rejected a UTF-8 buffer of \(bytes.count) bytes: \(error)")
    }
    var pieceStart = 0
    var scalarPosition = 0
    var runStart = -1
    var runScalarStart = 0
    pieceEnds.removeAll(keepingCapacity: true)

    func flush() {
      guard runStart >= 0 else { return }
      let end = Int(pieceEnds.last!)
      scalarPosition = segmentRun(
        bytes, runStart..<end, scalarStart: runScalarStart, into: &tokens)
      runStart = -1
      pieceEnds.removeAll(keepingCapacity: true)
    }

    while true {
      let count = words.nextBoundaries(into: boundaries, statuses: statuses, capacity: Int32(batch))
      if count == 0 { break }
      for k in 0..<count {
        let end = Int(boundaries[k])
        let status = statuses[k]
        let first = Segmenter.firstScalar(bytes, at: pieceStart)
        let joinable: Bool
        switch status {
        case 100..<200, 400..<500: joinable = true
        case 0..<100:
          joinable =
            (first == 0x25CB || (runStart >= 0 && NumberPattern.isNumericSymbol(first)))
            && Segmenter.isSingleScalar(bytes, pieceStart..<end)
        default: joinable = false
        }
        if joinable {
          if runStart < 0 {
            runStart = pieceStart
            runScalarStart = scalarPosition
          }
          pieceEnds.append(Int32(end))
        } else {
          flush()
          let scalars = Segmenter.scalarCount(bytes, pieceStart..<end)
          let kind: Token.Kind
          switch status {
          case 200..<300: kind = .latin
          case 300..<400: kind = .word
          default:
            kind = Segmenter.isWhitespace(first) ? .whitespace : .punctuation
          }
          append(
            Token(
              utf8: pieceStart..<end, scalars: scalarPosition..<scalarPosition + scalars,
              kind: kind),
            bytes, to: &tokens)
          scalarPosition += scalars
        }
        pieceStart = end
      }
    }
    flush()
  }

  /// Appends a non-Han token, joining repeated dashes and ellipses (——, ……) as PKU does.
  private func append(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>, to tokens: inout [Token]) {
    if token.kind == .punctuation, let last = tokens.last, last.kind == .punctuation,
      last.utf8End == token.utf8Start,
      Segmenter.isRepeatable(Segmenter.firstScalar(bytes, at: token.utf8.lowerBound)),
      Segmenter.firstScalar(bytes, at: last.utf8.lowerBound)
        == Segmenter.firstScalar(bytes, at: token.utf8.lowerBound)
    {
      tokens[tokens.count - 1].utf8End = token.utf8End
      tokens[tokens.count - 1].scalarEnd = token.scalarEnd
      return
    }
    tokens.append(token)
  }

  /// Segments one run of Han text (with its digits) by best path; returns the scalar offset
  /// after it.
  private func segmentRun(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, scalarStart: Int,
    into tokens: inout [Token]
  ) -> Int {
    // Decode the run into scalars, remembering each one's UTF-8 offset and ICU piece ends.
    runScalars.removeAll(keepingCapacity: true)
    runOffsets.removeAll(keepingCapacity: true)
    icuEnd.removeAll(keepingCapacity: true)
    var i = range.lowerBound
    var piece = 0
    var pieceStartIndex = 0
    while i < range.upperBound {
      let (scalar, width) = Segmenter.decode(bytes, at: i)
      runScalars.append(scalar)
      runOffsets.append(Int32(i))
      icuEnd.append(-1)
      i += width
      if piece < pieceEnds.count && i >= Int(pieceEnds[piece]) {
        icuEnd[pieceStartIndex] = Int32(runScalars.count)
        pieceStartIndex = runScalars.count
        piece += 1
      }
    }
    runOffsets.append(Int32(range.upperBound))
    let n = runScalars.count

    numberEnd.removeAll(keepingCapacity: true)
    best.removeAll(keepingCapacity: true)
    route.removeAll(keepingCapacity: true)
    numberEnd.append(contentsOf: repeatElement(-1, count: n))
    best.append(contentsOf: repeatElement(0, count: n + 1))
    route.append(contentsOf: repeatElement(0, count: n + 1))

    let lexicon = self.lexicon
    let unknown = lexicon.unknownScore + bonus
    let wordScore = wordScores.scores
    let icuScore = options.icuWords ? self.icuScore : -.infinity
    let numberScore = self.numberScore
    runScalars.withUnsafeBufferPointer { s in
      numberEnd.withUnsafeMutableBufferPointer { numberEnd in
        for k in 0..<n where NumberPattern.isArabicDigit(s[k])
          || NumberPattern.isChineseNumeral(s[k]) || s[k] == 0x7B2C
        {
          // Only where a number can start: not right after another digit.
          if k > 0 && numberEnd[k - 1] > k { continue }
          if let e = NumberPattern.end(in: s, from: k), e > k { numberEnd[k] = Int32(e) }
        }
      }
      icuEnd.withUnsafeBufferPointer { icuEnd in
        numberEnd.withUnsafeBufferPointer { numberEnd in
          best.withUnsafeMutableBufferPointer { best in
            route.withUnsafeMutableBufferPointer { route in
              best[n] = 0
              for i in stride(from: n - 1, through: 0, by: -1) {
                var node = lexicon.child(0, s[i])
                var own = node != 0 ? wordScore[Int(node)] : unknown
                if own == -.infinity { own = unknown }
                var top = own + best[i + 1]
                var to = i + 1
                var j = i + 1
                while node != 0 && j < n {
                  node = lexicon.child(node, s[j])
                  j += 1
                  if node == 0 { break }
                  let score = wordScore[Int(node)]
                  if score > -.infinity, score + best[j] > top {
                    top = score + best[j]
                    to = j
                  }
                }
                let e = Int(icuEnd[i])
                if e > i + 1, icuScore + best[e] > top {
                  top = icuScore + best[e]
                  to = e
                }
                let m = Int(numberEnd[i])
                if m > i + 1, numberScore + best[m] >= top {
                  top = numberScore + best[m]
                  to = m
                }
                best[i] = top
                route[i] = Int32(to)
              }
            }
          }
        }
      }
    }

    // Walk the best path; buffer runs of single Han characters for the unknown-word model.
    var k = 0
    var pending = -1
    func emit(_ from: Int, _ to: Int) {
      let kind: Token.Kind
      if numberEnd[from] == to || (to - from == 1 && NumberPattern.isArabicDigit(runScalars[from])) {
        kind = .number
      } else if to - from == 1 && NumberPattern.isNumericSymbol(runScalars[from]) {
        kind = .punctuation
      } else {
        kind = .word
      }
      tokens.append(
        Token(
          utf8: Int(runOffsets[from])..<Int(runOffsets[to]),
          scalars: scalarStart + from..<scalarStart + to, kind: kind))
    }
    func flushPending(_ upTo: Int) {
      guard pending >= 0 else { return }
      defer { pending = -1 }
      let count = upTo - pending
      if count == 1 || unknownWordModel == nil
        || lexicon.frequency(of: Array(runScalars[pending..<upTo])) != nil
      {
        for c in pending..<upTo { emit(c, c + 1) }
        return
      }
      lengths.removeAll(keepingCapacity: true)
      runScalars.withUnsafeBufferPointer { s in
        unknownWordModel!.split(UnsafeBufferPointer(rebasing: s[pending..<upTo]), into: &lengths)
      }
      // Keep an HMM word only if one of its characters is rarely a word on its own (泽 in
      // 江泽民); characters that are common words by themselves (的, 是, 新) stay apart.
      var c = pending
      for length in lengths {
        if length > 1 && !(c..<c + length).contains(where: { isBound(runScalars[$0]) })
          && unknownWordModel!.wordEvidence(runScalars[c..<c + length]) < options.wordEvidence
        {
          for single in c..<c + length { emit(single, single + 1) }
        } else {
          emit(c, c + length)
        }
        c += length
      }
    }
    while k < n {
      let next = Int(route[k])
      if next == k + 1 && Segmenter.isHan(runScalars[k]) && numberEnd[k] != Int32(next) {
        if pending < 0 { pending = k }
      } else {
        flushPending(k)
        emit(k, next)
      }
      k = next
    }
    flushPending(n)
    return scalarStart + n
  }

  /// Whether a character is rarely a word by itself: not in the lexicon as a word, or less
  /// frequent than `options.boundFraction` of the average word.
  private func isBound(_ scalar: UInt32) -> Bool {
    let node = lexicon.child(0, scalar)
    return node == 0 || lexicon.score(node) < boundScore
  }

  // MARK: Sentences

  /// Sentence ranges of `text` (UTF-8 offsets), from ICU's sentence iterator.
  public func sentences(in text: String) -> [Range<Int>] {
    var text = text
    return text.withUTF8 { sentences(utf8: $0) }
  }

  /// Sentence ranges of UTF-8 `bytes`, tiling them.
  public func sentences(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    guard !bytes.isEmpty else { return [] }
    if sentenceIterator == nil {
      do { sentenceIterator = try BreakIterator(.sentence) } catch {
        preconditionFailure("ICU cannot open a sentence iterator: \(error)")
      }
    }
    let iterator = sentenceIterator!
    do { try iterator.setText(bytes) } catch {
      preconditionFailure("ICU rejected a UTF-8 buffer: \(error)")
    }
    var result: [Range<Int>] = []
    var start = 0
    while true {
      let count = iterator.nextBoundaries(into: boundaries, statuses: statuses, capacity: Int32(batch))
      if count == 0 { break }
      for k in 0..<count {
        let end = Int(boundaries[k])
        result.append(start..<end)
        start = end
      }
    }
    return result
  }

  // MARK: Bytes

  @inline(__always)
  static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
    let b0 = UInt32(b[i])
    if b0 < 0x80 { return (b0, 1) }
    let n = b.count
    if b0 >= 0xC2 && b0 < 0xE0, i + 1 < n, b[i + 1] & 0xC0 == 0x80 {
      return ((b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2)
    }
    if b0 >= 0xE0 && b0 < 0xF0, i + 2 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80 {
      return ((b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3)
    }
    if b0 >= 0xF0 && b0 < 0xF5, i + 3 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80,
      b[i + 3] & 0xC0 == 0x80
    {
      return (
        (b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
          | UInt32(b[i + 3] & 0x3F), 4
      )
    }
    return (0xFFFD, 1)  // an invalid byte stands for one replacement character
  }

  @inline(__always)
  static func firstScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
    i < b.count ? decode(b, at: i).0 : 0
  }

  static func isSingleScalar(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    decode(b, at: r.lowerBound).1 == r.count
  }

  /// Scalars in a byte range, counting each invalid byte as one.
  static func scalarCount(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int {
    var i = r.lowerBound
    var count = 0
    while i < r.upperBound {
      i += decode(b, at: i).1
      count += 1
    }
    return count
  }

  @inline(__always) static func isHan(_ c: UInt32) -> Bool {
    (0x4E00...0x9FFF).contains(c) || (0x3400...0x4DBF).contains(c)
      || (0x20000...0x3134F).contains(c) || (0xF900...0xFAFF).contains(c)
  }

  @inline(__always) static func isWhitespace(_ c: UInt32) -> Bool {
    if c < 0x80 { return c == 0x20 || (0x09...0x0D).contains(c) }
    return Unicode.Scalar(c)?.properties.isWhitespace ?? false
  }

  /// Punctuation PKU keeps doubled as one token: — … ─ ·
  static func isRepeatable(_ c: UInt32) -> Bool {
    c == 0x2014 || c == 0x2026 || c == 0x2500 || c == 0x2015
  }
}

import Foundation

/// Per-node word scores for the best-path search (see `Segmenter.wordScores`).
final class WordScores: @unchecked Sendable {
  // @unchecked: written only in init, read-only afterwards.
  let scores: UnsafeMutablePointer<Float>

  init(lexicon: Lexicon, model: UnknownWordModel?, options: Segmenter.Options) {
    let count = lexicon.nodeCount
    scores = .allocate(capacity: count)
    for node in 0..<count {
      scores[node] = lexicon.score(UInt32(node)) + options.wordBonus
    }
    guard let model, options.modelWeight != 0 else { return }
    // The model's log-odds for every lexicon word, in one pass over the trie (prefixes before
    // the words that extend them): `open` scores a prefix read as the start of a word (B M…),
    // `singles` as single characters (S S…). Same sums as `UnknownWordModel.wordEvidence`.
    let (parents, scalars) = lexicon.trieEdges()
    var open = [Double](repeating: 0, count: count)
    var singles = [Double](repeating: 0, count: count)
    var depth = [Int32](repeating: 0, count: count)
    let weight = Double(options.modelWeight)
    let (b, m, e, s) = (0, 1, 2, 3)
    for node in 1..<count {
      let parent = Int(parents[node])
      let emit = model.emissions(scalars[node])
      depth[node] = depth[parent] + 1
      let odds: Double
      if depth[node] == 1 {
        open[node] = emit[b]
        singles[node] = emit[s]
        odds = emit[s] - max(emit[b], emit[e])
      } else {
        let previous = depth[parent] == 1 ? b : m
        open[node] = open[parent] + model.transitionScore(previous, m) + emit[m]
        singles[node] = singles[parent] + model.transitionScore(s, s) + emit[s]
        odds = open[parent] + model.transitionScore(previous, e) + emit[e] - singles[node]
      }
      if scores[node] > -.infinity {
        scores[node] += Float(weight * max(-10, min(10, odds)))
      }
    }
  }

  deinit { scores.deallocate() }
}

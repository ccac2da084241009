import Foundation

/// A character-tagging HMM (B, M, E, S) that groups runs of single characters the lexicon
/// could not place into words: names (江泽民), transliterations (普京), new terms.
///
/// Probabilities are jieba's `finalseg` model (MIT licence; Resources/hmm.tsv).
public final class UnknownWordModel: Sendable {
  // State order: B, M, E, S.
  private let start: SIMD4<Double>
  private let transition: [SIMD4<Double>]  // transition[from][to]
  private let emission: [UInt32: SIMD4<Float>]
  private static let impossible = -3.14e100

  /// Loads a model in the hmm.tsv format.
  public init(contentsOf url: URL) throws(SegmenterError) {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw .lexicon(path: url.path, reason: error.localizedDescription)
    }
    let states: [Substring: Int] = ["B": 0, "M": 1, "E": 2, "S": 3]
    var start = SIMD4<Double>(repeating: Self.impossible)
    var transition = [SIMD4<Double>](repeating: .init(repeating: Self.impossible), count: 4)
    var emission: [UInt32: SIMD4<Float>] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let f = line.split(separator: "\t")
      switch (f.first, f.count) {
      case ("start", 3):
        if let s = states[f[1]], let p = Double(f[2]) { start[s] = p }
      case ("trans", 4):
        if let a = states[f[1]], let b = states[f[2]], let p = Double(f[3]) { transition[a][b] = p }
      case ("emit", 4):
        if let s = states[f[1]], let c = f[2].unicodeScalars.first, let p = Float(f[3]) {
          emission[c.value, default: .init(repeating: -Float.greatestFiniteMagnitude)][s] = p
        }
      default:
        throw .lexicon(path: url.path, reason: "unreadable line \(line.prefix(40))")
      }
    }
    self.start = start
    self.transition = transition
    self.emission = emission
  }

  /// The shipped model, loaded once.
  public static func standard() throws(SegmenterError) -> UnknownWordModel {
    try cached.get()
  }

  private static let cached = Result<UnknownWordModel, SegmenterError> {
    () throws(SegmenterError) in
    try UnknownWordModel(contentsOf: Lexicon.resource("hmm", "tsv"))
  }

  /// The model's log emission probabilities of `c` in states B, M, E, S (-20 where unseen).
  func emissions(_ c: UInt32) -> SIMD4<Double> {
    guard let e = emission[c] else { return SIMD4(repeating: -20) }
    func p(_ x: Float) -> Double { x == -Float.greatestFiniteMagnitude ? -20 : Double(x) }
    return SIMD4(p(e[0]), p(e[1]), p(e[2]), p(e[3]))
  }

  /// Log transition probability between states (0 B, 1 M, 2 E, 3 S).
  func transitionScore(_ from: Int, _ to: Int) -> Double { transition[from][to] }

  /// How much more likely the model finds `scalars` as one word (B M… E) than as single
  /// characters (S S…), in natural-log odds. Unseen emissions count as -20.
  func wordEvidence(_ scalars: ArraySlice<UInt32>) -> Double {
    guard scalars.count >= 2 else { return 0 }
    func emit(_ c: UInt32, _ state: Int) -> Double {
      guard let e = emission[c], e[state] > -Float.greatestFiniteMagnitude else { return -20 }
      return Double(e[state])
    }
    var word = 0.0
    var singles = 0.0
    for (k, c) in zip(scalars.indices, scalars) {
      let state = k == scalars.startIndex ? 0 : (k == scalars.endIndex - 1 ? 2 : 1)
      word += emit(c, state)
      singles += emit(c, 3)
      if k > scalars.startIndex {
        let previous = k - 1 == scalars.startIndex ? 0 : 1
        word += transition[previous][state]
        singles += transition[3][3]
      }
    }
    return word - singles
  }

  /// Word lengths for `scalars`, by Viterbi over B/M/E/S; the lengths sum to `scalars.count`.
  func split(_ scalars: UnsafeBufferPointer<UInt32>, into lengths: inout [Int]) {
    let n = scalars.count
    guard n > 1 else {
      if n == 1 { lengths.append(1) }
      return
    }
    let minEmit = -Float.greatestFiniteMagnitude
    var score = [SIMD4<Double>](repeating: .zero, count: n)
    var back = [SIMD4<Int32>](repeating: .zero, count: n)
    // Which states may precede each state (B←E,S; M←B,M; E←B,M; S←E,S).
    let previous: [(Int, Int)] = [(2, 3), (0, 1), (0, 1), (2, 3)]
    func emit(_ i: Int) -> SIMD4<Double> {
      let e = emission[scalars[i]] ?? SIMD4(repeating: minEmit)
      return SIMD4(
        e[0] == minEmit ? Self.impossible : Double(e[0]),
        e[1] == minEmit ? Self.impossible : Double(e[1]),
        e[2] == minEmit ? Self.impossible : Double(e[2]),
        e[3] == minEmit ? Self.impossible : Double(e[3]))
    }
    score[0] = start + emit(0)
    for i in 1..<n {
      let e = emit(i)
      for s in 0..<4 {
        let (a, b) = previous[s]
        let viaA = score[i - 1][a] + transition[a][s]
        let viaB = score[i - 1][b] + transition[b][s]
        if viaA >= viaB {
          score[i][s] = viaA + e[s]
          back[i][s] = Int32(a)
        } else {
          score[i][s] = viaB + e[s]
          back[i][s] = Int32(b)
        }
      }
    }
    // A word must end in E or S.
    var state = score[n - 1][2] >= score[n - 1][3] ? 2 : 3
    var tags = [Int](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      tags[i] = state
      state = Int(back[i][state])
    }
    var length = 0
    for tag in tags {
      length += 1
      if tag == 2 || tag == 3 {
        lengths.append(length)
        length = 0
      }
    }
    if length > 0 { lengths.append(length) }
  }
}

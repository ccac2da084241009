import Foundation

/// A formulation one region uses more than the rest, with both keyness scores.
public struct KeyTerm: Sendable, Equatable, Codable {
  public var term: String
  /// Occurrences in the region and in all other regions.
  public var focus: Int
  public var reference: Int
  /// Dunning's log-likelihood G²: 3.84 is p < 0.05, 6.63 p < 0.01 (one degree of freedom).
  public var logLikelihood: Double
  /// Kilgarriff's simple maths: (per-million in region + N) / (per-million elsewhere + N), N = 1.
  public var simpleMaths: Double

  enum CodingKeys: String, CodingKey {
    case term, focus, reference
    case logLikelihood = "log_likelihood"
    case simpleMaths = "simple_maths"
  }
}

/// Distinctive formulations: four-character Han sequences (四字格, the unit most slogans and
/// policy phrases are built from: 组织联建, 产业联培) counted per region and scored against the rest.
public enum Keyness {
  /// G² for a term seen `a` times in `focusTotal` and `b` times in `referenceTotal`.
  public static func logLikelihood(a: Int, b: Int, focusTotal c: Int, referenceTotal d: Int)
    -> Double
  {
    let (a, b, c, d) = (Double(a), Double(b), Double(c), Double(d))
    guard c > 0, d > 0, a + b > 0 else { return 0 }
    let e1 = c * (a + b) / (c + d)
    let e2 = d * (a + b) / (c + d)
    var g = 0.0
    if a > 0 { g += a * log(a / e1) }
    if b > 0 { g += b * log(b / e2) }
    return 2 * g
  }

  /// Simple maths with smoothing `n` (1 favours frequent terms less than 100 would).
  public static func simpleMaths(
    a: Int, b: Int, focusTotal c: Int, referenceTotal d: Int, n: Double = 1
  ) -> Double {
    let fpmFocus = c > 0 ? Double(a) / Double(c) * 1e6 : 0
    let fpmReference = d > 0 ? Double(b) / Double(d) * 1e6 : 0
    return (fpmFocus + n) / (fpmReference + n)
  }

  /// Four-character Han sequences of `text` (BMP Han only), packed 16 bits a character.
  public static func fourGrams(in text: String, into counts: inout [UInt64: Int]) {
    var window: UInt64 = 0
    var run = 0
    for s in text.unicodeScalars {
      let v = s.value
      if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) {
        window = (window << 16) | UInt64(v)
        run += 1
        if run >= 4 { counts[window, default: 0] += 1 }
      } else {
        run = 0
        window = 0
      }
    }
  }

  public static func string(of gram: UInt64) -> String {
    var s = String.UnicodeScalarView()
    for shift in stride(from: 48, through: 0, by: -16) {
      if let u = Unicode.Scalar(UInt32((gram >> UInt64(shift)) & 0xFFFF)) { s.append(u) }
    }
    return String(s)
  }

  /// The top `limit` terms of each region: overused there (more per million than elsewhere),
  /// G² ≥ `minimumLL`, seen at least `minimumCount` times, ranked by simple maths then G².
  /// Terms holding the first two characters of the region's name (鹿寨 for 鹿寨县) are left out,
  /// and so are terms overlapping a better one by three characters (two with the same count).
  public static func keyTerms(
    counts: [String: [UInt64: Int]], limit: Int = 10, minimumLL: Double = 3.84,
    minimumCount: Int = 2
  ) -> [String: [KeyTerm]] {
    var all: [UInt64: Int] = [:]
    var totals: [String: Int] = [:]
    for (region, grams) in counts {
      var total = 0
      for (g, n) in grams {
        all[g, default: 0] += n
        total += n
      }
      totals[region] = total
    }
    let grandTotal = totals.values.reduce(0, +)
    var out: [String: [KeyTerm]] = [:]
    for (region, grams) in counts {
      let c = totals[region] ?? 0
      let d = grandTotal - c
      guard d > 0 else {
        out[region] = []
        continue
      }
      let stem = region.hasPrefix("(") ? "" : String(region.prefix(2))
      var terms: [KeyTerm] = []
      for (g, a) in grams where a >= minimumCount {
        let b = (all[g] ?? 0) - a
        guard Double(a) / Double(c) > Double(b) / Double(d) else { continue }
        let ll = logLikelihood(a: a, b: b, focusTotal: c, referenceTotal: d)
        guard ll >= minimumLL else { continue }
        let term = string(of: g)
        if !stem.isEmpty && term.contains(stem) { continue }
        terms.append(
          KeyTerm(
            term: term, focus: a, reference: b, logLikelihood: ll,
            simpleMaths: simpleMaths(a: a, b: b, focusTotal: c, referenceTotal: d)))
      }
      terms.sort {
        ($0.simpleMaths, $0.logLikelihood, $1.term) > ($1.simpleMaths, $1.logLikelihood, $0.term)
      }
      // A phrase longer than four characters shows up as overlapping four-grams (产业链党,
      // 业链党组): keep the best-ranked one of each chain.
      var kept: [KeyTerm] = []
      for t in terms where kept.count < limit {
        let s = Array(t.term)
        let overlaps = kept.contains { k in
          let o = Array(k.term)
          return s[1...] == o[..<3] || s[..<3] == o[1...]
            || (s[2...] == o[..<2] && t.focus == k.focus) || (s[..<2] == o[2...] && t.focus == k.focus)
        }
        if !overlaps { kept.append(t) }
      }
      out[region] = kept
    }
    return out
  }
}

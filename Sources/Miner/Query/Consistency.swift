import Foundation

/// A sum or ratio a document states, recomputed from its own figures.
///
/// Example: 已建立党组织34个,其中单独组建26个,联合组建8个 → sum, 26 + 8 = 34, consistent;
/// 非公企业65个 … 共覆盖55个,党组织覆盖率84.61% → ratio, 55 / 65 = 84.62 %, consistent (the text
/// truncates).
public struct ConsistencyCheck: Sendable, Equatable, Codable {
  public enum Rule: String, Sendable, Codable {
    /// A total followed by 其中 and its parts, in one unit.
    case sum
    /// A percentage (…率, 占…, …比) next to two counts in one unit whose quotient is close to it.
    case ratio
  }

  public enum Status: String, Sendable, Codable {
    case consistent
    /// Parts exceed their total, or a ratio misses its figures beyond rounding: a flag.
    case inconsistent
    /// Parts fall short of their total: 其中 may list only some parts, so not a flag.
    case partial
  }

  public var rule: Rule
  public var status: Status
  /// The arithmetic, in the document's numbers: `26 + 8 = 34 (stated 34 个)`.
  public var explanation: String
  /// The stated figure (total or percentage) and the figure recomputed from the others.
  public var stated: Double
  public var computed: Double
  /// The span of the stated figure, Unicode scalar offsets into the document text.
  public var start: Int
  public var end: Int
  public var sentence: String
}

/// The consistency rules, over the claims of one document.
///
/// Rules, each small enough to check by hand:
/// - **sum**: a 其中 (“of which”) with a claim before it in the same or the previous sentence
///   (the total: the last one in the unit of the parts) and at least one claim after it in the
///   same sentence in that unit (the parts, up to a claim with 共/合计/总计/累计 between it and
///   the figure before, which starts a new total). Parts equal to the total are consistent, above it inconsistent, below
///   it partial. Percentages, hedged figures (近, 多, 约 …) and targets are left out.
/// - **ratio**: a percentage whose subject holds 率 or 比 or that follows 占 (not a growth
///   rate: 增长, 提高, 下降 …) against every pair of exact counts a ≤ b in one unit in its sentence
///   and the sentence before. Some a / b within rounding of the stated figure (a unit of its last
///   decimal, so truncation passes too) is consistent; otherwise the nearest pair that misses by
///   at most `nearMiss` percentage points is inconsistent; pairs further off are taken to be
///   unrelated and nothing is said.
public enum Consistency {
  /// How far (percentage points) a ratio may miss and still be taken as meant for that pair.
  public static let nearMiss = 3.0

  static let totalMarkers = ["共", "合计", "总计", "累计", "总共", "一共"]
  static let growthWords = ["增长", "增加", "提高", "提升", "下降", "减少", "同比", "环比", "降低"]

  public static func checks(text: String, claims: [NumericClaim]) -> [ConsistencyCheck] {
    let scalars = Array(text.unicodeScalars)
    let claims = claims.filter { $0.start >= 0 && $0.end <= scalars.count && $0.start < $0.end }
      .sorted { $0.start < $1.start }
    guard claims.count >= 2 else { return [] }
    // Sentence number of each offset: count of terminators before it.
    var sentenceOf = [Int](repeating: 0, count: scalars.count + 1)
    var n = 0
    for (i, s) in scalars.enumerated() {
      sentenceOf[i] = n
      if s == "。" || s == "！" || s == "？" || s == "!" || s == "?" || s == "\n" { n += 1 }
    }
    sentenceOf[scalars.count] = n
    func before(_ offset: Int, _ markers: [String], within: Int) -> Bool {
      let lower = max(0, offset - within)
      let window = String(String.UnicodeScalarView(scalars[lower..<offset]))
      return markers.contains { window.contains($0) }
    }
    var out: [ConsistencyCheck] = []
    out += sums(scalars, claims, sentenceOf, before)
    out += ratios(scalars, claims, sentenceOf, before)
    return out.sorted { ($0.start, $0.rule.rawValue) < ($1.start, $1.rule.rawValue) }
  }

  private static func countable(_ c: NumericClaim) -> Bool {
    c.unit != "%" && c.approx == .exact && c.qualifier == nil && c.valueMax == nil
  }

  private static func sums(
    _ scalars: [Unicode.Scalar], _ claims: [NumericClaim], _ sentenceOf: [Int],
    _ before: (Int, [String], Int) -> Bool
  ) -> [ConsistencyCheck] {
    var out: [ConsistencyCheck] = []
    var i = 0
    while i + 1 < scalars.count {
      defer { i += 1 }
      guard scalars[i] == "其", scalars[i + 1] == "中" else { continue }
      let sentence = sentenceOf[i]
      let after = claims.filter { $0.start > i && sentenceOf[$0.start] == sentence }
      guard let first = after.first(where: countable) else { continue }
      var parts: [NumericClaim] = []
      var clauseStart = i
      for c in after {
        // 共/合计 … between the previous figure and this one starts a new total.
        if !parts.isEmpty && before(c.start, totalMarkers, c.start - clauseStart) { break }
        clauseStart = c.end
        if countable(c) && c.unit == first.unit { parts.append(c) }
      }
      guard
        let total = claims.last(where: {
          $0.end <= i && sentenceOf[$0.start] >= sentence - 1 && $0.unit == first.unit
        }), countable(total)
      else { continue }
      let sum = parts.reduce(0) { $0 + $1.value }
      if parts.count == 1 && sum <= total.value { continue }
      let status: ConsistencyCheck.Status =
        abs(sum - total.value) <= 1e-9 * max(1, total.value) ? .consistent
        : sum > total.value ? .inconsistent : .partial
      let relation = status == .consistent ? "=" : sum > total.value ? ">" : "<"
      out.append(
        ConsistencyCheck(
          rule: .sum, status: status,
          explanation: parts.map { number($0.value) }.joined(separator: " + ")
            + (parts.count > 1 ? " = \(number(sum))" : "") + " \(relation) stated \(number(total.value)) \(total.unit) (\(total.subject))",
          stated: total.value, computed: sum, start: total.start, end: total.end,
          sentence: total.sentence))
    }
    return out
  }

  private static func ratios(
    _ scalars: [Unicode.Scalar], _ claims: [NumericClaim], _ sentenceOf: [Int],
    _ before: (Int, [String], Int) -> Bool
  ) -> [ConsistencyCheck] {
    var out: [ConsistencyCheck] = []
    for p in claims where p.unit == "%" && p.qualifier == nil && p.valueMax == nil {
      let isShare =
        p.subject.contains("率") || p.subject.contains("比") || before(p.start, ["占"], 4)
      guard isShare, !growthWords.contains(where: { p.subject.contains($0) }),
        !before(p.start, growthWords, 4)
      else { continue }
      let sentence = sentenceOf[p.start]
      let counts = claims.filter {
        countable($0) && sentenceOf[$0.start] >= sentence - 1 && sentenceOf[$0.start] <= sentence
      }
      let tolerance = pow(10, -Double(decimals(p.text)))
      var best: (a: NumericClaim, b: NumericClaim, ratio: Double, miss: Double)?
      for a in counts {
        for b in counts where b.start != a.start && b.unit == a.unit && b.value > 0 && a.value <= b.value {
          let ratio = a.value / b.value * 100
          let miss = abs(ratio - p.value)
          // Prefer the closest; among equals, the numerator nearest the percentage.
          if best == nil || miss < best!.miss - 1e-12
            || (abs(miss - best!.miss) <= 1e-12 && abs(a.start - p.start) < abs(best!.a.start - p.start))
          {
            best = (a, b, ratio, miss)
          }
        }
      }
      guard let best, best.miss < tolerance + 1e-9 || best.miss <= nearMiss else { continue }
      let consistent = best.miss < tolerance + 1e-9
      out.append(
        ConsistencyCheck(
          rule: .ratio, status: consistent ? .consistent : .inconsistent,
          explanation: "\(number(best.a.value)) / \(number(best.b.value)) \(best.a.unit) = "
            + String(format: "%.2f", best.ratio) + "% \(consistent ? "≈" : "≠") stated \(p.text) (\(p.subject))",
          stated: p.value, computed: best.ratio, start: p.start, end: p.end, sentence: p.sentence))
    }
    return out
  }

  /// Digits after the decimal point in a claim's surface text: 84.61% → 2, 100% → 0.
  static func decimals(_ text: String) -> Int {
    guard let dot = text.firstIndex(where: { $0 == "." || $0 == "．" }) else { return 0 }
    return text[text.index(after: dot)...].prefix { $0.isNumber }.count
  }

  /// 34 → "34", 84.615 → "84.615".
  static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
  }
}

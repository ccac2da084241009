import Foundation

/// One document of gold findings (cases-dev/gold.jsonl).
public struct GoldDocument: Sendable, Decodable {
  public struct GoldRegion: Sendable, Decodable {
    public var province: String?
    public var city: String?
    public var county: String?
  }
  public struct GoldClaim: Sendable, Decodable {
    public var value: Double?
    public var unit: String?
    public var approx: String?
  }
  public var id: String
  public var region: GoldRegion?
  public var claims: [GoldClaim]
  public var firms: [String]
  public var slogans: [String]

  enum CodingKeys: String, CodingKey {
    case id, region
    case numericClaims = "numeric_claims"
    case firms, slogans
  }
  struct SloganText: Decodable {
    var text: String
    init(from decoder: any Decoder) throws {
      if let s = try? decoder.singleValueContainer().decode(String.self) {
        text = s
      } else {
        struct Object: Decodable { var text: String }
        text = try Object(from: decoder).text
      }
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    region = try c.decodeIfPresent(GoldRegion.self, forKey: .region)
    claims = try c.decodeIfPresent([GoldClaim].self, forKey: .numericClaims) ?? []
    firms = try c.decodeIfPresent([String].self, forKey: .firms) ?? []
    slogans = try c.decodeIfPresent([SloganText].self, forKey: .slogans)?.map(\.text) ?? []
  }

  /// Reads gold.jsonl: one JSON object per line.
  public static func load(from url: URL) throws(ExtractError) -> [GoldDocument] {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw ExtractError("cannot read gold \(url.path): \(error.localizedDescription)")
    }
    var out: [GoldDocument] = []
    for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() {
      guard !line.allSatisfy(\.isWhitespace) else { continue }
      do { out.append(try JSONDecoder().decode(GoldDocument.self, from: Data(line.utf8))) } catch {
        throw ExtractError("cannot read gold \(url.path): line \(n + 1): \(error)")
      }
    }
    return out
  }

  /// The id a source path stands for: its file stem, `seed` for seed-*.txt (as score_extract.py).
  public static func id(forSource source: String) -> String {
    let stem = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
    return stem.hasPrefix("seed") ? "seed" : stem
  }
}

/// Precision, recall and F1 of findings against gold, with the rules of cases-dev/README.md
/// (the same numbers as tools/score_extract.py).
public struct ExtractionScore: Sendable, Encodable {
  public struct Counts: Sendable, Encodable {
    public var truePositives = 0
    public var predicted = 0
    public var gold = 0
    public var precision: Double {
      predicted > 0 ? Double(truePositives) / Double(predicted) : (gold == 0 ? 1 : 0)
    }
    public var recall: Double { gold > 0 ? Double(truePositives) / Double(gold) : 1 }
    public var f1: Double {
      precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    enum CodingKeys: String, CodingKey { case tp, pred, gold, precision, recall, f1 }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(truePositives, forKey: .tp)
      try c.encode(predicted, forKey: .pred)
      try c.encode(gold, forKey: .gold)
      try c.encode((precision * 1000).rounded() / 1000, forKey: .precision)
      try c.encode((recall * 1000).rounded() / 1000, forKey: .recall)
      try c.encode((f1 * 1000).rounded() / 1000, forKey: .f1)
    }
  }

  public var claims = Counts()
  /// Claims matched on (value, unit) only, ignoring approx.
  public var claimsLoose = Counts()
  public var firms = Counts()
  public var slogans = Counts()
  public var regionCorrect = 0
  public var regionTotal = 0
  /// Human-readable mismatches: `id kind detail`.
  public var misses: [String] = []

  public var regionAccuracy: Double? {
    regionTotal > 0 ? Double(regionCorrect) / Double(regionTotal) : nil
  }

  enum CodingKeys: String, CodingKey {
    case claims
    case claimsLoose = "claims_loose"
    case firms, slogans, region
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(claims, forKey: .claims)
    try c.encode(claimsLoose, forKey: .claimsLoose)
    try c.encode(firms, forKey: .firms)
    try c.encode(slogans, forKey: .slogans)
    struct R: Encodable {
      var accuracy: Double?
      var correct: Int
      var total: Int
    }
    try c.encode(
      R(
        accuracy: regionAccuracy.map { ($0 * 1000).rounded() / 1000 }, correct: regionCorrect,
        total: regionTotal),
      forKey: .region)
  }

  private struct ClaimKey: Hashable, Comparable {
    var value: Double?
    var unit: String
    var approx: String?
    static func < (a: ClaimKey, b: ClaimKey) -> Bool {
      "\(a.value ?? -1) \(a.unit) \(a.approx ?? "")"
        < "\(b.value ?? -1) \(b.unit) \(b.approx ?? "")"
    }
  }

  private static func unitKey(_ u: String) -> String {
    let n = u.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
    return ["万元": "元", "亿元": "元", "％": "%"][n] ?? n
  }

  private static func claimKey(_ value: Double?, _ unit: String?, _ approx: String?, loose: Bool)
    -> ClaimKey
  {
    ClaimKey(
      value: value.map { ($0 * 1e6).rounded() / 1e6 }, unit: unitKey(unit ?? ""),
      approx: loose ? nil : (approx ?? "exact"))
  }

  /// Scores `predicted` (keyed by document id) against every gold document.
  public static func score(gold: [GoldDocument], predicted: [String: Findings]) -> ExtractionScore {
    var s = ExtractionScore()
    for g in gold {
      let p = predicted[g.id] ?? Findings()
      for loose in [false, true] {
        var gc: [ClaimKey: Int] = [:]
        var pc: [ClaimKey: Int] = [:]
        for c in g.claims { gc[claimKey(c.value, c.unit, c.approx, loose: loose), default: 0] += 1 }
        for c in p.claims {
          pc[claimKey(c.value, c.unit, c.approx.rawValue, loose: loose), default: 0] += 1
        }
        var tp = 0
        for (k, n) in gc { tp += min(n, pc[k] ?? 0) }
        let np = pc.values.reduce(0, +)
        let ng = gc.values.reduce(0, +)
        if loose {
          s.claimsLoose.truePositives += tp
          s.claimsLoose.predicted += np
          s.claimsLoose.gold += ng
        } else {
          s.claims.truePositives += tp
          s.claims.predicted += np
          s.claims.gold += ng
          for (k, n) in gc.sorted(by: { $0.key < $1.key }) where n > (pc[k] ?? 0) {
            s.misses.append(
              "\(g.id) claim-missed \(k.value ?? 0) \(k.unit) \(k.approx ?? "") ×\(n - (pc[k] ?? 0))"
            )
          }
          for (k, n) in pc.sorted(by: { $0.key < $1.key }) where n > (gc[k] ?? 0) {
            s.misses.append(
              "\(g.id) claim-spurious \(k.value ?? 0) \(k.unit) \(k.approx ?? "") ×\(n - (gc[k] ?? 0))"
            )
          }
        }
      }
      let gf = Set(g.firms)
      let pf = Set(p.firms.filter { $0.kind == .firm }.map(\.text))
      s.firms.truePositives += gf.intersection(pf).count
      s.firms.predicted += pf.count
      s.firms.gold += gf.count
      s.misses += gf.subtracting(pf).sorted().map { "\(g.id) firm-missed \($0)" }
      s.misses += pf.subtracting(gf).sorted().map { "\(g.id) firm-spurious \($0)" }
      let gs = Set(g.slogans.map(SloganFinder.normalised))
      let ps = Set(p.slogans.map { SloganFinder.normalised($0.text) })
      s.slogans.truePositives += gs.intersection(ps).count
      s.slogans.predicted += ps.count
      s.slogans.gold += gs.count
      s.misses += gs.subtracting(ps).sorted().map { "\(g.id) slogan-missed \($0)" }
      s.misses += ps.subtracting(gs).sorted().map { "\(g.id) slogan-spurious \($0)" }
      if let gr = g.region {
        let useCounty = gr.county?.isEmpty == false
        if let want = useCounty ? gr.county : gr.city, !want.isEmpty {
          s.regionTotal += 1
          let got = useCounty ? p.region?.county : p.region?.city
          if got == want {
            s.regionCorrect += 1
          } else {
            s.misses.append("\(g.id) region \(want) vs \(got ?? "nil")")
          }
        }
      }
    }
    return s
  }
}

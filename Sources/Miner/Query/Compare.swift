import Foundation

/// Regions side by side: slogan families, numeric claims by subject, firms, distinctive
/// formulations and consistency flags.
///
/// Example: by county, the row 党组织覆盖率 (%) holds 鹿寨县 84.61% and 晋江市 91.2%.
public struct Comparison: Sendable, Codable {
  public struct RegionColumn: Sendable, Codable, Equatable {
    public var label: String
    public var documents: Int
    public var claims: Int
    public var firms: Int
    public var slogans: Int
  }

  /// Documents using a slogan family, per region (aligned with `regions`).
  public struct SloganRow: Sendable, Codable, Equatable {
    public var family: String
    public var variants: [String]
    public var documents: [Int]
  }

  /// One stated figure.
  public struct ClaimCell: Sendable, Codable, Equatable {
    public var text: String
    public var value: Double
    public var source: String
  }

  /// Figures of one subject and unit, per region (aligned with `regions`).
  public struct ClaimRow: Sendable, Codable, Equatable {
    public var subject: String
    public var unit: String
    /// The subjects as extracted that were grouped under `subject`.
    public var subjects: [String]
    public var values: [[ClaimCell]]
  }

  /// Documents naming a firm (by canonical key), per region.
  public struct FirmRow: Sendable, Codable, Equatable {
    public var canonical: String
    public var names: [String]
    public var documents: [Int]
  }

  public struct RegionTerms: Sendable, Codable, Equatable {
    public var region: String
    public var terms: [KeyTerm]
  }

  public struct Flag: Sendable, Codable, Equatable {
    public var region: String
    public var source: String
    public var title: String?
    public var check: ConsistencyCheck
  }

  public var grouping: String
  public var regions: [RegionColumn]
  public var slogans: [SloganRow]
  public var claims: [ClaimRow]
  public var firms: [FirmRow]
  public var keyness: [RegionTerms]
  /// Every check made (consistent ones too); `status` says which are flags.
  public var consistency: [Flag]

  /// Compares `documents` grouped `by`. Rows of slogans and claims shared by fewer than
  /// `minRegions` regions are left out (all are kept when there is only one region).
  /// Keyness and consistency need the documents' text (`storedDocuments(withText: true)`).
  public init(documents: [StoredDocument], by grouping: Grouping, minRegions: Int = 2, keyTerms: Int = 10) {
    self.grouping = grouping.rawValue
    var labels = Set<String>()
    let labelsOf = documents.map { d in
      let l = grouping.labels(of: d)
      labels.formUnion(l)
      return l
    }
    let ordered = labels.sorted { a, b in
      // Unknown last; otherwise code-point order, which groups by the first character.
      (a == Grouping.unknown ? 1 : 0, a) < (b == Grouping.unknown ? 1 : 0, b)
    }
    let column = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
    let r = ordered.count
    var regions = ordered.map { RegionColumn(label: $0, documents: 0, claims: 0, firms: 0, slogans: 0) }
    var sloganDocs: [String: [Int]] = [:]
    var sloganVariants: [String: [String: Int]] = [:]
    var claimCells: [String: [[ClaimCell]]] = [:]  // key "subject\tunit"
    var claimSubjects: [String: Set<String>] = [:]
    var firmDocs: [String: [Int]] = [:]
    var firmNames: [String: [String: Int]] = [:]
    var grams: [String: [UInt64: Int]] = [:]
    var flags: [Flag] = []
    var subjectKeys: [String: String] = [:]  // subjects repeat: normalise each once
    for (d, docLabels) in zip(documents, labelsOf) {
      let checks = d.text.isEmpty ? [] : Consistency.checks(text: d.text, claims: d.claims)
      var docGrams: [UInt64: Int] = [:]
      if !d.text.isEmpty { Keyness.fourGrams(in: d.text, into: &docGrams) }
      for label in docLabels {
        let k = column[label]!
        regions[k].documents += 1
        regions[k].claims += d.claims.count
        regions[k].firms += d.firms.count
        regions[k].slogans += d.slogans.count
        for family in Set(d.slogans.map(\.family)) {
          sloganDocs[family, default: Array(repeating: 0, count: r)][k] += 1
        }
        for s in d.slogans { sloganVariants[s.family, default: [:]][s.text, default: 0] += 1 }
        for c in d.claims where c.qualifier == nil {
          let head = subjectKeys[c.subject] ?? {
            let k = Self.subjectKey(c.subject)
            subjectKeys[c.subject] = k
            return k
          }()
          let key = head + "\t" + c.unit
          claimCells[key, default: Array(repeating: [], count: r)][k].append(
            ClaimCell(text: c.text, value: c.value, source: d.uri))
          claimSubjects[key, default: []].insert(c.subject)
        }
        for canonical in Set(d.firms.map(\.canonical)) {
          firmDocs[canonical, default: Array(repeating: 0, count: r)][k] += 1
        }
        for f in d.firms { firmNames[f.canonical, default: [:]][f.text, default: 0] += 1 }
        if !docGrams.isEmpty { grams[label, default: [:]].merge(docGrams, uniquingKeysWith: +) }
        for check in checks {
          flags.append(Flag(region: label, source: d.uri, title: d.title, check: check))
        }
      }
    }
    let needed = r > 1 ? max(1, minRegions) : 1
    func spread(_ xs: [Int]) -> Int { xs.count { $0 > 0 } }
    func byFrequency(_ m: [String: Int]) -> [String] {
      m.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }
    self.regions = regions
    slogans = sloganDocs.filter { spread($0.value) >= needed }.map {
      SloganRow(family: $0.key, variants: byFrequency(sloganVariants[$0.key] ?? [:]), documents: $0.value)
    }.sorted { (spread($0.documents), $1.family) > (spread($1.documents), $0.family) }
    claims = claimCells.filter { $0.value.count { !$0.isEmpty } >= needed }.map { key, cells in
      let parts = key.split(separator: "\t", omittingEmptySubsequences: false)
      return ClaimRow(
        subject: String(parts[0]), unit: String(parts[1]),
        subjects: (claimSubjects[key] ?? []).sorted(), values: cells)
    }.sorted {
      ($0.values.count { !$0.isEmpty }, $1.subject, $1.unit)
        > ($1.values.count { !$0.isEmpty }, $0.subject, $0.unit)
    }
    firms = firmDocs.map {
      FirmRow(canonical: $0.key, names: byFrequency(firmNames[$0.key] ?? [:]), documents: $0.value)
    }.sorted {
      (spread($0.documents), $0.documents.reduce(0, +), $1.canonical)
        > (spread($1.documents), $1.documents.reduce(0, +), $0.canonical)
    }
    let terms = Keyness.keyTerms(counts: grams, limit: keyTerms)
    keyness = ordered.map { RegionTerms(region: $0, terms: terms[$0] ?? []) }
    consistency = flags
  }

  /// Flags only: checks whose status is inconsistent.
  public var inconsistencies: [Flag] { consistency.filter { $0.check.status == .inconsistent } }

  static let subjectPrefixes = [
    "全县", "全市", "全区", "全旗", "全州", "全省", "全镇", "全乡", "全村", "目前", "现有", "共有",
    "累计", "其中", "已经", "已", "共", "新",
  ]

  /// Subject heads that group variants: 非公企业党组织覆盖率 and 党组织覆盖率达 are both 党组织覆盖率.
  static let subjectHeads = [
    "党组织覆盖率", "党的工作覆盖率", "党的组织覆盖率", "组建率", "覆盖率", "入党积极分子", "发展党员",
    "党员", "党组织", "党支部", "合作社", "村集体经济收入", "集体经济收入", "资金",
  ]

  /// A light normalisation of a claim subject: compatibility forms, common scope prefixes
  /// (全县, 目前, 累计 …) dropped, and known heads (党组织覆盖率, 发展党员 …) taken as the key.
  public static func subjectKey(_ subject: String) -> String {
    var s = subject.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }
    var changed = true
    while changed {
      changed = false
      for p in subjectPrefixes where s.hasPrefix(p) && s.count > p.count {
        s.removeFirst(p.count)
        changed = true
      }
    }
    for head in subjectHeads where s.hasSuffix(head) || s.hasSuffix(head + "达") || s.hasSuffix(head + "达到") {
      return head
    }
    while s.hasSuffix("达") || s.hasSuffix("到") { s.removeLast() }
    return s.isEmpty ? subject : s
  }
}

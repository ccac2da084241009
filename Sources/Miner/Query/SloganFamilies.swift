/// A slogan family as it recurs across documents: which variants, where, and when.
///
/// Example: family 一X一Y、一X一Y with variants 一企一特色、一地一品牌 and 一村一品、一企一策,
/// in 鹿寨县 and 开州区, first 2019-06-12.
public struct SloganFamily: Sendable, Equatable, Codable {
  public var family: String
  /// The distinct texts, most frequent first (ties in code point order).
  public var variants: [String]
  /// The regions of the documents using the family (county level, see `Grouping.county`), sorted.
  public var counties: [String]
  public var corpora: [String]
  /// How many documents use the family.
  public var documents: Int
  /// Occurrences in all documents.
  public var mentions: Int
  /// Earliest and latest publication date (YYYY-MM-DD) among documents that have one.
  public var first: String?
  public var last: String?

  /// Families used by at least `minCounties` counties, most counties first, then most
  /// documents, then by family key.
  ///
  /// Documents without a recognised region count as documents but add no county.
  public static func families(in documents: [StoredDocument], minCounties: Int = 2)
    -> [SloganFamily]
  {
    struct Tally {
      var variants: [String: Int] = [:]
      var counties = Set<String>()
      var corpora = Set<String>()
      var documents = 0
      var mentions = 0
      var first: String?
      var last: String?
    }
    var tallies: [String: Tally] = [:]
    for d in documents {
      var seen = Set<String>()
      let county = Grouping.county.labels(of: d)[0]
      for s in d.slogans {
        var t = tallies[s.family, default: Tally()]
        t.variants[s.text, default: 0] += 1
        t.mentions += 1
        if seen.insert(s.family).inserted {
          t.documents += 1
          if county != Grouping.unknown { t.counties.insert(county) }
          t.corpora.formUnion(d.corpora)
          if let date = d.date {
            if t.first.map({ date < $0 }) ?? true { t.first = date }
            if t.last.map({ date > $0 }) ?? true { t.last = date }
          }
        }
        tallies[s.family] = t
      }
    }
    return tallies.compactMap { family, t -> SloganFamily? in
      guard t.counties.count >= minCounties else { return nil }
      return SloganFamily(
        family: family,
        variants: t.variants.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
          .map(\.key),
        counties: t.counties.sorted(), corpora: t.corpora.sorted(), documents: t.documents,
        mentions: t.mentions, first: t.first, last: t.last)
    }.sorted {
      ($0.counties.count, $0.documents, $1.family) > ($1.counties.count, $1.documents, $0.family)
    }
  }
}

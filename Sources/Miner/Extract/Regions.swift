import Foundation
import Segmenter

/// China's administrative divisions (admin-divisions.tsv shipped with Segmenter), indexed for
/// longest-match lookup of full names (鹿寨县) and short names (鹿寨).
struct Gazetteer: Sendable {
  enum Level: String, Sendable { case province, prefecture, county }

  struct Division: Sendable {
    var code: String
    var name: String
    var short: String
    var level: Level
    var parent: Int?
  }

  /// A name in the text: which divisions it may denote, and whether it was the short form.
  struct NameRef: Sendable {
    var divisions: [Int]
    var short: Bool
  }

  let divisions: [Division]
  let names: Lexicon<NameRef>

  static func bundled(generic: Set<String>) throws(ExtractError) -> Gazetteer {
    let url = SegmenterResources.adminDivisionsURL
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw ExtractError("cannot load gazetteer \(url.path): \(error.localizedDescription)")
    }
    return try Gazetteer(tsv: text, generic: generic)
  }

  /// `generic` names (城区, 经开区) are left out of the lookup; so are short names shared by
  /// three or more divisions.
  init(tsv: String, generic: Set<String> = []) throws(ExtractError) {
    typealias Row = (code: String, name: String, short: String, level: Level, parent: String)
    var rows: [Row] = []
    rows.reserveCapacity(4096)
    var bad: (line: Int, text: String)?
    // Lines and columns found on the bytes (LF, tab) in one pass; the generic `split` of the
    // UTF-8 view cost a fifth of loading an extractor.
    var tsv = tsv
    tsv.withUTF8 { b in
      var start = 0
      var number = 0  // the line's number in the file
      var header = true  // the first line that is not blank
      while start < b.count, bad == nil {
        let found = memchr(b.baseAddress! + start, 0x0A, b.count - start)
        let lineEnd = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - b.baseAddress! } ?? b.count
        defer { start = lineEnd + 1 }
        number += 1
        let end = lineEnd > start && b[lineEnd - 1] == 0x0D ? lineEnd - 1 : lineEnd
        guard end > start else { continue }  // blank (CRLF files too)
        if header {
          header = false
          continue
        }
        var cols: [String] = []
        cols.reserveCapacity(5)
        var c = start
        while true {
          var e = c
          while e < end, b[e] != 0x09 { e += 1 }
          cols.append(String(decoding: UnsafeBufferPointer(rebasing: b[c..<e]), as: UTF8.self))
          if e >= end { break }
          c = e + 1
        }
        guard cols.count >= 4, let level = Level(rawValue: cols[3]) else {
          bad = (number, String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self))
          continue
        }
        rows.append((cols[0], cols[1], cols[2], level, cols.count > 4 ? cols[4] : ""))
      }
    }
    if let bad { throw ExtractError("cannot load gazetteer: bad line \(bad.line): \(bad.text)") }
    var index: [String: Int] = [:]
    index.reserveCapacity(rows.count)
    for (i, r) in rows.enumerated() { index[r.code] = i }
    divisions = rows.map {
      Division(
        code: $0.code, name: $0.name, short: $0.short, level: $0.level, parent: index[$0.parent])
    }
    var byName: [String: NameRef] = [:]
    byName.reserveCapacity(2 * rows.count)
    var shortUses: [String: Int] = [:]
    shortUses.reserveCapacity(rows.count)
    for d in divisions { shortUses[d.short, default: 0] += 1 }
    for (i, d) in divisions.enumerated() where !generic.contains(d.name) {
      if d.name.unicodeScalars.count >= 2 {
        byName[d.name, default: NameRef(divisions: [], short: false)].divisions.append(i)
      }
    }
    for (i, d) in divisions.enumerated() {
      guard d.short != d.name, d.short.unicodeScalars.count >= 2, !generic.contains(d.short),
        shortUses[d.short, default: 0] < 3, byName[d.short]?.short != false
      else { continue }
      byName[d.short, default: NameRef(divisions: [], short: true)].divisions.append(i)
    }
    names = Lexicon(byName.map { ($0.key, $0.value) })
  }

  func province(of i: Int) -> Int {
    var k = i
    while let p = divisions[k].parent { k = p }
    return k
  }

  func isPlaceName(_ s: String) -> Bool {
    let v = Scalars.u(s)
    return isPlaceName(v, 0..<v.count)
  }

  /// Whether `v[r]` is exactly one place name.
  func isPlaceName(_ v: [UInt32], _ r: Range<Int>) -> Bool {
    names.match(in: v, at: r.lowerBound, end: r.upperBound)?.length == r.count
  }

  /// Length in scalars of the longest chain of place names at the start of `v[r]` (广西柳州),
  /// 0 when there is none.
  func placePrefixLength(in v: [UInt32], _ r: Range<Int>) -> Int {
    var k = r.lowerBound
    while let m = names.match(in: v, at: k, end: r.upperBound) {
      // 东湖乡 is a township, not the 东湖 district.
      let next = k + m.length < r.upperBound ? v[k + m.length] : 0
      if m.payload.short, [0x4E61, 0x9547, 0x6751, 0x8857].contains(next) { break }
      k += m.length
    }
    return k - r.lowerBound
  }

  static let municipalities: Set<String> = ["110000", "120000", "310000", "500000"]

  /// The region record for a division: county-level ones name their prefecture and province.
  func region(for i: Int) -> Region {
    let d = divisions[i]
    let prov = divisions[province(of: i)]
    switch d.level {
    case .province:
      let city = Self.municipalities.contains(d.code) ? d.name : nil
      return Region(province: d.name, city: city, county: nil, code: d.code)
    case .prefecture:
      return Region(province: prov.name, city: d.name, county: nil, code: d.code)
    case .county:
      var city: String? = nil
      if let p = d.parent {
        let parent = divisions[p]
        city =
          parent.level == .prefecture
          ? parent.name : (Self.municipalities.contains(parent.code) ? parent.name : nil)
      }
      return Region(province: prov.name, city: city, county: d.name, code: d.code)
    }
  }
}

/// Decides which place submitted a document: names in the title prefix (广西鹿寨县:), the byline
/// (中共鹿寨县委组织部) and the dateline (广西日报龙胜讯) weigh most, early sentences next, the rest
/// least; short names and ambiguous names resolve through the places around them.
struct RegionResolver: Sendable {
  let gazetteer: Gazetteer

  static let creditWords = ["组织部", "宣传部", "供稿", "作者单位"].map(Scalars.u)
  static let cityVoice = ["全市", "我市", "市委"].map(Scalars.u)
  static let countyVoice = ["全县", "我县", "县委", "全区", "我区", "区委", "全旗", "我旗", "旗委"].map(Scalars.u)

  /// How often the words (all of two scalars) occur in `t`.
  private func count(_ words: [[UInt32]], in t: ScalarText) -> Int {
    let firsts = Array(Set(words.map { $0[0] }))
    var n = 0
    let v = t.v
    var i = 0
    while i + 1 < v.count {
      let c = v[i]
      if c >= 0x4E00 && firsts.contains(c) {
        for w in words where w[0] == c && w[1] == v[i + 1] { n += 1 }
      }
      i += 1
    }
    return n
  }

  struct Mention {
    var ref: Gazetteer.NameRef
    var weight: Double
  }

  func mentions(in s: String, weight: Double, into out: inout [Mention]) {
    mentions(in: ScalarText(s), 0..<s.unicodeScalars.count, weight: weight, into: &out)
  }

  func mentions(in t: ScalarText, _ r: Range<Int>, weight: Double, into out: inout [Mention]) {
    var i = r.lowerBound
    while i < r.upperBound {
      if let m = gazetteer.names.match(in: t, at: i) {
        out.append(Mention(ref: m.payload, weight: weight))
        i += m.length
      } else {
        i += 1
      }
    }
  }

  func region(text body: ScalarText, title: String?, byline: String?) -> Region? {
    var ms: [Mention] = []
    if let title {
      let parts = title.split(maxSplits: 1, whereSeparator: { ":：|｜丨".contains($0) })
      if parts.count == 2, parts[0].count <= 24 {
        mentions(in: String(parts[0]), weight: 10, into: &ms)
        mentions(in: String(parts[1]), weight: 1, into: &ms)
      } else {
        mentions(in: title, weight: 3, into: &ms)
      }
    }
    if let byline { mentions(in: byline, weight: 8, into: &ms) }
    // Dateline: 福州新闻网7月1日讯, 广西日报龙胜讯 near the start of a line.
    var lineStart = 0
    var lines = 0
    while lineStart < body.count, lines < 12 {
      var end = lineStart
      while end < body.count, body.v[end] != 0x0A { end += 1 }
      // 讯, or 日电 as in 新华社长沙10月1日电.
      if let x = (lineStart..<min(end, lineStart + 40)).first(where: {
        body.v[$0] == 0x8BAF || (body.v[$0] == 0x7535 && body[$0 - 1] == 0x65E5)
      }) {
        mentions(in: body, lineStart..<x, weight: 5, into: &ms)
        break
      }
      lineStart = end + 1
      lines += 1
    }
    // A credit near the end, (作者单位:鹿寨县委组织部) or (鹿寨县委组织部供稿), names the submitter.
    let tailStart = max(0, body.count - 300)
    var k = tailStart
    while k < body.count {
      if body.v[k] == 0x28 || body.v[k] == 0xFF08 {
        var e = k + 1
        while e < body.count, e - k < 40, body.v[e] != 0x29, body.v[e] != 0xFF09 { e += 1 }
        if e < body.count, Self.creditWords.contains(where: { body.contains($0, in: k..<e) }) {
          mentions(in: body, (k + 1)..<e, weight: 5, into: &ms)
        }
        k = e
      }
      k += 1
    }
    let split = min(400, body.count)
    mentions(in: body, 0..<split, weight: 2, into: &ms)
    mentions(in: body, split..<body.count, weight: 0.5, into: &ms)
    guard !ms.isEmpty else { return nil }

    // Which divisions are named in full anywhere: context for short and ambiguous names.
    var fullNamed = Set<Int>()
    var anyNamed = Set<Int>()
    for m in ms {
      anyNamed.formUnion(m.ref.divisions)
      if !m.ref.short { fullNamed.formUnion(m.ref.divisions) }
    }
    func ancestors(_ i: Int) -> [Int] {
      var out: [Int] = []
      var k = gazetteer.divisions[i].parent
      while let p = k {
        out.append(p)
        k = gazetteer.divisions[p].parent
      }
      return out
    }
    func context(_ i: Int) -> Double {
      var c = 0.0
      if fullNamed.contains(i) { c += 2 }
      for a in ancestors(i) where anyNamed.contains(a) { c += 1 }
      return c
    }
    var score: [Int: Double] = [:]
    // Where each division is first mentioned (title and byline come first): equal scores go
    // to the earlier one, so the answer never depends on dictionary order.
    var first: [Int: Int] = [:]
    for (order, m) in ms.enumerated() {
      var candidates = m.ref.divisions
      // 长沙 names 长沙市 rather than 长沙县 inside it: a bare name means the larger unit.
      if candidates.count > 1 {
        let set = Set(candidates)
        candidates = candidates.filter { c in !ancestors(c).contains(where: set.contains) }
      }
      if candidates.count > 1 {
        let best = candidates.map(context).max() ?? 0
        candidates = candidates.filter { context($0) == best }
      }
      for c in candidates {
        // A short county name in running text counts only with its prefecture or province around.
        if m.ref.short && m.weight < 5 && gazetteer.divisions[c].level == .county
          && !ancestors(c).contains(where: anyNamed.contains) && !fullNamed.contains(c)
        {
          continue
        }
        score[c, default: 0] += m.weight / Double(candidates.count)
        if first[c] == nil { first[c] = order }
      }
    }
    func earlier(_ k: Int) -> Int { -(first[k] ?? Int.max - 1) }
    let counties = score.filter { gazetteer.divisions[$0.key].level == .county }
    if let best = counties.max(by: {
      ($0.value, context($0.key), earlier($0.key)) < ($1.value, context($1.key), earlier($1.key))
    }),
      best.value >= 2
    {
      // A county named only in running text, in a piece that speaks as a city (全市, 我市,
      // 市委组织部) is a place mentioned, unless it is a county-level city itself.
      let name = gazetteer.divisions[best.key].name
      let speaksAsCity = {
        count(Self.cityVoice, in: body) > count(Self.countyVoice, in: body)
      }
      if best.value >= 5 || name.hasSuffix("市") || !speaksAsCity() {
        return gazetteer.region(for: best.key)
      }
    }
    // City-level: a prefecture, or a municipality named as such.
    var cities: [Int: Double] = [:]
    for (k, v) in score.sorted(by: { $0.key < $1.key }) {  // sums in a fixed order
      let d = gazetteer.divisions[k]
      if d.level == .prefecture
        || (d.level == .province && Gazetteer.municipalities.contains(d.code))
      {
        cities[k, default: 0] += v
      }
      if d.level == .county, let p = d.parent {
        cities[p, default: 0] += v
        first[p] = min(first[p] ?? Int.max, first[k] ?? Int.max)
      }
    }
    if let best = cities.max(by: { ($0.value, earlier($0.key)) < ($1.value, earlier($1.key)) }),
      best.value > 0
    {
      return gazetteer.region(for: best.key)
    }
    if let best = score.max(by: { ($0.value, earlier($0.key)) < ($1.value, earlier($1.key)) }) {
      return gazetteer.region(for: best.key)
    }
    return nil
  }
}

import Foundation

/// Finds firm and cooperative names as spans: a suffix from firm-suffixes.txt, a left boundary
/// at punctuation or a trim word (孵化, 打造了, 在 …), parentheses kept whole.
struct FirmFinder: Sendable {
  let vocabulary: Vocabulary
  let gazetteer: Gazetteer

  private static let maxLength = 32
  private static let jianshe = Scalars.u("建设")
  private static let woShi = Scalars.u("我市")
  private static let woXian = Scalars.u("我县")
  private static let zhongxin = Scalars.u("中心")
  private static let fuwu = Scalars.u("服务")
  private static let hezuoshe = Scalars.u("合作社")
  private static let gongsi = Scalars.u("公司")
  private static func isOpen(_ c: UInt32) -> Bool { c == 0x28 || c == 0xFF08 }  // ( （
  private static func isClose(_ c: UInt32) -> Bool { c == 0x29 || c == 0xFF09 }  // ) ）

  func firms(in t: ScalarText, excluded: [Bool]) -> [Firm] {
    var spans: [(range: Range<Int>, kind: FirmKind)] = []
    var i = 0
    while i < t.count {
      guard let m = vocabulary.firmSuffixes.match(in: t, at: i) else {
        i += 1
        continue
      }
      let suffixEnd = i + m.length
      if let start = leftBoundary(in: t, suffixStart: i),
        accept(t, start..<suffixEnd, suffixStart: i)
      {
        // A longer name ending here or later absorbs shorter ones (人寿保险公司贺州分公司).
        spans.removeAll { $0.range.lowerBound >= start && $0.range.upperBound <= suffixEnd }
        if !spans.contains(where: {
          $0.range.lowerBound <= start && $0.range.upperBound >= suffixEnd
        }) {
          spans.append((start..<suffixEnd, m.payload))
        }
      }
      i = suffixEnd
    }
    // Branches: 中国人寿保险公司贺州分公司 is one name, not two.
    spans.sort { $0.range.lowerBound < $1.range.lowerBound }
    var merged: [(range: Range<Int>, kind: FirmKind)] = []
    for s in spans {
      if let last = merged.last, last.range.upperBound >= s.range.lowerBound {
        merged[merged.count - 1].range =
          last.range.lowerBound..<max(last.range.upperBound, s.range.upperBound)
      } else {
        merged.append(s)
      }
    }
    var out = merged.filter { !($0.range).contains { excluded[$0] } }.map { s in
      let text = t.string(s.range)
      return Firm(
        text: text, canonical: canonical(text), kind: s.kind, start: s.range.lowerBound,
        end: s.range.upperBound, sentence: t.sentence(containing: s.range.lowerBound),
          sentenceRange: t.sentenceRange(containing: s.range.lowerBound))
    }
    out += shortForms(in: t, of: out, excluded: excluded)
    out += listedNames(in: t, known: out, excluded: excluded)
    out += abbreviations(in: t, of: out)
    // Within a document, a key that contains another (五菱汽车工业 ⊃ 五菱汽车) joins it.
    let keys = Set(out.map(\.canonical)).filter { $0.count >= 2 }.map { ($0, Scalars.u($0)) }
    for k in out.indices {
      // Shortest first, then by text: Set order changes from run to run, the result must not.
      let c = Scalars.u(out[k].canonical)
      var shorter: String? = nil
      for (key, pattern) in keys where Scalars.contains(c, pattern, in: 0..<c.count) {
        if let s = shorter, (s.count, s) <= (key.count, key) { continue }
        shorter = key
      }
      if let shorter { out[k].canonical = shorter }
    }
    return out.sorted { $0.start < $1.start }
  }

  /// Extends left from a suffix over CJK text and parentheses, then cuts at the right-most trim word.
  private func leftBoundary(in t: ScalarText, suffixStart: Int) -> Int? {
    var k = suffixStart - 1
    var depth = 0
    while k >= 0, suffixStart - k <= Self.maxLength {
      let c = t.v[k]
      if Self.isClose(c) {
        depth += 1
      } else if Self.isOpen(c) {
        if depth == 0 { break }
        depth -= 1
      } else if depth == 0 && !Scalars.isCJK(c) && !Scalars.isLatin(c) {
        break
      } else if depth > 0 && (c == 0x3002 || c == 0xFF0C || c == 0x0A) {
        return nil
      }
      k -= 1
    }
    guard depth == 0 else { return nil }
    var start = k + 1
    // The right-most trim word before the suffix ends the left context.
    var p = suffixStart
    while p > start {
      if let m = vocabulary.firmTrim.match(in: t, endingAt: p), p - m.length >= start,
        !(p == suffixStart && t.has(Self.jianshe, at: p - 2))  // …建设有限公司 is a name
      {
        start = p
        break
      }
      p -= 1
    }
    // Leading gazetteer-free noise such as 我市 or 全县 is not part of a name.
    if t.has(Self.woShi, at: start) || t.has(Self.woXian, at: start) { start += 2 }
    return start < suffixStart ? start : nil
  }

  private func accept(_ t: ScalarText, _ r: Range<Int>, suffixStart: Int) -> Bool {
    let v = t.v
    let stem = r.lowerBound..<suffixStart
    let suffix = suffixStart..<r.upperBound
    guard stem.count >= 2 else { return false }
    if vocabulary.firmStemsRejected.contains(where: { Scalars.equals(v, stem, $0) }) {
      return false
    }
    if vocabulary.firmStemSubstringsRejected.contains(where: { Scalars.contains(v, $0, in: stem) })
    {
      return false
    }
    if v[stem].contains(where: { Scalars.digit($0) != nil || $0 == 0x515A }) { return false }  // 党
    if Scalars.hasSuffix(v, suffix, Self.zhongxin) && Scalars.contains(v, Self.fuwu, in: stem) {
      return false
    }
    if suffix.count == 1 && v[suffixStart] == 0x5382 && stem.count < 3 { return false }  // 厂
    // A stem of trade words only (科技公司, 物业服务公司) or a count (多家公司) is no name.
    var bare = stem
    var changed = true
    while changed {
      changed = false
      for w in vocabulary.firmIndustry where Scalars.hasSuffix(v, bare, w) {
        bare = bare.lowerBound..<(bare.upperBound - w.count)
        changed = true
      }
    }
    if bare.count < 2 { return false }
    if v[suffixStart - 1] == 0x5BB6 && stem.count <= 3 { return false }  // 家
    // A bare place (柳州市公司) is not a name either.
    if gazetteer.isPlaceName(v, stem) { return false }
    return true
  }

  /// The alias key: no leading place names, no parenthesised place, no legal form or industry word.
  func canonical(_ name: String) -> String { canonical(scalars: Scalars.u(name)) }

  func canonical(scalars name: [UInt32]) -> String {
    var s = name
    // Parenthesised parts: 清华紫荆(柳州)技术转移中心 → 清华紫荆技术转移中心.
    while let o = s.firstIndex(where: Self.isOpen),
      let c = s[o...].firstIndex(where: Self.isClose)
    {
      s.removeSubrange(o...c)
    }
    if let m = vocabulary.firmSuffixes.match(in: s, endingAt: s.count, start: 0) {
      s.removeLast(m.length)
    } else if let branch = Self.firstIndex(of: Self.gongsi, in: s),
      branch + Self.gongsi.count != s.count
    {
      s.removeSubrange(branch...)
    }
    // Leading places (广西, 柳州市) and a village or town (十八洞村), while two characters remain.
    let p = gazetteer.placePrefixLength(in: s, 0..<s.count)
    if p > 0, p <= s.count - 2 { s.removeFirst(p) }
    if !Scalars.hasSuffix(name, 0..<name.count, Self.hezuoshe),
      let v = s.prefix(6).firstIndex(where: { $0 == 0x6751 || $0 == 0x9547 || $0 == 0x4E61 }),
      v >= 1, s.count - v >= 3
    {
      s.removeFirst(v + 1)
    }
    var changed = true
    while changed {
      changed = false
      for w in vocabulary.firmIndustry
      where Scalars.hasSuffix(s, 0..<s.count, w) && s.count > w.count + 1 {
        s.removeLast(w.count)
        changed = true
      }
    }
    return Scalars.string(s, 0..<s.count)
  }

  private static func firstIndex(of pattern: [UInt32], in s: [UInt32]) -> Int? {
    guard s.count >= pattern.count else { return nil }
    for k in 0...(s.count - pattern.count) where Scalars.has(s, pattern, at: k) { return k }
    return nil
  }

  private static let deng: UInt32 = 0x7B49  // 等
  private static let jia: UInt32 = 0x5BB6  // 家
  private static let firmNouns = ["企业", "公司"].map(Scalars.u)
  private static let listBreaks = ScalarSet("、和及与")

  private static let abbreviationMark = Scalars.u("简称")

  /// 广西七色珠光材料股份有限公司(以下简称“七色珠光”): the quoted short name is the firm too.
  private func abbreviations(in t: ScalarText, of firms: [Firm]) -> [Firm] {
    var out: [Firm] = []
    var seen = Set(firms.map { Scalars.key(t.v, $0.start..<$0.end) })  // their texts
    for f in firms {
      var k = f.end
      while k < t.count, k - f.end < 8, !t.has(Self.abbreviationMark, at: k) { k += 1 }
      guard t.has(Self.abbreviationMark, at: k) else { continue }
      var q = k + 2
      while q < t.count, q - k < 4, t.v[q] != 0x201C, t.v[q] != 0x300C, t.v[q] != 0x22 { q += 1 }
      guard q < t.count, [0x201C, 0x300C, 0x22].contains(t.v[q]) else { continue }
      var e = q + 1
      while e < t.count, e - q <= 16, ![0x201D, 0x300D, 0x22].contains(t.v[e]) { e += 1 }
      guard e < t.count, e - q >= 3 else { continue }
      guard seen.insert(Scalars.key(t.v, (q + 1)..<e)).inserted else { continue }
      let text = t.string((q + 1)..<e)
      out.append(
        Firm(
          text: text, canonical: f.canonical, kind: f.kind, start: q + 1, end: e,
          sentence: t.sentence(containing: q + 1),
          sentenceRange: t.sentenceRange(containing: q + 1)))
    }
    return out
  }

  /// Names without a legal suffix listed before 等N家…企业: 引进正大、温氏等5家龙头企业.
  private func listedNames(in t: ScalarText, known: [Firm], excluded: [Bool]) -> [Firm] {
    var covered = Array(repeating: false, count: t.count)
    for f in known { for k in f.start..<f.end { covered[k] = true } }
    var out: [Firm] = []
    var seen = Set(known.map { Scalars.key(t.v, $0.start..<$0.end) })  // their texts
    for p in 0..<t.count where t.v[p] == Self.deng {
      // 等 + count + 家 + a few qualifiers + 企业/公司
      var k = p + 1
      while k < t.count, k - p <= 6,
        Scalars.digit(t.v[k]) != nil
          || "多余十百几数一二两三四五六七八九".unicodeScalars.contains(where: { $0.value == t.v[k] })
      {
        k += 1
      }
      guard k > p + 1, t[k] == Self.jia else { continue }
      var m = k + 1
      while m < t.count, m - k <= 7, Scalars.isCJK(t.v[m]),
        !Self.firmNouns.contains(where: { t.has($0, at: m) })
      { m += 1 }
      guard Self.firmNouns.contains(where: { t.has($0, at: m) }) else { continue }
      // Walk back over the listed items.
      var end = p
      while end > 0 {
        var start = end
        while start > 0, Scalars.isCJK(t.v[start - 1]), !Self.listBreaks.contains(t.v[start - 1]),
          end - start < 16
        {
          start -= 1
        }
        var itemStart = start
        var q = end
        while q > start {
          if let w = vocabulary.firmTrim.match(in: t, endingAt: q), q - w.length >= start,
            !Self.listBreaks.contains(t.v[q - 1])
          {
            itemStart = q
            break
          }
          q -= 1
        }
        let r = itemStart..<end
        let text = t.string(r)
        if r.count >= 2, r.count <= 12, !r.contains(where: { covered[$0] || excluded[$0] }),
          !text.contains("党"), !gazetteer.isPlaceName(text), acceptsBareName(text),
          seen.insert(Scalars.key(t.v, r)).inserted
        {
          out.append(
            Firm(
              text: text, canonical: canonical(text), kind: .firm, start: r.lowerBound,
              end: r.upperBound,
              sentence: t.sentence(containing: r.lowerBound),
          sentenceRange: t.sentenceRange(containing: r.lowerBound)))
        }
        // Continue only across a list separator that directly precedes this item.
        guard itemStart == start, start > 0, Self.listBreaks.contains(t.v[start - 1]) else { break }
        end = start - 1
      }
    }
    return out
  }

  /// A name without suffix must keep two characters once trade words are dropped (not 电子信息).
  private func acceptsBareName(_ s: String) -> Bool {
    let v = Scalars.u(s)
    var bare = 0..<v.count
    var changed = true
    while changed {
      changed = false
      for w in vocabulary.firmIndustry
      where Scalars.hasSuffix(v, bare, w)
        || Scalars.has(v, w, at: bare.lowerBound) && bare.count >= w.count
      {
        if Scalars.hasSuffix(v, bare, w) {
          bare = bare.lowerBound..<(bare.upperBound - w.count)
        } else {
          bare = (bare.lowerBound + w.count)..<bare.upperBound
        }
        changed = true
      }
    }
    let last = bare.isEmpty ? 0 : v[bare.upperBound - 1]
    return bare.count >= 2 && !Self.officeEnds.contains(last)
  }

  private static let officeEnds = Scalars.u("村镇乡局办部委区县市省会所院校站室队组")

  /// Short forms without a suffix (正丰农业 for 贺州正丰农业公司): the name minus its place prefix
  /// and legal form, found elsewhere in the text outside other names.
  private func shortForms(in t: ScalarText, of firms: [Firm], excluded: [Bool]) -> [Firm] {
    var covered = Array(repeating: false, count: t.count)
    for f in firms { for k in f.start..<f.end { covered[k] = true } }
    var out: [Firm] = []
    var seen = Set(firms.map { Scalars.key(t.v, $0.start..<$0.end) })  // their texts
    var shorts: [(short: String, canonical: String)] = []
    for f in firms where f.kind == .firm {
      var s = Scalars.u(f.text)
      let p = gazetteer.placePrefixLength(in: s, 0..<s.count)
      if p > 0, p < s.count - 1 { s.removeFirst(p) }
      guard let m = vocabulary.firmSuffixes.match(in: s, endingAt: s.count, start: 0) else {
        continue
      }
      guard s.count - m.length >= 4, seen.insert(Scalars.key(s, 0..<(s.count - m.length))).inserted
      else { continue }
      let short = Scalars.string(s, 0..<(s.count - m.length))
      shorts.append((short, f.canonical))
    }
    // One pass over the text for all short forms: the first fitting occurrence of each.
    let patterns = shorts.map { Scalars.u($0.short) }
    func fits(_ pattern: [UInt32], at i: Int) -> Bool {
      t.has(pattern, at: i)
        && !(i..<(i + pattern.count)).contains(where: { covered[$0] || excluded[$0] })
        && (!Scalars.isCJK(t[i + pattern.count])
          || vocabulary.firmTrim.match(in: t, at: i + pattern.count) != nil
          || t[i + pattern.count] == 0x3001)
    }
    var firstBits: UInt64 = 0  // a bit per (first scalar % 64)
    for p in patterns { firstBits |= 1 << UInt64(p[0] & 63) }
    var found = [Int?](repeating: nil, count: patterns.count)
    var missing = patterns.count
    var i = 0
    while i < t.count && missing > 0 {
      let c = t.v[i]
      if firstBits & (1 << UInt64(c & 63)) != 0 {
        for k in patterns.indices where found[k] == nil && patterns[k][0] == c {
          if fits(patterns[k], at: i) {
            found[k] = i
            missing -= 1
          }
        }
      }
      i += 1
    }
    for (k, (short, canonical)) in shorts.enumerated() {
      guard let i = found[k] else { continue }
      out.append(
        Firm(
          text: short, canonical: canonical, kind: .firm, start: i, end: i + patterns[k].count,
          sentence: t.sentence(containing: i),
          sentenceRange: t.sentenceRange(containing: i)))
    }
    return out
  }
}

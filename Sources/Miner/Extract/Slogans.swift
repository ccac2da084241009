import Foundation

/// Finds formulations: quoted ones judged by shape and exclusion lists, unquoted parallel
/// mottos over 、 (共谋、共议、共建、共享), and stock formulas from slogan-stock.txt.
struct SloganFinder: Sendable {
  let vocabulary: Vocabulary

  /// The closing mark of an opening quote mark: “ ”, ‘ ’, 「 」, 『 』.
  @inline(__always) private static func closer(of c: UInt32) -> UInt32? {
    switch c {
    case 0x201C: return 0x201D
    case 0x2018: return 0x2019
    case 0x300C: return 0x300D
    case 0x300E: return 0x300F
    default: return nil
    }
  }
  @inline(__always) private static func isCloser(_ c: UInt32) -> Bool {
    c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F
  }
  /// Last characters of institution nouns (党支部, 党委, 公司, 社区, 局 …): lists of them are no motto.
  private static let institutionEnds = ScalarSet("部委支司社区镇乡道局办室站所院校会组位门业村厂队")
  /// One-character qualities that end motto clauses: 党建强、产业兴、群众富.
  private static let qualities = ScalarSet("强兴富美优好新活稳安和绿实硬高净亮旺")
  private static let wherever = Scalars.u("到哪里")
  private static let numerals = ScalarSet("一二三四五六七八九十百千万双两")
  private static let separators = ScalarSet("、，,;；?？·・ ")
  private static let sentenceEnds = ScalarSet("。！？!")
  private static let pronouns = ScalarSet("我你他她咱")
  private static let classifiers = ScalarSet("条批个种家片张支名套")
  private static let speechMarkers = [Scalars.u("口中的"), Scalars.u("所说的"), Scalars.u("简称")]

  /// A quoted span: offsets of the inner text, without the marks.
  struct Quote {
    var inner: Range<Int>
    var open: Int
  }

  /// Every balanced quote pair on one line, nested ones included; ASCII " pairs too.
  static func quotes(in t: ScalarText) -> [Quote] {
    var out: [Quote] = []
    var stack: [(mark: UInt32, at: Int)] = []
    var ascii: Int? = nil
    for i in 0..<t.count {
      let c = t.v[i]
      // Only line ends, quote marks and " matter here.
      if c > 0x22 && c < 0x2018 || c > 0x201D && c < 0x300C || c > 0x300F { continue }
      if c == 0x0A || c == 0x0D {
        stack.removeAll()
        ascii = nil
      } else if let close = closer(of: c) {
        stack.append((close, i))
      } else if c == 0x22 {
        if let a = ascii {
          out.append(Quote(inner: (a + 1)..<i, open: a))
          ascii = nil
        } else {
          ascii = i
        }
      } else if let top = stack.last, top.mark == c {
        stack.removeLast()
        out.append(Quote(inner: (top.at + 1)..<i, open: top.at))
      } else if isCloser(c) {
        // A closing mark that does not match the innermost opening: drop back to its opener.
        if let k = stack.lastIndex(where: { $0.mark == c }) {
          let at = stack[k].at
          stack.removeSubrange(k...)
          out.append(Quote(inner: (at + 1)..<i, open: at))
        }
      }
    }
    return out.sorted { $0.open < $1.open }
  }

  /// Slogans (first occurrence of each text) and every range any occurrence covers.
  func slogans(in t: ScalarText) -> (slogans: [Slogan], covered: [Range<Int>]) {
    var found: [Slogan] = []
    var covered: [Range<Int>] = []
    var seen = Set<[UInt32]>()  // Scalars.key of the texts
    /// `unquoted`: a motto found without quote marks is parallel unless plus or numeric.
    func add(_ r: Range<Int>, unquoted: Bool = false) {
      covered.append(r)
      var r = r
      while r.upperBound > r.lowerBound,
        t[r.upperBound - 1] == 0x3002 || Scalars.isSpace(t[r.upperBound - 1])
      {
        r = r.lowerBound..<(r.upperBound - 1)
      }
      while r.lowerBound < r.upperBound, Scalars.isSpace(t[r.lowerBound]) {
        r = (r.lowerBound + 1)..<r.upperBound
      }
      guard !r.isEmpty, seen.insert(Scalars.key(t.v, r)).inserted else { return }
      let text = t.string(r)
      let body = Array(t.v[r])
      var kind = Self.kind(of: body)
      if unquoted && kind == .quoted { kind = .parallel }
      found.append(
        Slogan(
          text: text, kind: kind, family: Self.family(of: body),
          start: r.lowerBound, end: r.upperBound, sentence: t.sentence(containing: r.lowerBound),
          sentenceRange: t.sentenceRange(containing: r.lowerBound)))
    }

    let quotes = Self.quotes(in: t)
    // Single-character scare quotes (“家”, 「链」) mark wordplay on that character.
    var wordplay = Set<UInt32>()
    for q in quotes where q.inner.count == 1 { wordplay.insert(t.v[q.inner.lowerBound]) }
    let footerLines = footerLineRanges(in: t)
    for q in quotes where isSlogan(q, in: t, wordplay: wordplay, footers: footerLines) {
      add(q.inner)
    }
    // Inside quotes or parentheses (expansions of a formulation) no unquoted list is looked for.
    var quoted = Array(repeating: false, count: t.count)
    for q in quotes {
      for i in max(0, q.open)..<min(t.count, q.inner.upperBound + 1) { quoted[i] = true }
    }
    var depth = 0
    for i in 0..<t.count {
      let c = t.v[i]
      if c == 0x28 || c == 0xFF08 { depth += 1 }
      if depth > 0 { quoted[i] = true }
      if (c == 0x29 || c == 0xFF09) && depth > 0 { depth -= 1 }
      if c == 0x0A { depth = 0 }
    }
    for r in parallelLists(in: t, quoted: quoted) { add(r, unquoted: true) }
    var i = 0
    while i < t.count {
      if !quoted[i], let m = vocabulary.sloganStock.match(in: t, at: i) {
        add(i..<(i + m.length))
        i += m.length
      } else {
        i += 1
      }
    }
    return (found.sorted { $0.start < $1.start }, covered)
  }

  /// Lines that carry page furniture (微信“扫一扫”添加…): their quotes are never slogans.
  private func footerLineRanges(in t: ScalarText) -> [Range<Int>] {
    let marker = Scalars.u("扫一扫")
    guard t.v.contains(marker[0]) else { return [] }
    var out: [Range<Int>] = []
    var start = 0
    for i in 0...t.count where i == t.count || t.v[i] == 0x0A {
      var hit = false
      var k = start
      while k + marker.count <= i {
        if t.v[k] == marker[0] && t.has(marker, at: k) {
          hit = true
          break
        }
        k += 1
      }
      if hit { out.append(start..<i) }
      start = i + 1
    }
    return out
  }

  private func isSlogan(
    _ q: Quote, in t: ScalarText, wordplay: Set<UInt32>, footers: [Range<Int>]
  ) -> Bool {
    let r = q.inner
    var body = Array(t.v[r])
    while let last = body.last, last == 0x3002 || Scalars.isSpace(last) { body.removeLast() }
    let n = body.count
    guard n >= 2, n <= 60 else { return false }
    if footers.contains(where: { $0.contains(q.open) }) { return false }
    if vocabulary.sloganExclusions.contains(where: { $0 == body }) { return false }
    if vocabulary.sloganExcludedSuffixes.contains(where: { Scalars.hasSuffix(body, 0..<n, $0) }) {
      return false
    }
    if vocabulary.sloganExcludedSubstrings.contains(where: {
      Scalars.contains(body, $0, in: 0..<n)
    }) {
      return false
    }
    if vocabulary.sloganExcludedFollowers.match(in: t, at: r.upperBound + 1) != nil { return false }
    if Self.speechMarkers.contains(where: { t.has($0, at: q.open - $0.count) }) { return false }
    if body.contains(where: { Self.pronouns.contains($0) }) { return false }
    if body.first == 0x300A { return false }  // 《…》 titles
    let hasNumeral = body.contains { Self.numerals.contains($0) || Scalars.digit($0) != nil }
    let hasPlus = body.contains { $0 == 0x2B || $0 == 0xFF0B }
    // Figures with money or percent are statements (占股51%+村集体占股49%), not formulas.
    for (k, c) in body.enumerated() where Scalars.digit(c) != nil {
      let next = k + 1 < n ? body[k + 1] : 0
      if next == 0x25 || next == 0xFF05 || next == 0x4E07 || next == 0x5143 { return false }
    }
    // Two plain characters are a word in scare quotes (“细胞”, “导师”), not a formulation;
    // with a numeral they are one (双带, 四有, 清零).
    if n == 2 && !hasNumeral && !hasPlus && !body.contains(0x96F6) { return false }
    // Wordplay on a scare-quoted character: 「组织链」 next to 「链」.
    if n <= 3, !hasPlus, body.contains(where: { wordplay.contains($0) }),
      !(hasNumeral && n == 4)
    {
      return false
    }
    // Indefinite 一 with a classifier: 一条线, 一家人.
    if n <= 4, body[0] == 0x4E00, Self.classifiers.contains(body[1]) { return false }
    // A quoted count of concrete things: “十个村”.
    if hasNumeral, let ge = body.firstIndex(of: 0x4E2A), ge > 0,
      body[..<ge].allSatisfy({ Self.numerals.contains($0) || Scalars.digit($0) != nil }),
      vocabulary.countNouns.contains(t.string((r.lowerBound + ge + 1)..<(r.lowerBound + n)))
    {
      return false
    }
    // Reported speech: a sentence inside the quotes that is not a parallel motto.
    // Reported speech: a whole sentence in quotes, or a quote followed by 说/表示 …, unless it is
    // the …到哪里…就…到哪里 motto.
    let innerEnds = body.dropLast().contains { Self.sentenceEnds.contains($0) }
    let endsSentence = Self.sentenceEnds.contains(t[r.upperBound - 1])
    if (innerEnds || endsSentence) && !Self.isWherever(body) { return false }
    if n > 30 && !Self.isParallel(body) && !isChain(body) { return false }
    if n > 8, body.contains(where: { $0 == 0xFF0C || $0 == 0x2C }), saidAfter(t, r.upperBound + 1) {
      return false
    }
    return true
  }

  private static let speechVerbs = ["说", "表示", "介绍", "坦言", "感慨", "告诉"].map(Scalars.u)

  /// Whether a verb of saying follows a closing quote within its sentence (…”王五说).
  private func saidAfter(_ t: ScalarText, _ from: Int) -> Bool {
    var k = from
    while k < t.count, k - from < 16, !Self.sentenceEnds.contains(t.v[k]), t.v[k] != 0x0A {
      if Self.speechVerbs.contains(where: { t.has($0, at: k) }) { return true }
      k += 1
    }
    return false
  }

  static func isWherever(_ text: String) -> Bool { isWherever(Scalars.u(text)) }

  static func isWherever(_ s: [UInt32]) -> Bool {
    var hits = 0
    var k = 0
    while k + 3 <= s.count {
      if Scalars.has(s, wherever, at: k) {
        hits += 1
        k += 3
      } else {
        k += 1
      }
    }
    return hits >= 2
  }

  /// A hierarchy written with dashes: 县委—县委组织部—…—非公企业党组织.
  private func isChain(_ body: [UInt32]) -> Bool {
    body.filter { $0 == 0x2014 || $0 == 0x2D || $0 == 0x2500 }.count >= 2
      && !body.contains { Self.sentenceEnds.contains($0) }
  }

  /// Parts of roughly equal length, or the 到哪里 … 就 … 到哪里 motto.
  static func isParallel(_ text: String) -> Bool { isParallel(Scalars.u(text)) }

  static func isParallel(_ s: [UInt32]) -> Bool {
    if isWherever(s) { return true }
    let parts = s.split { separators.contains($0) || sentenceEnds.contains($0) }.map(\.count)
    guard parts.count >= 2, let lo = parts.min(), let hi = parts.max() else { return false }
    return lo >= 2 && hi - lo <= 1
  }

  static func kind(of text: String) -> SloganKind { kind(of: Scalars.u(text)) }

  static func kind(of s: [UInt32]) -> SloganKind {
    // "+" with named parts (党建+项目, 互联网+) is plus; with counts only (6+N, 1+10+N) numeric.
    if s.contains(where: { $0 == 0x2B || $0 == 0xFF0B }) {
      let parts = s.split { $0 == 0x2B || $0 == 0xFF0B }
      if parts.contains(where: { $0.filter(Scalars.isCJK).count >= 2 }) { return .plus }
      return .numeric
    }
    if s.contains(where: { numerals.contains($0) || Scalars.digit($0) != nil }) { return .numeric }
    if isParallel(s) { return .parallel }
    return .quoted
  }

  /// Normalised as the scorer does (NFKC, no spaces or quotes, separators as 、, no final 。).
  static func normalised(_ text: String) -> String {
    let s = normalisedScalars(text)
    return Scalars.string(s, 0..<s.count)
  }

  static func normalisedScalars(_ text: String) -> [UInt32] { normalisedScalars(Scalars.u(text)) }

  static func normalisedScalars(_ scalars: [UInt32]) -> [UInt32] {
    // NFKC changes only full-width forms, compatibility ideographs and special spaces here.
    var src = scalars
    if src.contains(where: { $0 >= 0xF900 || (0x2000..<0x2E80).contains($0) || $0 == 0x3000 }) {
      let text = Scalars.string(scalars, 0..<scalars.count)
      src = Scalars.u(text.precomposedStringWithCompatibilityMapping)
    }
    var out: [UInt32] = []
    out.reserveCapacity(src.count)
    for c in src {
      switch c {
      // space tab newline ideographic-space “ ” " ‘ ’ ' 「 」 『 』
      case 0x20, 0x09, 0x0A, 0x3000, 0x201C, 0x201D, 0x22, 0x2018, 0x2019, 0x27, 0x300C, 0x300D,
        0x300E, 0x300F:
        continue
      // 、 , ， · ・ ? ？
      case 0x3001, 0x2C, 0xFF0C, 0xB7, 0x30FB, 0x3F, 0xFF1F: out.append(0x3001)
      default: out.append(c)
      }
    }
    while let last = out.last, last == 0x3002 || last == 0x2E { out.removeLast() }
    return out
  }

  /// The family key: 一X一Y shapes collapse, "+" formulas keep their head, numerals drop out.
  static func family(of text: String) -> String { family(of: Scalars.u(text)) }

  static func family(of scalars: [UInt32]) -> String {
    let n = normalisedScalars(scalars)
    let parts = n.split(separator: 0x3001)
    let yi: UInt32 = 0x4E00  // 一
    let oneXoneY = parts.allSatisfy { s in
      s.count >= 4 && s.first == yi && s.count <= 6 && s.dropFirst(2).contains(yi)
        && s[s.startIndex + 1] != yi
    }
    if !parts.isEmpty, oneXoneY {
      return Array(repeating: "一X一Y", count: parts.count).joined(separator: "、")
    }
    if let plus = n.firstIndex(of: 0x2B) {
      return Scalars.string(n, 0..<(plus + 1)) + "*"
    }
    let stripped = n.filter { !numerals.contains($0) && !(0x30...0x39).contains($0) }
    if stripped.count < 2 { return Scalars.string(n, 0..<n.count) }
    let s = Scalars.string(stripped, 0..<stripped.count)
    return s.count < 2 ? Scalars.string(n, 0..<n.count) : s
  }

  private func isName(_ t: ScalarText, _ r: Range<Int>) -> Bool {
    if vocabulary.firmSuffixes.match(in: t, endingAt: r.upperBound) != nil { return true }
    return vocabulary.sloganExcludedSuffixes.contains {
      r.count >= $0.count && t.has($0, at: r.upperBound - $0.count)
    }
  }

  /// Unquoted runs of 、-separated parts with one template: 组织联建、产业联培、公益联动.
  private func parallelLists(in t: ScalarText, quoted: [Bool]) -> [Range<Int>] {
    let comma: UInt32 = 0x3001
    var out: [Range<Int>] = []
    var used = Set<Int>()
    guard t.v.contains(comma) else { return [] }
    // run[i]: how many unquoted CJK scalars end at i.
    let run: [Int32] = {
      var run = [Int32](repeating: 0, count: t.count)
      var length: Int32 = 0
      for i in 0..<t.count {
        length = Scalars.isCJK(t.v[i]) && !quoted[i] ? length + 1 : 0
        run[i] = length
      }
      return run
    }()
    func cjk(_ r: Range<Int>) -> Bool {
      guard r.lowerBound >= 0 && r.upperBound <= t.count else { return false }
      return r.isEmpty || Int(run[r.upperBound - 1]) >= r.count
    }
    for p in 0..<t.count where t.v[p] == comma && !quoted[p] && !used.contains(p) {
      if let (range, seps) = sharedEndingList(in: t, at: p, quoted: quoted, cjk: cjk) {
        out.append(range)
        used.formUnion(seps)
        continue
      }
      // Parts of one length L are evenly spaced: part i is first + i * (L + 1) ..< … + L and a
      // 、 follows each but the last, so a candidate is (first, count) and no arrays are made.
      var best: (first: Int, count: Int, L: Int, score: Double)? = nil
      for L in 2...12 {
        guard cjk((p - L)..<p), cjk((p + 1)..<(p + 1 + L)) else { continue }
        let step = L + 1
        var first = p - L
        var count = 2
        var next = p + 1 + L
        while t[next] == comma, cjk((next + 1)..<(next + 1 + L)) {  // extend to the right
          count += 1
          next += step
        }
        while first - 1 >= 0, t[first - 1] == comma, cjk((first - 1 - L)..<(first - 1)) {  // and left
          first -= step
          count += 1
        }
        func part(_ i: Int) -> Range<Int> { (first + i * step)..<(first + i * step + L) }
        // Bit k: every part has the first part's scalar at offset k.
        var shared: UInt16 = 0
        for k in 0..<L {
          let c = t.v[first + k]
          var same = true
          for i in 1..<count where t.v[first + i * step + k] != c {
            same = false
            break
          }
          if same { shared |= 1 << UInt16(k) }
        }
        let sharedCount = shared.nonzeroBitCount
        let ok: Bool
        if L == 2 {
          ok = count >= 4 && shared & 1 != 0
        } else if count == 2 {
          // Two clauses vary at the end (上档次/上水平) and share more than a subject (党员…).
          let prefixOnly = shared == (1 << UInt16(sharedCount)) - 1
          ok =
            (5...6).contains(L) && sharedCount >= 2 && shared & (1 << UInt16(L - 1)) == 0
            && (!prefixOnly || sharedCount >= 3)
        } else if count >= 5 && L >= 4 {
          ok = true
        } else if L == 3 && count >= 3
          && (0..<count).allSatisfy({ Self.qualities.contains(t.v[part($0).upperBound - 1]) })
        {
          ok = true  // 党建强、产业兴、群众富
        } else {
          ok = shared != 0 && L >= 3
        }
        // Lists of names (…有限公司、…有限公司, …村党支部、…村党支部) are not mottos.
        if ok, (0..<count).contains(where: { isName(t, part($0)) }) { continue }
        if ok, shared & (1 << UInt16(L - 1)) != 0, Self.institutionEnds.contains(t.v[first + L - 1]) {
          continue
        }
        guard ok else { continue }
        let score = Double(sharedCount) / Double(L) + Double(count) * 0.01
        if best == nil || score > best!.score {
          best = (first, count, L, score)
        }
      }
      if let b = best {
        let step = b.L + 1
        out.append(b.first..<(b.first + (b.count - 1) * step + b.L))
        for i in 0..<(b.count - 1) { used.insert(b.first + i * step + b.L) }
      }
    }
    return out
  }

  /// Parts of unequal length with one ending: 党组织建在产业链上、党员聚在产业链上、群众富在产业链上.
  private func sharedEndingList(
    in t: ScalarText, at p: Int, quoted: [Bool], cjk: (Range<Int>) -> Bool
  ) -> (Range<Int>, [Int])? {
    let comma: UInt32 = 0x3001
    func runEnd(from i: Int) -> Int {
      var k = i
      while k < t.count, Scalars.isCJK(t.v[k]), !quoted[k] { k += 1 }
      return k
    }
    func runStart(before i: Int) -> Int {
      var k = i
      while k > 0, Scalars.isCJK(t.v[k - 1]), !quoted[k - 1] { k -= 1 }
      return k
    }
    // Middle parts lie between two 、; the list needs at least one.
    var seps = [p]
    var segs: [Range<Int>] = [runStart(before: p)..<p]
    var k = p + 1
    while true {
      let e = runEnd(from: k)
      segs.append(k..<e)
      guard e < t.count, t.v[e] == comma, !quoted[e] else { break }
      seps.append(e)
      k = e + 1
    }
    guard segs.count >= 3 else { return nil }
    let middles = segs[1..<(segs.count - 1)]
    guard middles.allSatisfy({ (3...14).contains($0.count) }) else { return nil }
    // The ending the first and every middle part share.
    var suffix = 0
    let first = middles.first!
    let ended = [segs[0]] + middles
    while suffix < first.count,
      ended.allSatisfy({
        $0.count > suffix && t.v[$0.upperBound - 1 - suffix] == t.v[first.upperBound - 1 - suffix]
      })
    {
      suffix += 1
    }
    guard suffix >= 3, middles.allSatisfy({ $0.count > suffix }) else { return nil }
    let ending = Array(t.v[(first.upperBound - suffix)..<first.upperBound])
    // Lists of organisations (…村党支部、…村党支部) share an ending too.
    if segs.contains(where: { isName(t, $0) }) { return nil }
    if let lastChar = ending.last, Self.institutionEnds.contains(lastChar) { return nil }
    // The last part ends with the first occurrence of the ending.
    let last = segs[segs.count - 1]
    var lastEnd: Int? = nil
    var i = last.lowerBound + 1
    while i + suffix <= last.upperBound {
      if t.has(ending, at: i) {
        lastEnd = i + suffix
        break
      }
      i += 1
    }
    // The first part ends with it and starts after a lead verb, if any.
    let head = segs[0]
    guard let lastEnd, head.count > suffix, t.has(ending, at: head.upperBound - suffix) else {
      return nil
    }
    var start = head.lowerBound
    var q = head.upperBound - suffix - 1
    while q > start {
      if let m = vocabulary.sloganLeadVerbs.match(in: t, endingAt: q), q - m.length >= start {
        start = q
        break
      }
      q -= 1
    }
    let lengths = middles.map(\.count)
    guard (lengths.min()! - 2...lengths.max()! + 2).contains(head.upperBound - start) else {
      return nil
    }
    return (start..<lastEnd, seps)
  }
}

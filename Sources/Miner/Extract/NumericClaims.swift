import Foundation

/// Finds numeric claims: a number (Arabic, full-width or Chinese), its hedges, its unit.
///
/// A claim needs a unit (元, %, or a measure word from units.txt); dates, years, ordinals
/// (第五届), formulas (6+N), ratios (1:2), idiomatic 一 and summary counts over a list
/// (“…”四项机制, …、提升服务水平四个方面) are left out.
struct ClaimFinder: Sendable {
  let vocabulary: Vocabulary

  private static let chineseDigits: [UInt32: Double] = {
    var d: [UInt32: Double] = [:]
    for (chars, v) in [
      ("零〇○", 0.0), ("一壹", 1), ("二贰两", 2), ("三叁", 3), ("四肆", 4), ("五伍", 5),
      ("六陆", 6), ("七柒", 7), ("八捌", 8), ("九玖", 9),
    ] {
      for c in Scalars.u(chars) { d[c] = v }
    }
    return d
  }()
  private static let chineseUnits: [UInt32: Double] = {
    var d: [UInt32: Double] = [:]
    for (chars, v) in [("十拾", 10.0), ("百佰", 100), ("千仟", 1000), ("万", 1e4), ("亿", 1e8)] {
      for c in Scalars.u(chars) { d[c] = v }
    }
    return d
  }()
  private static let wan: UInt32 = 0x4E07  // 万
  private static let yi: UInt32 = 0x4EBF  // 亿
  private static let qian: UInt32 = 0x5343  // 千
  private static let duo: UInt32 = 0x591A  // 多
  private static let yu: UInt32 = 0x4F59  // 余
  private static let yuan: UInt32 = 0x5143  // 元
  private static let nian: UInt32 = 0x5E74  // 年
  private static let percentWords = Scalars.u("百分之")
  private static let oneHalf = Scalars.u("一半")
  private static let fractionMark = Scalars.u("分之")
  private static let notBeforeHalf = ScalarSet("上下大一多前后")
  private static let pastOrShort = ["过去", "不到", "不足", "仅用", "用了", "短短"].map(Scalars.u)
  private static let projectedWords = Lexicon(words: ["预计", "预期"])
  private static let targetWords = Lexicon(words: ["力争", "目标", "争取", "计划"])
  /// BMP scalars that can start a claim: digits, Chinese numerals, 百分之, 半, 万/亿 (亿元以上).
  private static let starts: [Bool] = {
    var a = [Bool](repeating: false, count: 0x10000)
    for c in 0x30...0x39 { a[c] = true }
    for c in 0xFF10...0xFF19 { a[c] = true }
    for c in chineseDigits.keys { a[Int(c)] = true }
    for c in chineseUnits.keys { a[Int(c)] = true }
    a[0x534A] = true  // 半
    for c in Scalars.u("几数") { a[Int(c)] = true }  // vague
    return a
  }()
  private static let planWords = ["行动", "计划", "规划", "攻坚"].map(Scalars.u)
  private static let boilerplate = Lexicon(words: [
    "阅读", "浏览", "点击", "访问", "电话", "传真", "邮编", "编号", "热线",
  ])
  private static let duoYue = Scalars.u("多月")
  private static let countNounEnds = ScalarSet("人户总次个岁倍分份件名")
  private static let rangeMarks = ScalarSet("至-~～—到")
  private static let vague = ScalarSet("几数")
  private static let closingQuotes = ScalarSet("”」』\"")
  /// Units as scalars, for comparisons without making Strings.
  private enum U {
    static let percent = Scalars.u("%")
    static let fullWidthPercent = Scalars.u("％")
    static let yuan = Scalars.u("元")
    static let nian = Scalars.u("年")
    static let ge = Scalars.u("个")
    static let geYue = Scalars.u("个月")
    static let zuoyou = Scalars.u("左右")
    static let shangxia = Scalars.u("上下")
    static let time = ["年", "个月", "天", "周", "小时"].map(Scalars.u)
    static let notChinese = ["项", "类"].map(Scalars.u)
  }

  /// A parsed number before its unit.
  struct Number {
    var start: Int
    var end: Int
    var value: Double
    var chinese: Bool
    var integerDigits = 0
    var fraction = false
    /// 万/亿 (or 千) already applied.
    var multiplier: Double = 1
    /// A lone 百/千/万 used as a round size (千亩田园).
    var roundWord = false
    /// 几/数 made the number a lower bound: 数百名, 十几个.
    var vague = false
  }

  func claims(in t: ScalarText, excluded: [Bool]) -> [NumericClaim] {
    var out: [NumericClaim] = []
    let starts = Self.starts
    var i = 0
    while i < t.count {
      let c = t.v[i]
      if excluded[i] || c >= 0x10000 || !starts[Int(c)] {  // claim(in:at:) would say nil
        i += 1
        continue
      }
      if let claim = claim(in: t, at: i, excluded: excluded) {
        out.append(claim)
        i = claim.end
      } else {
        i += 1
      }
    }
    return out
  }

  private func isChineseNumeral(_ c: UInt32) -> Bool {
    Self.chineseDigits[c] != nil || Self.chineseUnits[c] != nil
  }

  private func claim(in t: ScalarText, at i: Int, excluded: [Bool]) -> NumericClaim? {
    let c = t.v[i]
    guard c < 0x10000, Self.starts[Int(c)] else { return nil }
    let prev = t[i - 1]
    if Scalars.digit(c) != nil {
      guard Scalars.digit(prev) == nil, prev != 0x2E, prev != 0xFF0E else { return nil }
      if prev == 0x2C, Scalars.digit(t[i - 2]) != nil { return nil }
      guard let n = arabic(in: t, at: i) else { return nil }
      return finish(n, in: t, excluded: excluded)
    }
    if t.has(Self.percentWords, at: i), let n = number(in: t, at: i + 3) {
      var p = n
      p.start = i
      return finish(p, in: t, excluded: excluded, percentWords: true)
    }
    if t.has(Self.oneHalf, at: i) {
      return half(in: t, at: i)
    }
    if c == 0x534A, let claim = halfDuration(in: t, at: i) { return claim }  // 半年
    if c == Self.wan || c == Self.yi, t[i + 1] == Self.yuan, !isChineseNumeral(prev),
      Scalars.digit(prev) == nil, prev != Self.duo, prev != Self.yu,
      vocabulary.hedgesAfter.match(in: t, at: i + 2) != nil
    {
      // 亿元以上: an implicit 1 in a threshold.
      let n = Number(
        start: i, end: i + 1, value: c == Self.wan ? 1e4 : 1e8, chinese: true, multiplier: 1)
      return finish(n, in: t, excluded: excluded, implicitOne: true)
    }
    if isChineseNumeral(c), !isChineseNumeral(prev), let n = chinese(in: t, at: i) {
      return finish(n, in: t, excluded: excluded)
    }
    // 数十, 几百, 数万: at least the power named.
    if Self.vague.contains(c), let u = Self.chineseUnits[t[i + 1]], u < 1e8,
      !isChineseNumeral(t[i + 2]),
      !(c == 0x6570 && Self.countNounEnds.contains(prev))  // 人数十名: 数 ends the noun 人数
    {
      let n = Number(
        start: i, end: i + 2, value: u, chinese: true, multiplier: u == 1e4 ? 1e4 : 1, vague: true)
      return finish(n, in: t, excluded: excluded)
    }
    return nil
  }

  private func number(in t: ScalarText, at i: Int) -> Number? {
    if Scalars.digit(t[i]) != nil { return arabic(in: t, at: i) }
    if isChineseNumeral(t[i]) { return chinese(in: t, at: i) }
    return nil
  }

  /// 84.61, 1,100, ３万4000, 1.37亿.
  private func arabic(in t: ScalarText, at i: Int) -> Number? {
    var j = i
    // ASCII digits (and a point) for Double's correctly rounded parse.
    var digits: [UInt8] = []
    var intCount = 0
    var intValue = 0
    while true {
      if let d = Scalars.digit(t[j]) {
        digits.append(UInt8(0x30 + d))
        if intCount < 18 { intValue = intValue * 10 + d }
        intCount += 1
        j += 1
      } else if t[j] == 0x2C, (1...3).allSatisfy({ Scalars.digit(t[j + $0]) != nil }),
        Scalars.digit(t[j + 4]) == nil
      {
        j += 1  // thousands separator
      } else {
        break
      }
    }
    var fraction = false
    if t[j] == 0x2E || t[j] == 0xFF0E, Scalars.digit(t[j + 1]) != nil {
      digits.append(0x2E)
      j += 1
      while let d = Scalars.digit(t[j]) {
        digits.append(UInt8(0x30 + d))
        j += 1
      }
      fraction = true
    }
    // Integers below 2^53 convert exactly; the rest go through the parser as before.
    let text = { String(decoding: digits, as: UTF8.self) }
    guard var value = !fraction && intCount <= 15 ? Double(intValue) : Double(text()) else {
      return nil
    }
    var multiplier = 1.0
    if t[j] == Self.qian, [Self.wan, Self.yi, Self.yuan, Self.duo, Self.yu].contains(t[j + 1]) {
      multiplier *= 1000
      j += 1
    }
    if t[j] == Self.wan || t[j] == Self.yi {
      let m = t[j] == Self.wan ? 1e4 : 1e8
      multiplier *= m
      j += 1
      // 3万4000
      if !fraction, multiplier == m, Scalars.digit(t[j]) != nil {
        var k = j
        var rest = 0.0
        while let d = Scalars.digit(t[k]) {
          rest = rest * 10 + Double(d)
          k += 1
        }
        if t[k] != 0x2E, t[k] != Self.wan, t[k] != Self.yi, rest < m {
          value = value * m + rest
          multiplier = 1
          j = k
          return Number(
            start: i, end: j, value: value, chinese: false, integerDigits: intCount,
            fraction: fraction, multiplier: m)
        }
      }
      if t[j] == Self.yi && multiplier == 1e4 {  // 1.2万亿
        multiplier *= 1e8
        j += 1
      }
    }
    // Scale exactly: Double("33.81e4") is correctly rounded, 33.81 * 10000 is not.
    if multiplier != 1, let exact = Double(text() + "e" + String(Int(log10(multiplier).rounded())))
    {
      value = exact
    } else {
      value *= multiplier
    }
    return Number(
      start: i, end: j, value: value, chinese: false, integerDigits: intCount, fraction: fraction,
      multiplier: multiplier)
  }

  /// 三, 两, 十, 二十五, 百亿, 三万四千. Digit-by-digit runs (二〇一九) are years, not counts.
  private func chinese(in t: ScalarText, at i: Int) -> Number? {
    var j = i
    while isChineseNumeral(t[j]) { j += 1 }
    let run = Array(t.v[i..<j])
    guard let first = run.first, first != Self.wan, first != Self.yi else { return nil }
    if Self.vague.contains(t[i - 1]) { return nil }  // 几十 is read from 几
    let vagueAfter = Self.vague.contains(t[j])  // 十几个, 二十几名
    let hasUnitChar = run.contains { Self.chineseUnits[$0] != nil }
    if run.count > 1 && !hasUnitChar { return nil }
    var total = 0.0
    var section = 0.0
    var digit = 0.0
    var sawDigit = false
    for c in run {
      if let d = Self.chineseDigits[c] {
        digit = d
        sawDigit = true
      } else if let u = Self.chineseUnits[c] {
        if u == 1e4 {
          total += (section + digit) * u
          section = 0
        } else if u == 1e8 {
          total = (total + section + digit) * u
          section = 0
        } else {
          section += (sawDigit ? digit : 1) * u
        }
        digit = 0
        sawDigit = false
      }
    }
    let value = total + section + digit
    let multiplier: Double =
      run.last == Self.yi ? 1e8 : run.last == Self.wan ? 1e4 : 1
    let round = run.count == 1 && [0x767E, 0x5343, Self.wan].contains(first)  // 百 千 万
    if vagueAfter {
      guard hasUnitChar, run.last == 0x5341 || run.last == 0x767E else { return nil }  // 十几, 百几
      return Number(start: i, end: j + 1, value: value, chinese: true, multiplier: 1, vague: true)
    }
    return Number(
      start: i, end: j, value: value, chinese: true, multiplier: multiplier, roundWord: round)
  }

  /// 超过一半 → 50 %.
  private func half(in t: ScalarText, at i: Int) -> NumericClaim? {
    let hedge = vocabulary.hedgesBefore.match(in: t, endingAt: i)
    let after = vocabulary.hedgesAfter.match(in: t, at: i + 2)
    guard hedge != nil || after != nil else { return nil }
    let start = i - (hedge?.length ?? 0)
    let end = i + 2 + (after?.length ?? 0)
    return NumericClaim(
      text: t.string(start..<end), value: 50, valueMax: nil,
      approx: hedge?.payload ?? after?.payload ?? .exact, unit: "%",
      subject: subject(in: t, before: start, after: end, preferBefore: false), qualifier: nil,
      start: start, end: end, sentence: t.sentence(containing: start),
          sentenceRange: t.sentenceRange(containing: start))
  }

  /// 每半年, 半个月 → 0.5 of the unit; 上半年 and 下半年 are calendar halves.
  private func halfDuration(in t: ScalarText, at i: Int) -> NumericClaim? {
    guard !Self.notBeforeHalf.contains(t[i - 1]) else { return nil }
    for unit in ["年", "个月", "天"] where t.has(Scalars.u(unit), at: i + 1) {
      let end = i + 1 + unit.unicodeScalars.count
      return NumericClaim(
        text: t.string(i..<end), value: 0.5, valueMax: nil, approx: .exact, unit: unit,
        subject: subject(in: t, before: i, after: end, preferBefore: false), qualifier: nil,
        start: i, end: end, sentence: t.sentence(containing: i),
          sentenceRange: t.sentenceRange(containing: i))
    }
    return nil
  }

  private func finish(
    _ first: Number, in t: ScalarText, excluded: [Bool], percentWords: Bool = false,
    implicitOne: Bool = false
  ) -> NumericClaim? {
    var n = first
    let before = t[n.start - 1]
    // Ordinals, formulas, ratios, codes next to Latin letters.
    if before == 0x7B2C { return nil }  // 第
    if before == 0x2B || before == 0xFF0B || t[n.end] == 0x2B || t[n.end] == 0xFF0B { return nil }
    if before == 0x3A || before == 0xFF1A, Scalars.digit(t[n.start - 2]) != nil { return nil }
    if Scalars.isLatin(before) || Scalars.isLatin(t[n.end]) { return nil }
    if Scalars.isSpace(before) && Scalars.isLatin(t[n.start - 2]) { return nil }
    if Scalars.digit(t[n.end]) != nil { return nil }

    var j = n.end
    var approx = Approximation.exact
    var value = n.value
    var valueMax: Double? = nil
    var qualifier: ClaimQualifier? = nil

    func moreThanMark() -> Bool {
      if t[j] == Self.duo || t[j] == Self.yu, approx == .exact {
        approx = .moreThan
        j += 1
        return true
      }
      return false
    }
    _ = moreThanMark()
    if !n.chinese || n.multiplier == 1 {
      if t[j] == Self.wan || t[j] == Self.yi, n.multiplier == 1 || approx != .exact {
        let m = t[j] == Self.wan ? 1e4 : 1e8
        value *= m
        n.multiplier *= m
        j += 1
      }
    }
    _ = moreThanMark()
    // Ranges: 4至8万元, 40万元至50万元.
    func range() {
      guard valueMax == nil, Self.rangeMarks.contains(t[j]), approx == .exact,
        let second = number(in: t, at: j + 1), second.chinese == n.chinese
      else { return }
      if t[j] == 0x5230 && n.chinese { return }  // 到 with Chinese numerals is a verb
      var hi = second.value
      var k = second.end
      if second.multiplier == 1, t[k] == Self.wan || t[k] == Self.yi {
        let m = t[k] == Self.wan ? 1e4 : 1e8
        hi *= m
        k += 1
        if n.multiplier == 1 { value *= m }
      } else if n.multiplier == 1 && second.multiplier != 1 {
        value *= second.multiplier
      }
      valueMax = hi
      j = k
    }
    range()

    // The unit as scalars; compared with the U constants below, made a String at the end.
    var unit: [UInt32]
    if percentWords {
      unit = U.percent
    } else if t[j] == 0x25 || t[j] == 0xFF05 {
      unit = U.percent
      j += 1
    } else if t.has(Self.fractionMark, at: j), let denom = Optional(value), denom > 0,
      let num = number(in: t, at: j + 2)
    {
      value = num.value / denom * 100
      unit = U.percent
      j = num.end
    } else if let u = vocabulary.units.match(in: t, at: j) {
      unit = Array(t.v[j..<(j + u.length)])
      j += u.length
      if unit == U.fullWidthPercent { unit = U.percent }
    } else if n.multiplier >= 1e4 && !n.chinese && moneyBefore(in: t, n.start) {
      unit = U.yuan  // 投入资金50万: money written without 元
    } else {
      return nil
    }
    if implicitOne && unit != U.yuan { return nil }
    if valueMax == nil, t[j] == 0x81F3 || t[j] == 0x2D || t[j] == 0x7E || t[j] == 0xFF5E,
      let second = number(in: t, at: j + 1), second.chinese == n.chinese
    {
      var k = second.end
      var hi = second.value
      if second.multiplier == 1, t[k] == Self.wan || t[k] == Self.yi {
        hi *= t[k] == Self.wan ? 1e4 : 1e8
        k += 1
      }
      if t.has(unit, at: k) {
        valueMax = hi
        j = k + unit.count
      }
    }
    if let h = vocabulary.hedgesAfter.match(in: t, at: j) {
      let isMany = h.length == 1 && (t.v[j] == Self.duo || t.v[j] == Self.yu)
      let isAround =
        t.has(U.zuoyou, at: j) && h.length == 2 || t.has(U.shangxia, at: j) && h.length == 2
      if !isMany || (U.time.contains(unit) && approx == .exact) {
        if approx == .exact { approx = h.payload }
        if !isMany && !isAround { qualifier = .threshold }
        j += h.length
      }
    }

    // Exclusions that need the unit.
    if unit == U.nian {
      if !n.chinese && n.integerDigits == 4 && !n.fraction && (1000...2999).contains(n.value) {
        return nil  // 2019年
      }
      if t[j] == 0x4EE3 || t[j] == 0x7EA7 { return nil }  // 年代, 年级
    }
    if unit == U.ge && t.has(Self.duoYue, at: j) && approx == .exact {  // 3个多月
      unit = U.geYue
      approx = .moreThan
      j += 2
    }
    if unit == U.ge && t[j] == 0x6708 { return nil }
    // Page furniture: 阅读:6579, 浏览次数 123次, 电话 …
    do {
      var k = n.start - 1
      while k >= 0, n.start - k <= 8, t.v[k] != 0x0A, Self.boilerplate.match(in: t, at: k) == nil {
        k -= 1
      }
      if k >= 0, n.start - k <= 8, Self.boilerplate.match(in: t, at: k) != nil {
        return nil
      }
    }
    var start = n.start
    if n.chinese {
      if U.notChinese.contains(unit) { return nil }
      if t[j] == 0x4E00 { return nil }  // 三位一体, 四位一体: a formula
      // 三年行动: a plan's name, not a duration.
      if unit == U.nian && Self.planWords.contains(where: { t.has($0, at: j) }) { return nil }
      if Self.closingQuotes.contains(before) { return nil }  // “…”四项机制
      // Summary count after an enumeration: …、提升服务水平四个方面.
      var k = n.start - 1
      while k >= 0, Scalars.isCJK(t.v[k]) { k -= 1 }
      if k >= 0, t.v[k] == 0x3001 { return nil }
    }
    // Hedge before the number.
    if let h = vocabulary.hedgesBefore.match(in: t, endingAt: n.start),
      !excluded[max(0, n.start - 1)]
    {
      if h.length == 1 && t.v[n.start - 1] == 0x8FD1 && (unit == U.nian || unit == U.geYue) {  // 近
        // 近三年 = "in recent years": a duration, not an approximation.
      } else if approx == .exact {
        approx = h.payload
        start = n.start - h.length
      } else {
        start = n.start - h.length
      }
    }
    if n.chinese && n.value == 1 && !implicitOne {
      let pastOrShort = Self.pastOrShort.contains { t.has($0, at: n.start - $0.count) }
      guard pastOrShort, U.time.contains(unit) else { return nil }
      if start == n.start, let h = vocabulary.hedgesBefore.match(in: t, endingAt: n.start) {
        start -= h.length
      }
    }
    if n.roundWord && approx == .exact {
      if t[n.start - 1] == 0x4E0A && start == n.start {  // 上百名, 上千人: more than
        approx = .moreThan
        start -= 1
      } else {
        approx = .about
      }
    }
    if n.vague {
      if U.time.contains(unit) { return nil }  // 几十年, 数十年 are no measured period
      approx = .moreThan
    }
    guard value > 0 else { return nil }
    if (start..<j).contains(where: { excluded[$0] }) { return nil }
    if qualifier == nil { qualifier = Self.qualifier(in: t, before: start) }
    let preferBefore = unit == U.yuan || unit == U.percent || !Scalars.isCJK(t[j])
    return NumericClaim(
      text: t.string(start..<j), value: value, valueMax: valueMax, approx: approx,
      unit: Scalars.string(unit, 0..<unit.count),
      subject: subject(in: t, before: start, after: j, preferBefore: preferBefore),
      qualifier: qualifier, start: start, end: j, sentence: t.sentence(containing: start),
          sentenceRange: t.sentenceRange(containing: start))
  }

  private static let moneyWords = Lexicon(words: [
    "资金", "收入", "投入", "投资", "分红", "资产", "产值", "销售额", "营业额", "经费", "补助", "奖励",
    "捐赠", "利润", "税收", "募集", "筹集", "捐款",
  ])

  /// Whether any word of `words` lies wholly inside `r`.
  private static func occurs(_ words: Lexicon<Bool>, in t: ScalarText, _ r: Range<Int>) -> Bool {
    var k = max(0, r.lowerBound)
    let end = min(t.count, r.upperBound)
    while k < end {
      if words.match(in: t.v, at: k, end: end) != nil { return true }
      k += 1
    }
    return false
  }

  /// Whether the clause before a figure speaks of money (集体经济收入达20万).
  private func moneyBefore(in t: ScalarText, _ start: Int) -> Bool {
    var k = start - 1
    while k >= 0, start - k <= 14, Scalars.isCJK(t.v[k]) { k -= 1 }
    return Self.occurs(Self.moneyWords, in: t, (k + 1)..<start)
  }

  /// 预计 → projected, 力争/目标 → target, looked for in the clause before the number.
  private static func qualifier(in t: ScalarText, before start: Int) -> ClaimQualifier? {
    var k = start - 1
    while k >= 0, start - k <= 20, Scalars.isCJK(t.v[k]) { k -= 1 }
    let clause = (k + 1)..<start
    if occurs(projectedWords, in: t, clause) { return .projected }
    if occurs(targetWords, in: t, clause) { return .target }
    return nil
  }

  /// Words after a count that end the noun it counts: 3家非公企业|先后成立了党支部.
  private static let subjectStops = Lexicon(words: [
    "先后", "已经", "分别", "共同", "积极", "主动", "累计", "实现", "参加", "开展", "完成", "建立", "成立",
    "签订", "提供", "获得", "到位", "已", "均", "都", "全部", "被", "在", "为", "到", "与", "等",
  ])
  /// Scope words before a figure that are not its subject: 全县|共有党员.
  private static let subjectLeads = Lexicon(words: [
    "全县", "全市", "全区", "全旗", "全镇", "全村", "其中", "目前", "截至",
  ])
  private static let verbTail = [
    "达到", "累计", "共计", "合计", "总计", "实现", "共有", "达", "为", "共", "有", "是", "计", "占", "由", "的", "约",
  ]
  .map(Scalars.u)

  /// The noun phrase a number measures: the words after the unit (64名熟悉党务的工作人员),
  /// or for money, percentages and clause-final figures the words before (党组织覆盖率84.61%).
  private func subject(in t: ScalarText, before start: Int, after end: Int, preferBefore: Bool)
    -> String
  {
    func following() -> String {
      var k = end
      while k < t.count, k - end < 14, Scalars.isCJK(t.v[k]) || t.v[k] == 0x201C || t.v[k] == 0x201D
      {
        if k > end, Self.subjectStops.match(in: t, at: k) != nil { break }
        k += 1
      }
      return t.string(end..<k)
    }
    func preceding() -> String {
      var k = start - 1
      while k >= 0, start - k <= 14, Scalars.isCJK(t.v[k]) || t.v[k] == 0x201C || t.v[k] == 0x201D {
        k -= 1
      }
      var from = k + 1
      // The leads are distinct and equally long: at most one matches.
      if let lead = Self.subjectLeads.match(in: t, at: from), start - from > lead.length + 1 {
        from += lead.length
      }
      var end = start
      var changed = true
      while changed {
        changed = false
        for v in Self.verbTail
        where end - from > v.count && t.v[end - 1] == v[v.count - 1] && t.has(v, at: end - v.count)
        {
          end -= v.count
          changed = true
        }
      }
      return t.string(from..<end)
    }
    // 30家|全部建立了党组织: a verb or adverb right after the count means the noun came before.
    let verbAfter = Self.subjectStops.match(in: t, at: end) != nil
    if preferBefore || verbAfter {
      let p = preceding()
      return p.unicodeScalars.count < 2 && !verbAfter ? following() : p
    }
    let f = following()
    return f.isEmpty ? preceding() : f
  }
}

/// Numbers, dates, times and percentages in the PKU convention: one token each for
/// 二○○一年, １２月, 三十一日, 84.61%, ８·５％, 1万亿, 第二十一, 三分之一.
enum NumberPattern {
  @inline(__always) static func isArabicDigit(_ c: UInt32) -> Bool {
    (0x30...0x39).contains(c) || (0xFF10...0xFF19).contains(c)
  }

  /// 零〇○一二三四五六七八九十百千万亿两 and the financial forms 壹贰叁肆伍陆柒捌玖拾佰仟.
  @inline(__always) static func isChineseNumeral(_ c: UInt32) -> Bool {
    switch c {
    case 0x96F6, 0x3007, 0x25CB, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B,
      0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24,
      0x58F9, 0x8D30, 0x53C1, 0x8086, 0x4F0D, 0x9646, 0x67D2, 0x634C, 0x7396, 0x62FE, 0x4F70, 0x4EDF:
      true
    default: false
    }
  }

  /// Separators allowed between two digits: . ． · ∶ : ／ /
  @inline(__always) static func isDigitSeparator(_ c: UInt32) -> Bool {
    switch c {
    case 0x2E, 0xFF0E, 0xB7, 0x2236, 0x3A, 0xFF1A, 0x2F, 0xFF0F: true
    default: false
    }
  }

  /// Characters a number may carry inside a run of Han text: the separators and % ％ ‰.
  @inline(__always) static func isNumericSymbol(_ c: UInt32) -> Bool {
    isDigitSeparator(c) || c == 0x25 || c == 0xFF05 || c == 0x2030
  }

  /// 万 亿 千 百: multipliers that stay with Arabic digits (50万, 1万亿).
  @inline(__always) static func isMultiplier(_ c: UInt32) -> Bool {
    c == 0x4E07 || c == 0x4EBF || c == 0x5343 || c == 0x767E
  }

  /// 年 月 日 时 分 秒 号: units a date or time keeps (2001年, 十二月, 8时).
  @inline(__always) static func isDateSuffix(_ c: UInt32) -> Bool {
    switch c {
    case 0x5E74, 0x6708, 0x65E5, 0x65F6, 0x5206, 0x79D2: true
    default: false
    }
  }

  /// Whether digits look like a year: three or more Arabic digits, or two or more Chinese
  /// digit characters without 十百千万 (一九九八, 二○○一).
  static func isYear(_ s: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> Bool {
    if r.allSatisfy({ isArabicDigit(s[$0]) }) { return r.count >= 3 }
    return r.count >= 2
      && r.allSatisfy { isChineseNumeral(s[$0]) && ![0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF].contains(s[$0]) }
  }

  /// The end of the number starting at `i`, or nil when none starts there.
  static func end(in s: UnsafeBufferPointer<UInt32>, from i: Int) -> Int? {
    let n = s.count
    var j = i
    var ordinal = false
    if s[j] == 0x7B2C {  // 第
      ordinal = true
      j += 1
    }
    let digitsStart = j
    var arabic = 0
    var chinese = 0
    while j < n {
      let c = s[j]
      if isArabicDigit(c) {
        arabic += 1
      } else if isChineseNumeral(c) {
        // Multipliers after Arabic digits are handled below (50万), not as numerals.
        if arabic > 0 && chinese == 0 { break }
        chinese += 1
      } else if j > digitsStart, j + 1 < n, isDigitSeparator(c) || c == 0x2C,
        isArabicDigit(s[j - 1]) && isArabicDigit(s[j + 1])
      {
        // 1,100 only with three digits after the comma.
        if c == 0x2C && !(j + 3 < n + 0 && (1...3).allSatisfy { isArabicDigit(s[j + $0]) }) {
          break
        }
      } else if c == 0x70B9, j > digitsStart, j + 1 < n,
        isChineseNumeral(s[j - 1]), isChineseNumeral(s[j + 1]), arabic == 0
      {
        // 三点五: 点 as a decimal point between Chinese numerals.
      } else {
        break
      }
      j += 1
    }
    let digits = j - digitsStart
    guard digits > 0 else { return nil }
    // 分之: fractions (三分之一).
    if !ordinal, j + 2 < n, s[j] == 0x5206, s[j + 1] == 0x4E4B, isChineseNumeral(s[j + 2]) || isArabicDigit(s[j + 2]) {
      j += 2
      while j < n, isChineseNumeral(s[j]) || isArabicDigit(s[j]) { j += 1 }
      return j
    }
    if arabic > 0 {
      var multipliers = 0
      while j < n, multipliers < 2, isMultiplier(s[j]) {
        j += 1
        multipliers += 1
      }
    } else if !ordinal && digits < 2 {
      return nil
    }
    if ordinal { return j }
    guard j < n else { return j }
    let c = s[j]
    if c == 0x25 || c == 0xFF05 || c == 0x2030 {  // % ％ ‰
      return arabic > 0 ? j + 1 : j
    }
    if c == 0x5E74 {  // 年 stays with years only (2001年, 二○○一年), not durations (10 年)
      return isYear(s, digitsStart..<j) ? j + 1 : j
    }
    if isDateSuffix(c) {
      if c == 0x6708, j + 1 < n, s[j + 1] == 0x4EFD { return j + 2 }  // 月份
      return j + 1
    }
    return j
  }
}

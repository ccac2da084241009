import Foundation

/// A document's text as an array of Unicode scalar values: offsets are Python `str` indices.
///
/// The extractors scan this array directly; Strings are made only for findings.
struct ScalarText {
  let v: [UInt32]
  /// Sentence strings already made, by sentence index: findings share sentences.
  private let cache = SentenceCache()

  private final class SentenceCache {
    var strings: [Int: String] = [:]
  }
  /// Sentence ranges tiling the text, split after 。！？!；; and at newlines.
  let sentences: [Range<Int>]

  init(_ text: String) {
    v = text.unicodeScalars.map(\.value)
    var out: [Range<Int>] = []
    var start = 0
    for (i, c) in v.enumerated() where ScalarText.endsSentence(c) {
      out.append(start..<(i + 1))
      start = i + 1
    }
    if start < v.count { out.append(start..<v.count) }
    sentences = out
  }

  var count: Int { v.count }

  subscript(i: Int) -> UInt32 { i >= 0 && i < v.count ? v[i] : 0 }

  func string(_ r: Range<Int>) -> String {
    let lo = max(0, r.lowerBound)
    let hi = min(v.count, r.upperBound)
    guard lo < hi else { return "" }
    var bytes: [UInt8] = []
    bytes.reserveCapacity((hi - lo) * 3)
    for x in v[lo..<hi] {
      switch x {
      case 0..<0x80:
        bytes.append(UInt8(x))
      case 0x80..<0x800:
        bytes.append(UInt8(0xC0 | (x >> 6)))
        bytes.append(UInt8(0x80 | (x & 0x3F)))
      case 0x800..<0x10000:
        bytes.append(UInt8(0xE0 | (x >> 12)))
        bytes.append(UInt8(0x80 | ((x >> 6) & 0x3F)))
        bytes.append(UInt8(0x80 | (x & 0x3F)))
      default:
        bytes.append(UInt8(0xF0 | (x >> 18)))
        bytes.append(UInt8(0x80 | ((x >> 12) & 0x3F)))
        bytes.append(UInt8(0x80 | ((x >> 6) & 0x3F)))
        bytes.append(UInt8(0x80 | (x & 0x3F)))
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The sentence containing offset `i`, trimmed of surrounding whitespace.
  func sentence(containing i: Int) -> String {
    var lo = 0
    var hi = sentences.count - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      let r = sentences[mid]
      if i < r.lowerBound {
        hi = mid - 1
      } else if i >= r.upperBound {
        lo = mid + 1
      } else {
        if let s = cache.strings[mid] { return s }
        var a = r.lowerBound
        var b = r.upperBound
        while a < b, Scalars.isSpace(v[a]) || v[a] == 0x0A || v[a] == 0x0D { a += 1 }
        while b > a, Scalars.isSpace(v[b - 1]) || v[b - 1] == 0x0A || v[b - 1] == 0x0D { b -= 1 }
        let s = string(a..<b)
        cache.strings[mid] = s
        return s
      }
    }
    return ""
  }

  /// Whether `pattern` occurs anywhere in `r`.
  func contains(_ pattern: [UInt32], in r: Range<Int>) -> Bool {
    guard !pattern.isEmpty, r.count >= pattern.count else { return false }
    for k in r.lowerBound...(r.upperBound - pattern.count) where has(pattern, at: k) { return true }
    return false
  }

  /// Whether `pattern` occurs at offset `i`.
  func has(_ pattern: [UInt32], at i: Int) -> Bool {
    guard i >= 0, i + pattern.count <= v.count else { return false }
    for (k, p) in pattern.enumerated() where v[i + k] != p { return false }
    return true
  }

  static func endsSentence(_ c: UInt32) -> Bool {
    switch c {
    case 0x3002, 0xFF01, 0xFF1F, 0x21, 0xFF1B, 0x3B, 0x0A, 0x0D: return true
    default: return false
    }
  }
}

/// Character classes over raw scalar values.
enum Scalars {
  static func isCJK(_ c: UInt32) -> Bool {
    if c < 0x3400 { return c == 0x3007 }
    return c <= 0x4DBF || (0x4E00...0x9FFF).contains(c) || (0x20000...0x2FA1F).contains(c)
  }

  static func digit(_ c: UInt32) -> Int? {
    if (0x30...0x39).contains(c) { return Int(c - 0x30) }
    if (0xFF10...0xFF19).contains(c) { return Int(c - 0xFF10) }
    return nil
  }

  static func isSpace(_ c: UInt32) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x3000 || c == 0xA0
  }

  static func isLatin(_ c: UInt32) -> Bool {
    (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || (0xFF21...0xFF3A).contains(c)
      || (0xFF41...0xFF5A).contains(c)
  }

  static func u(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
  static func u(_ c: Unicode.Scalar) -> UInt32 { c.value }
}

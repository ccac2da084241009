import Foundation

/// A document's text as an array of Unicode scalar values: offsets are Python `str` indices.
///
/// The extractors scan this array directly; Strings are made only for findings.
struct ScalarText {
  let v: [UInt32]
  /// Sentence strings already made, by sentence index: findings share sentences.
  private let cache = SentenceCache()

  private final class SentenceCache {
    /// By sentence index; empty until the first finding asks.
    var strings: [String?] = []
  }
  /// Sentence ranges tiling the text, split after 。！？!；; and at newlines.
  let sentences: [Range<Int>]

  /// False: `sentence(containing:)` gives "" (for callers that keep `sentenceRange` only).
  let makesSentences: Bool

  init(_ text: String, sentences: Bool = true) {
    self.init(scalars: Scalars.u(text), sentences: sentences)
  }

  init(scalars: [UInt32], sentences: Bool = true) {
    v = scalars
    makesSentences = sentences
    var out: [Range<Int>] = []
    var start = 0
    for i in v.indices where ScalarText.endsSentence(v[i]) {
      out.append(start..<(i + 1))
      start = i + 1
    }
    if start < v.count { out.append(start..<v.count) }
    self.sentences = out
  }

  var count: Int { v.count }

  subscript(i: Int) -> UInt32 { i >= 0 && i < v.count ? v[i] : 0 }

  func string(_ r: Range<Int>) -> String { Scalars.string(v, r) }

  /// The sentence containing offset `i`, trimmed of surrounding whitespace.
  func sentence(containing i: Int) -> String {
    guard makesSentences, let k = sentenceIndex(containing: i) else { return "" }
    if cache.strings.isEmpty {
      cache.strings = [String?](repeating: nil, count: sentences.count)
    }
    if let s = cache.strings[k] { return s }
    let s = string(trimmed(sentences[k]))
    cache.strings[k] = s
    return s
  }

  /// Where `sentence(containing: i)` lies in the text (what the store keeps instead of the
  /// string); an empty range at `i` when no sentence holds it.
  func sentenceRange(containing i: Int) -> Range<Int> {
    guard let k = sentenceIndex(containing: i) else { return i..<i }
    return trimmed(sentences[k])
  }

  private func sentenceIndex(containing i: Int) -> Int? {
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
        return mid
      }
    }
    return nil
  }

  private func trimmed(_ r: Range<Int>) -> Range<Int> {
    var a = r.lowerBound
    var b = r.upperBound
    while a < b, Scalars.isSpace(v[a]) || v[a] == 0x0A || v[a] == 0x0D { a += 1 }
    while b > a, Scalars.isSpace(v[b - 1]) || v[b - 1] == 0x0A || v[b - 1] == 0x0D { b -= 1 }
    return a..<b
  }

  /// Whether `pattern` occurs anywhere in `r`.
  func contains(_ pattern: [UInt32], in r: Range<Int>) -> Bool {
    Scalars.contains(v, pattern, in: r)
  }

  /// Whether `pattern` occurs at offset `i`.
  @inline(__always) func has(_ pattern: [UInt32], at i: Int) -> Bool {
    Scalars.has(v, pattern, at: i)
  }

  static func endsSentence(_ c: UInt32) -> Bool {
    switch c {
    case 0x3002, 0xFF01, 0xFF1F, 0x21, 0xFF1B, 0x3B, 0x0A, 0x0D: return true
    default: return false
    }
  }
}

/// A fixed set of scalars tested with one bit lookup (no hashing).
struct ScalarSet: Sendable {
  private var bits: [UInt64]

  init(_ members: String) {
    let v = Scalars.u(members)
    bits = [UInt64](repeating: 0, count: Int((v.max() ?? 0) >> 6) + 1)
    for c in v { bits[Int(c >> 6)] |= 1 << UInt64(c & 63) }
  }

  @inline(__always) func contains(_ c: UInt32) -> Bool {
    let w = Int(c >> 6)
    return w < bits.count && bits[w] & (1 << UInt64(c & 63)) != 0
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

  /// The scalar values of `s`, decoded from its UTF-8 in one pass.
  static func u(_ s: String) -> [UInt32] {
    var s = s
    return s.withUTF8 { b in
      [UInt32](unsafeUninitializedCapacity: b.count) { out, count in
        var i = 0
        var n = 0
        let end = b.count
        while i < end {
          let x = UInt32(b[i])
          if x < 0x80 {
            out[n] = x
            i += 1
          } else if x < 0xE0 {
            out[n] = (x & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
            i += 2
          } else if x < 0xF0 {
            out[n] = (x & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
            i += 3
          } else {
            out[n] =
              (x & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
              | UInt32(b[i + 3] & 0x3F)
            i += 4
          }
          n += 1
        }
        count = n
      }
    }
  }

  /// A hash key for the text `v[r]` that is equal exactly when the Strings are (canonical
  /// equivalence): the scalars themselves when none of them composes or decomposes (ASCII to
  /// U+02FF, general punctuation, CJK punctuation and ideographs, full-width forms), else the
  /// scalars of the NFC form. Hashing scalars skips String's normalising hash.
  static func key(_ v: [UInt32], _ r: Range<Int>) -> [UInt32] {
    let plain = v[r].allSatisfy { c in
      c < 0x300 || (0x4E00..<0xA000).contains(c) || (0x3000..<0x302A).contains(c)
        || (0x2010..<0x2070).contains(c) || (0xFF00..<0xFFF0).contains(c)
    }
    return plain ? Array(v[r]) : u(string(v, r).precomposedStringWithCanonicalMapping)
  }

  /// Whether `pattern` occurs in `v` at offset `i`.
  @inline(__always) static func has(_ v: [UInt32], _ pattern: [UInt32], at i: Int) -> Bool {
    guard i >= 0, i + pattern.count <= v.count else { return false }
    var k = 0
    while k < pattern.count {
      if v[i + k] != pattern[k] { return false }
      k += 1
    }
    return true
  }

  /// Whether `pattern` occurs anywhere in `v[r]`.
  static func contains(_ v: [UInt32], _ pattern: [UInt32], in r: Range<Int>) -> Bool {
    let lo = max(0, r.lowerBound)
    let hi = min(v.count, r.upperBound)
    guard let first = pattern.first, hi - lo >= pattern.count else { return false }
    var k = lo
    let last = hi - pattern.count
    while k <= last {
      if v[k] == first && has(v, pattern, at: k) { return true }
      k += 1
    }
    return false
  }

  /// Whether `v[r]` ends with `pattern`.
  @inline(__always) static func hasSuffix(_ v: [UInt32], _ r: Range<Int>, _ pattern: [UInt32])
    -> Bool
  {
    r.count >= pattern.count && has(v, pattern, at: r.upperBound - pattern.count)
  }

  /// Whether `v[r]` is exactly `pattern`.
  @inline(__always) static func equals(_ v: [UInt32], _ r: Range<Int>, _ pattern: [UInt32])
    -> Bool
  {
    r.count == pattern.count && has(v, pattern, at: r.lowerBound)
  }

  /// The string of the scalars `v[r]` (clamped to `v`).
  static func string(_ v: [UInt32], _ r: Range<Int>) -> String {
    let lo = max(0, r.lowerBound)
    let hi = min(v.count, r.upperBound)
    guard lo < hi else { return "" }
    // The exact UTF-8 length: up to 15 bytes the String is stored inline, without allocating.
    var bytes = 0
    for k in lo..<hi {
      let x = v[k]
      bytes += x < 0x80 ? 1 : x < 0x800 ? 2 : x < 0x10000 ? 3 : 4
    }
    return String(unsafeUninitializedCapacity: bytes) { b in
      var n = 0
      for k in lo..<hi {
        let x = v[k]
        switch x {
        case 0..<0x80:
          b[n] = UInt8(x)
          n += 1
        case 0x80..<0x800:
          b[n] = UInt8(0xC0 | (x >> 6))
          b[n + 1] = UInt8(0x80 | (x & 0x3F))
          n += 2
        case 0x800..<0x10000:
          b[n] = UInt8(0xE0 | (x >> 12))
          b[n + 1] = UInt8(0x80 | ((x >> 6) & 0x3F))
          b[n + 2] = UInt8(0x80 | (x & 0x3F))
          n += 3
        default:
          b[n] = UInt8(0xF0 | (x >> 18))
          b[n + 1] = UInt8(0x80 | ((x >> 12) & 0x3F))
          b[n + 2] = UInt8(0x80 | ((x >> 6) & 0x3F))
          b[n + 3] = UInt8(0x80 | (x & 0x3F))
          n += 4
        }
      }
      return n
    }
  }
  static func u(_ c: Unicode.Scalar) -> UInt32 { c.value }
}

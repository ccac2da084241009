import Foundation

/// A document's text as an array of Unicode scalar values: offsets are Python `str` indices.
///
/// The extractors scan this array directly; Strings are made only for findings.
struct ScalarText: Sendable {
  let v: [UInt32]
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
    var view = String.UnicodeScalarView()
    for x in v[max(0, r.lowerBound)..<min(v.count, r.upperBound)] {
      if let s = Unicode.Scalar(x) { view.append(s) }
    }
    return String(view)
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
        return string(r).trimmingCharacters(in: .whitespacesAndNewlines)
      }
    }
    return ""
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
    (0x4E00...0x9FFF).contains(c) || (0x3400...0x4DBF).contains(c)
      || (0x20000...0x2FA1F).contains(c) || c == 0x3007
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

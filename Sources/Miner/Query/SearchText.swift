/// The normalisation search applies to documents and queries alike, one Unicode scalar at a time.
///
/// - Full-width ASCII (U+FF01–U+FF5E) becomes half-width: `＋` → `+`, `ＡＰＰ` → `APP`.
/// - ASCII letters fold to lower case: `APP` → `app`.
/// - Separators become one space, and a run of them one space: spaces and tabs (U+0020, U+0009,
///   U+000B, U+000C, U+000D, U+00A0, U+2000–U+200B, U+202F, U+205F, U+3000 ideographic space,
///   U+FEFF), `、` `､` `,` `，` `/` `／` `;` `；` `·` `・` `•`. So `一企一特色、一地一品牌` and
///   `一企一特色，一地一品牌` are the same phrase.
/// - Everything else is kept as it is; a newline (U+000A) is a paragraph boundary that no match
///   crosses.
///
/// Hits point back into the original text: every normalised scalar remembers the original
/// scalar offset where it starts.
public enum SearchText {
  /// Bumped whenever the rules above change: the index is then rebuilt.
  static let version = 1

  static let separator: UInt32 = 0x20
  static let newline: UInt32 = 0x0A

  /// The normalised scalar for `value` (separators become `separator`; runs collapse later).
  @inline(__always)
  static func fold(_ value: UInt32) -> UInt32 {
    var v = value
    if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
    if v >= 0x41 && v <= 0x5A { return v + 0x20 }
    return isSeparator(v) ? separator : v
  }

  @inline(__always)
  static func isSeparator(_ v: UInt32) -> Bool {
    switch v {
    case 0x09, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x2C, 0x2F, 0x3B, 0xB7: true
    case 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: true
    case 0x3001, 0xFF64, 0x30FB, 0x2022: true
    default: false
    }
  }

  /// A Han character (the script of 汉字), which a template's `?` stands for: CJK Unified
  /// Ideographs and their extensions, compatibility ideographs, 〇 and 々.
  @inline(__always)
  static func isHan(_ v: UInt32) -> Bool {
    switch v {
    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F, 0x30000...0x323AF:
      true
    case 0x3005, 0x3007, 0x3021...0x3029, 0x3038...0x303B: true
    default: false
    }
  }

  /// The normalised scalars of `text`.
  public static func normalized(_ text: String) -> [UInt32] {
    Normalized(text, origins: false).scalars
  }
}

/// A text after `SearchText` normalisation, with the original offset of each scalar.
struct Normalized {
  var scalars: [UInt32] = []
  /// `origins[i]`: the original scalar offset where normalised scalar `i` starts (empty unless
  /// asked for).
  var origins: [Int32] = []
  /// The number of scalars in the original text.
  var originalCount = 0

  init(_ text: String, origins keepOrigins: Bool) {
    scalars.reserveCapacity(text.utf8.count / 2)
    if keepOrigins { origins.reserveCapacity(text.utf8.count / 2) }
    var offset: Int32 = 0
    var last: UInt32 = 0
    for scalar in text.unicodeScalars {
      let v = SearchText.fold(scalar.value)
      if !(v == SearchText.separator && last == SearchText.separator) {
        scalars.append(v)
        if keepOrigins { origins.append(offset) }
      }
      last = v
      offset += 1
    }
    originalCount = Int(offset)
  }

  /// The original scalar range of normalised scalars `start..<end`.
  func originalRange(_ start: Int, _ end: Int) -> Range<Int> {
    let lower = Int(origins[start])
    let upper = end < origins.count ? Int(origins[end]) : originalCount
    return lower..<upper
  }
}

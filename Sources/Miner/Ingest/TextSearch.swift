import Foundation

/// Byte-level substring search over UTF-8 strings. Foundation's `contains`/`range(of:)` go
/// through CFString and Unicode folding, which cost a third of page cleaning time; exact
/// UTF-8 matching is what cleaning needs (a valid UTF-8 needle only matches at scalar starts).
enum TextSearch {
  static func range(of needle: String, in haystack: String) -> Range<String.Index>? {
    guard let offset = offset(of: needle, in: haystack) else { return nil }
    let lower = haystack.utf8.index(haystack.utf8.startIndex, offsetBy: offset)
    let upper = haystack.utf8.index(lower, offsetBy: needle.utf8.count)
    return lower..<upper
  }

  /// The UTF-8 offset of the first `needle` in `haystack`.
  static func offset(of needle: String, in haystack: String) -> Int? {
    withBytes(haystack) { h in
      withBytes(needle) { n in
        guard n.count > 0, n.count <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else {
          return nil
        }
        return find(nb, n.count, in: hb, h.count)
      }
    }
  }

  /// The string's UTF-8 in place: borrowed, not copied into a `var` as `withUTF8` needs (that
  /// copy cost a retain and a release of each string per search, ~450 searches a page).
  @inline(__always)
  static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = s  // a bridged string: made native and contiguous first
    return copy.withUTF8(body)
  }

  /// The offset of the first `needle[..<n]` in `haystack[..<count]`. memchr looks for the
  /// needle's last byte: a Chinese needle's first byte (E4-E9) is on every other character of
  /// Chinese text, its last byte (a continuation byte) on few.
  static func find(
    _ needle: UnsafePointer<UInt8>, _ n: Int, in haystack: UnsafePointer<UInt8>, _ count: Int
  ) -> Int? {
    guard n > 0, n <= count else { return nil }
    let last = Int32(needle[n - 1])
    var end = n - 1
    while end < count {
      guard let hit = memchr(haystack + end, last, count - end) else { return nil }
      end = UnsafeRawPointer(hit) - UnsafeRawPointer(haystack)
      let at = end - (n - 1)
      if memcmp(haystack + at, needle, n) == 0 { return at }
      end += 1
    }
    return nil
  }

  static func contains(_ haystack: String, _ needle: String) -> Bool {
    offset(of: needle, in: haystack) != nil
  }

  /// The last occurrence of `needle` (of the matches found left to right without overlap).
  static func lastRange(of needle: String, in haystack: String) -> Range<String.Index>? {
    let found: Int? = withBytes(haystack) { h -> Int? in
      withBytes(needle) { n -> Int? in
        guard n.count > 0, n.count <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else {
          return nil
        }
        var last: Int?
        var offset = 0
        while offset < h.count, let at = find(nb, n.count, in: hb + offset, h.count - offset) {
          last = offset + at
          offset += at + n.count
        }
        return last
      }
    }
    guard let found else { return nil }
    let lower = haystack.utf8.index(haystack.utf8.startIndex, offsetBy: found)
    return lower..<haystack.utf8.index(lower, offsetBy: needle.utf8.count)
  }

  /// Pieces of `text` between occurrences of `separator`.
  static func split(_ text: String, by separator: String) -> [String] {
    var parts: [String] = []
    var rest = text
    while let r = range(of: separator, in: rest) {
      parts.append(String(rest[..<r.lowerBound]))
      rest = String(rest[r.upperBound...])
    }
    parts.append(rest)
    return parts
  }
}

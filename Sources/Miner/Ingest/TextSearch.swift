import Foundation

/// Byte-level substring search over UTF-8 strings. Foundation's `contains`/`range(of:)` go
/// through CFString and Unicode folding, which cost a third of page cleaning time; exact
/// UTF-8 matching is what cleaning needs (a valid UTF-8 needle only matches at scalar starts).
enum TextSearch {
  static func range(of needle: String, in haystack: String) -> Range<String.Index>? {
    var hay = haystack
    var pin = needle
    hay.makeContiguousUTF8()
    pin.makeContiguousUTF8()
    let offset: Int? = hay.utf8.withContiguousStorageIfAvailable { h -> Int? in
      pin.utf8.withContiguousStorageIfAvailable { n -> Int? in
        guard n.count > 0, n.count <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else {
          return nil
        }
        let first = Int32(nb[0])
        var start = 0
        let last = h.count - n.count
        while start <= last {
          // memchr finds the candidate first byte; memcmp checks the rest.
          guard let hit = memchr(hb + start, first, last - start + 1) else { return nil }
          let at = UnsafeRawPointer(hit) - UnsafeRawPointer(hb)
          if memcmp(hb + at, nb, n.count) == 0 { return at }
          start = at + 1
        }
        return nil
      } ?? nil
    } ?? nil
    guard let offset else { return nil }
    let lower = haystack.utf8.index(haystack.utf8.startIndex, offsetBy: offset)
    let upper = haystack.utf8.index(lower, offsetBy: needle.utf8.count)
    return lower..<upper
  }

  static func contains(_ haystack: String, _ needle: String) -> Bool {
    range(of: needle, in: haystack) != nil
  }

  /// The last occurrence of `needle`.
  static func lastRange(of needle: String, in haystack: String) -> Range<String.Index>? {
    let bytes = haystack.utf8
    var found: Range<String.Index>?
    var offset = 0
    while true {
      // After a match of valid UTF-8 the offset lies on a scalar boundary.
      let rest = String(haystack[bytes.index(bytes.startIndex, offsetBy: offset)...])
      guard let r = range(of: needle, in: rest) else { break }
      let at = offset + rest.utf8.distance(from: rest.utf8.startIndex, to: r.lowerBound)
      let lower = bytes.index(bytes.startIndex, offsetBy: at)
      found = lower..<bytes.index(lower, offsetBy: needle.utf8.count)
      offset = at + needle.utf8.count
    }
    return found
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

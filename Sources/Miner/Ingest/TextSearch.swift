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
}

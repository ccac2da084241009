import Foundation

/// A set of words with payloads, matched longest-first at a position or ending at one.
///
/// Words are stored end to end in one scalar array; a two-level table over the BMP says which
/// words start (or end) with a scalar, so a miss costs two array loads and no hashing.
struct Lexicon<Payload: Sendable>: Sendable {
  /// A word: where its scalars lie in `scalars`, and its payload's index.
  private struct Word: Sendable {
    var start: Int
    var count: Int
    var payload: Int
  }
  /// Words grouped by first (or last) scalar, longest first; ties keep the order given.
  private struct Index: Sendable {
    var words: [Word] = []
    /// Group number + 1 per BMP scalar (0: no word), in two levels to stay small: `blocks`
    /// gives, per high byte, which 256-entry block of `cells` holds the low bytes (0: none).
    var blocks = [UInt16](repeating: 0, count: 256)
    var cells: [UInt16] = []
    var far: [UInt32: Int] = [:]
    var groups: [Range<Int>] = []
    /// A Bloom bit per (key, next) pair of the longer words, `next` being the second (or the
    /// second-to-last) scalar: most misses end at this test.
    var pairBits: [UInt64] = [0]
    var pairShift: UInt64 = 58
    /// Per group, the first one-scalar word, if any: the only match when `pairBits` says no.
    var single: [Int?] = []

    init() {}

    @inline(__always) func pairBit(_ key: UInt32, _ next: UInt32) -> (word: Int, bit: UInt64) {
      let h =
        (UInt64(key) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(next) &* 0xC2B2_AE3D_27D4_EB4F)
        &* 0x1656_67B1_9E37_79F9
      let slot = h >> pairShift
      return (Int(slot >> 6), 1 << (slot & 63))
    }

    @inline(__always) func mayPair(_ key: UInt32, _ next: UInt32) -> Bool {
      let (w, b) = pairBit(key, next)
      return pairBits[w] & b != 0
    }

    init(_ all: [Word], key: (Word) -> UInt32, next: (Word) -> UInt32?) {
      // About 32 bits per word, at least 64.
      var log2 = 6
      while (1 << log2) < all.count * 32 { log2 += 1 }
      pairShift = UInt64(64 - log2)
      pairBits = [UInt64](repeating: 0, count: (1 << log2) / 64)
      for w in all {
        if let n = next(w) {
          let (i, b) = pairBit(key(w), n)
          pairBits[i] |= b
        }
      }
      var byKey: [UInt32: [Word]] = [:]
      var order: [UInt32] = []
      for w in all {
        let k = key(w)
        if byKey[k] == nil { order.append(k) }
        byKey[k, default: []].append(w)
      }
      for k in order {
        // Stable: equally long words keep their order (as the earlier sort did).
        let list = byKey[k]!.enumerated().sorted {
          ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset)
        }.map(\.element)
        let g = groups.count
        groups.append(words.count..<(words.count + list.count))
        single.append(list.firstIndex { $0.count == 1 }.map { words.count + $0 })
        words += list
        if k < 0x10000 {
          let hi = Int(k >> 8)
          if blocks[hi] == 0 {
            cells += [UInt16](repeating: 0, count: 256)
            blocks[hi] = UInt16(cells.count / 256)
          }
          cells[(Int(blocks[hi]) - 1) << 8 | Int(k & 0xFF)] = UInt16(g + 1)
        } else {
          far[k] = g
        }
      }
      precondition(groups.count < 0xFFFF, "Lexicon: too many distinct first or last scalars")
    }

    /// The group number of words keyed by `c`, or nil.
    @inline(__always) func group(_ c: UInt32) -> Int? {
      if c < 0x10000 {
        let b = Int(blocks[Int(c >> 8)])
        if b == 0 { return nil }
        let g = Int(cells[(b - 1) << 8 | Int(c & 0xFF)])
        return g == 0 ? nil : g - 1
      }
      return far[c]
    }
  }

  private var scalars: [UInt32] = []
  private var payloads: [Payload] = []
  private var byFirst = Index()
  private var byLast = Index()
  private(set) var maxLength = 0

  init(_ entries: [(String, Payload)]) {
    var all: [Word] = []
    for (w, p) in entries {
      let pattern = Scalars.u(w)
      guard !pattern.isEmpty else { continue }
      all.append(Word(start: scalars.count, count: pattern.count, payload: payloads.count))
      scalars += pattern
      payloads.append(p)
      maxLength = max(maxLength, pattern.count)
    }
    let s = scalars
    byFirst = Index(all, key: { s[$0.start] }, next: { $0.count > 1 ? s[$0.start + 1] : nil })
    byLast = Index(
      all, key: { s[$0.start + $0.count - 1] },
      next: { $0.count > 1 ? s[$0.start + $0.count - 2] : nil })
  }

  @inline(__always) private func equal(_ w: Word, _ v: [UInt32], at i: Int) -> Bool {
    var k = 0  // (the key scalar is known equal; comparing it again is cheaper than skipping)
    while k < w.count {
      if v[i + k] != scalars[w.start + k] { return false }
      k += 1
    }
    return true
  }

  /// The longest word starting at `i`.
  @inline(__always) func match(in t: ScalarText, at i: Int) -> (length: Int, payload: Payload)? {
    match(in: t.v, at: i, end: t.count)
  }

  /// The longest word starting at `i` and ending by `end` (≤ v.count).
  @inline(__always) func match(in v: [UInt32], at i: Int, end: Int) -> (
    length: Int, payload: Payload
  )? {
    guard i >= 0, i < end, let g = byFirst.group(v[i]) else { return nil }
    if i + 1 >= end || !byFirst.mayPair(v[i], v[i + 1]) {
      // No word of two or more scalars can match here.
      return byFirst.single[g].map { (1, payloads[byFirst.words[$0].payload]) }
    }
    for n in byFirst.groups[g] {
      let w = byFirst.words[n]
      if i + w.count <= end, equal(w, v, at: i) { return (w.count, payloads[w.payload]) }
    }
    return nil
  }

  /// The longest word ending just before `end`.
  func match(in t: ScalarText, endingAt end: Int) -> (length: Int, payload: Payload)? {
    match(in: t.v, endingAt: end, start: 0)
  }

  /// The longest word ending just before `end` and starting at or after `start`.
  func match(in v: [UInt32], endingAt end: Int, start: Int) -> (length: Int, payload: Payload)? {
    guard end > start, end <= v.count, let g = byLast.group(v[end - 1]) else { return nil }
    if end - 1 <= start || !byLast.mayPair(v[end - 1], v[end - 2]) {
      return byLast.single[g].map { (1, payloads[byLast.words[$0].payload]) }
    }
    for n in byLast.groups[g] {
      let w = byLast.words[n]
      if end - w.count >= start, equal(w, v, at: end - w.count) {
        return (w.count, payloads[w.payload])
      }
    }
    return nil
  }
}

extension Lexicon where Payload == Bool {
  init(words: [String]) { self.init(words.map { ($0, true) }) }
}

/// The extraction vocabularies, read once from Resources/extract (see its README.md).
struct Vocabulary: Sendable {
  var units: Lexicon<Bool>
  var hedgesBefore: Lexicon<Approximation>
  var hedgesAfter: Lexicon<Approximation>
  var firmSuffixes: Lexicon<FirmKind>
  var firmTrim: Lexicon<Bool>
  /// Stems that are no name on their own (联营, 国有 …), as scalars.
  var firmStemsRejected: [[UInt32]]
  var firmStemSubstringsRejected: [[UInt32]]
  /// Trade words (科技, 农业 …), longest first, as scalars.
  var firmIndustry: [[UInt32]]
  var sloganExclusions: [[UInt32]]
  var sloganExcludedSuffixes: [[UInt32]]
  var sloganExcludedSubstrings: [[UInt32]]
  var sloganExcludedFollowers: Lexicon<Bool>
  var sloganStock: Lexicon<Bool>
  var countNouns: Set<String>
  var regionGenericNames: Set<String>
  var sloganLeadVerbs: Lexicon<Bool>

  static func bundled() throws(ExtractError) -> Vocabulary {
    func lines(_ name: String) throws(ExtractError) -> [String] {
      guard
        let url = Bundle.module.url(
          forResource: name, withExtension: "txt", subdirectory: "Resources/extract")
      else { throw ExtractError("cannot load vocabulary \(name).txt: not in the Miner bundle") }
      let text: String
      do { text = try String(contentsOf: url, encoding: .utf8) } catch {
        throw ExtractError("cannot load vocabulary \(url.path): \(error.localizedDescription)")
      }
      return text.split(whereSeparator: \.isNewline).map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
    func pairs<P>(_ name: String, _ parse: (String) -> P?) throws(ExtractError) -> [(String, P)] {
      var out: [(String, P)] = []
      for line in try lines(name) {
        let cols = line.split(separator: "\t").map(String.init)
        guard cols.count == 2, let p = parse(cols[1]) else {
          throw ExtractError("cannot load vocabulary \(name).txt: bad line \"\(line)\"")
        }
        out.append((cols[0], p))
      }
      return out
    }
    let stems = try lines("firm-stems-rejected")
    return Vocabulary(
      units: Lexicon(words: try lines("units")),
      hedgesBefore: Lexicon(try pairs("hedges-before") { Approximation(rawValue: $0) }),
      hedgesAfter: Lexicon(try pairs("hedges-after") { Approximation(rawValue: $0) }),
      firmSuffixes: Lexicon(try pairs("firm-suffixes") { FirmKind(rawValue: $0) }),
      firmTrim: Lexicon(words: try lines("firm-trim")),
      firmStemsRejected: Array(Set(stems.filter { !$0.hasSuffix("*") })).map(Scalars.u),
      firmStemSubstringsRejected: stems.filter { $0.hasSuffix("*") }.map {
        Scalars.u(String($0.dropLast()))
      },
      firmIndustry: try lines("firm-industry").sorted { $0.count > $1.count }.map(Scalars.u),
      sloganExclusions: Array(Set(try lines("slogan-exclusions"))).map(Scalars.u),
      sloganExcludedSuffixes: try lines("slogan-excluded-suffixes").map(Scalars.u),
      sloganExcludedSubstrings: try lines("slogan-excluded-substrings").map(Scalars.u),
      sloganExcludedFollowers: Lexicon(words: try lines("slogan-excluded-followers")),
      sloganStock: Lexicon(words: try lines("slogan-stock")),
      countNouns: Set(try lines("count-nouns")),
      regionGenericNames: Set(try lines("region-generic-names")),
      sloganLeadVerbs: Lexicon(words: try lines("slogan-lead-verbs")))
  }
}

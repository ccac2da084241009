import Foundation

/// A set of words with payloads, matched longest-first at a position or ending at one.
struct Lexicon<Payload: Sendable>: Sendable {
  struct Entry: Sendable {
    var pattern: [UInt32]
    var payload: Payload
  }
  private var byFirst: [UInt32: [Entry]] = [:]
  private var byLast: [UInt32: [Entry]] = [:]
  private(set) var maxLength = 0
  /// Which BMP scalars start or end a word: a bit test before any hashing.
  private var firstBits = [UInt64](repeating: 0, count: 1024)
  private var lastBits = [UInt64](repeating: 0, count: 1024)

  private static func test(_ bits: [UInt64], _ c: UInt32) -> Bool {
    c >= 0x10000 || bits[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0
  }
  private static func set(_ bits: inout [UInt64], _ c: UInt32) {
    if c < 0x10000 { bits[Int(c >> 6)] |= 1 << UInt64(c & 63) }
  }

  init(_ words: [(String, Payload)]) {
    for (w, p) in words {
      let pattern = Scalars.u(w)
      guard let first = pattern.first, let last = pattern.last else { continue }
      let e = Entry(pattern: pattern, payload: p)
      byFirst[first, default: []].append(e)
      byLast[last, default: []].append(e)
      Self.set(&firstBits, first)
      Self.set(&lastBits, last)
      maxLength = max(maxLength, pattern.count)
    }
    for k in byFirst.keys { byFirst[k]!.sort { $0.pattern.count > $1.pattern.count } }
    for k in byLast.keys { byLast[k]!.sort { $0.pattern.count > $1.pattern.count } }
  }

  /// The longest word starting at `i`.
  func match(in t: ScalarText, at i: Int) -> (length: Int, payload: Payload)? {
    guard i >= 0, i < t.count, Self.test(firstBits, t.v[i]), let list = byFirst[t.v[i]] else {
      return nil
    }
    for e in list where t.has(e.pattern, at: i) { return (e.pattern.count, e.payload) }
    return nil
  }

  /// The longest word ending just before `end`.
  func match(in t: ScalarText, endingAt end: Int) -> (length: Int, payload: Payload)? {
    guard end > 0, end <= t.count, Self.test(lastBits, t.v[end - 1]),
      let list = byLast[t.v[end - 1]]
    else { return nil }
    for e in list where t.has(e.pattern, at: end - e.pattern.count) {
      return (e.pattern.count, e.payload)
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
  var firmStemsRejected: Set<String>
  var firmStemSubstringsRejected: [String]
  var firmIndustry: [String]
  var sloganExclusions: Set<String>
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
      firmStemsRejected: Set(stems.filter { !$0.hasSuffix("*") }),
      firmStemSubstringsRejected: stems.filter { $0.hasSuffix("*") }.map { String($0.dropLast()) },
      firmIndustry: try lines("firm-industry").sorted { $0.count > $1.count },
      sloganExclusions: Set(try lines("slogan-exclusions")),
      sloganExcludedSuffixes: try lines("slogan-excluded-suffixes").map(Scalars.u),
      sloganExcludedSubstrings: try lines("slogan-excluded-substrings").map(Scalars.u),
      sloganExcludedFollowers: Lexicon(words: try lines("slogan-excluded-followers")),
      sloganStock: Lexicon(words: try lines("slogan-stock")),
      countNouns: Set(try lines("count-nouns")),
      regionGenericNames: Set(try lines("region-generic-names")),
      sloganLeadVerbs: Lexicon(words: try lines("slogan-lead-verbs")))
  }
}

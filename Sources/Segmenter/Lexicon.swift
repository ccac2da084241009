import Foundation

/// A word list with frequencies, compiled into a trie for the segmenter's best-path search.
///
/// Built once and shared read-only by every thread. The trie is a single open-addressing hash
/// table keyed by (parent node, Unicode scalar), so walking one character costs one probe.
/// Scores are natural-log probabilities `log(frequency / total)`, as in jieba.
public final class Lexicon: @unchecked Sendable {
  // @unchecked: every stored buffer is written only during `init` and read-only afterwards.

  /// A word list to build a lexicon from.
  public struct Source: Sendable {
    var name: String
    var bytes: [UInt8]

    /// The words of a file: one word a line, optionally followed by a space or tab and a
    /// frequency (`党建 2000`); lines starting with `#` are comments.
    public static func file(_ url: URL) throws(SegmenterError) -> Source {
      do {
        return Source(name: url.path, bytes: Array(try Data(contentsOf: url)))
      } catch {
        throw .lexicon(path: url.path, reason: error.localizedDescription)
      }
    }

    /// Words given in memory, in the file format.
    public static func text(_ text: String, name: String = "<memory>") -> Source {
      Source(name: name, bytes: Array(text.utf8))
    }
  }

  // Trie storage: node 0 is the root.
  /// One slot of the trie's hash table: key and child side by side, so a probe that hits
  /// reads one cache line (the table is megabytes; the walk is cache-miss bound).
  struct Slot {
    var key: UInt64
    var child: UInt32
  }
  private var slots: UnsafeMutablePointer<Slot>
  private var mask: Int
  private var used = 0
  /// Log probability of the word ending at each node, or -infinity where no word ends.
  private var nodeScores: [Float] = [-.infinity]
  /// `nodeScores` frozen into plain memory for the hot path (set at the end of `init`).
  private var frozenScores: UnsafeMutablePointer<Float>
  private var nodeFrequencies: [Double] = [0]

  /// Number of words.
  public private(set) var count = 0
  /// Sum of all word frequencies.
  public private(set) var totalFrequency: Double = 0
  /// Log probability given to a character that is not a word: `log(1 / total)`.
  public private(set) var unknownScore: Float = 0

  private static let emptyKey = UInt64.max
  /// Log-space margin by which a suggested frequency beats the best split, so that the word
  /// stays whole under the segmenter's per-word bonus (`Segmenter.Options.wordBonus` ≤ 3).
  static let suggestionMargin = 3.0

  /// Builds a lexicon from word lists; a word listed twice keeps the larger frequency.
  ///
  /// Words listed without a frequency get the smallest frequency that keeps them whole
  /// against the other words (jieba's `suggest_freq`); if no word has a frequency at all,
  /// every word weighs the same and the best path is the one with the fewest words.
  public init(_ sources: [Source]) {
    mask = (1 << 12) - 1
    slots = .allocate(capacity: mask + 1)
    slots.initialize(repeating: Slot(key: Lexicon.emptyKey, child: 0), count: mask + 1)
    frozenScores = .allocate(capacity: 1)

    var unweighted: [[UInt32]] = []
    for source in sources {
      Lexicon.parse(source.bytes) { word, frequency in
        if let frequency {
          insert(word, frequency: frequency)
        } else {
          unweighted.append(word)
        }
      }
    }
    recomputeScores()
    if totalFrequency == 0 {
      for word in unweighted { insert(word, frequency: 1) }
    } else {
      // Shorter words first, so a longer word is weighed against splits into them.
      for word in unweighted.sorted(by: { $0.count < $1.count }) where frequency(of: word) == nil {
        let split = bestSplitScore(word)
        let scale = max(totalFrequency, 1e6)  // the floor recomputeScores uses
        let needed = max(1, (Double(split).isFinite ? exp(Double(split) + Lexicon.suggestionMargin) * scale : 1) + 1)
        insert(word, frequency: needed.rounded(.up))
      }
    }
    recomputeScores()
    frozenScores.deallocate()
    frozenScores = .allocate(capacity: nodeScores.count)
    frozenScores.initialize(from: nodeScores, count: nodeScores.count)
  }

  deinit {
    slots.deallocate()
    frozenScores.deallocate()
  }

  // MARK: Lookup (hot path)

  /// The child of `node` along `scalar`, or 0 when there is none.
  @inline(__always)
  func child(_ node: UInt32, _ scalar: UInt32) -> UInt32 {
    let key = UInt64(node) << 21 | UInt64(scalar)
    var slot = Lexicon.hash(key) & mask
    while true {
      let k = slots[slot].key
      if k == key { return slots[slot].child }
      if k == Lexicon.emptyKey { return 0 }
      slot = (slot + 1) & mask
    }
  }

  /// Log probability of the word ending at `node`, -infinity if none ends there.
  @inline(__always)
  func score(_ node: UInt32) -> Float { frozenScores[Int(node)] }

  /// The node reached by `word`, or nil.
  func node(for word: some Sequence<UInt32>) -> UInt32? {
    var node: UInt32 = 0
    for scalar in word {
      node = child(node, scalar)
      if node == 0 { return nil }
    }
    return node
  }

  /// Frequency of `word`, nil when it is not a word of this lexicon.
  public func frequency(of word: String) -> Double? {
    frequency(of: word.unicodeScalars.map(\.value))
  }

  func frequency(of word: [UInt32]) -> Double? {
    guard let node = node(for: word), nodeFrequencies[Int(node)] > 0 else { return nil }
    return nodeFrequencies[Int(node)]
  }

  /// Whether `word` is a word of this lexicon.
  public func contains(_ word: String) -> Bool { frequency(of: word) != nil }

  // MARK: Building

  @inline(__always)
  private static func hash(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29)
  }

  private func insert(_ word: [UInt32], frequency: Double) {
    guard !word.isEmpty else { return }
    var node: UInt32 = 0
    for scalar in word {
      let next = child(node, scalar)
      if next != 0 {
        node = next
        continue
      }
      let created = UInt32(nodeScores.count)
      nodeScores.append(-.infinity)
      nodeFrequencies.append(0)
      store(UInt64(node) << 21 | UInt64(scalar), created)
      node = created
    }
    let old = nodeFrequencies[Int(node)]
    if old == 0 { count += 1 }
    if frequency > old {
      totalFrequency += frequency - old
      nodeFrequencies[Int(node)] = frequency
      // Provisional until recomputeScores; suggestions read it meanwhile.
      nodeScores[Int(node)] = Float(log(frequency) - log(max(totalFrequency, 1e6)))
    }
  }

  private func store(_ key: UInt64, _ value: UInt32) {
    if (used + 1) * 4 > (mask + 1) * 3 { grow() }
    var slot = Lexicon.hash(key) & mask
    while slots[slot].key != Lexicon.emptyKey { slot = (slot + 1) & mask }
    slots[slot] = Slot(key: key, child: value)
    used += 1
  }

  private func grow() {
    let oldSlots = slots
    let oldCapacity = mask + 1
    mask = oldCapacity * 2 - 1
    slots = .allocate(capacity: mask + 1)
    slots.initialize(repeating: Slot(key: Lexicon.emptyKey, child: 0), count: mask + 1)
    for slot in 0..<oldCapacity where oldSlots[slot].key != Lexicon.emptyKey {
      var target = Lexicon.hash(oldSlots[slot].key) & mask
      while slots[target].key != Lexicon.emptyKey { target = (target + 1) & mask }
      slots[target] = oldSlots[slot]
    }
    oldSlots.deallocate()
  }

  private func recomputeScores() {
    // A floor on the total keeps every score negative for tiny lexicons, so that more
    // words never score better than fewer.
    let logTotal = log(max(totalFrequency, 1e6))
    unknownScore = Float(-logTotal)
    for node in nodeFrequencies.indices {
      let f = nodeFrequencies[node]
      nodeScores[node] = f > 0 ? Float(log(f) - logTotal) : -.infinity
    }
  }

  /// The parent node and last scalar of every trie node, by node index. A parent's index is
  /// always below its children's (nodes are created root first), so one pass in index order
  /// visits every prefix before the words that extend it.
  func trieEdges() -> (parents: [UInt32], scalars: [UInt32]) {
    var parents = [UInt32](repeating: 0, count: nodeScores.count)
    var scalars = [UInt32](repeating: 0, count: nodeScores.count)
    for slot in 0...mask where slots[slot].key != Lexicon.emptyKey {
      let child = Int(slots[slot].child)
      parents[child] = UInt32(truncatingIfNeeded: slots[slot].key >> 21)
      scalars[child] = UInt32(truncatingIfNeeded: slots[slot].key & 0x1F_FFFF)
    }
    return (parents, scalars)
  }

  /// Number of trie nodes (valid node indices are `0..<nodeCount`).
  var nodeCount: Int { nodeScores.count }

  /// Best-path log probability of `word` split into other words of the lexicon (or single
  /// characters), ignoring the word itself.
  private func bestSplitScore(_ word: [UInt32]) -> Float {
    let n = word.count
    var best = [Float](repeating: -.infinity, count: n + 1)
    best[n] = 0
    for i in stride(from: n - 1, through: 0, by: -1) {
      best[i] = unknownScore + best[i + 1]
      var node: UInt32 = 0
      for j in i..<n {
        node = child(node, word[j])
        if node == 0 { break }
        if i == 0 && j == n - 1 { break }
        let s = nodeScores[Int(node)]
        if s > -.infinity { best[i] = max(best[i], s + best[j + 1]) }
      }
    }
    return best[0]
  }

  /// Calls `body` for each word line of a word list: scalars and optional frequency.
  static func parse(_ bytes: [UInt8], _ body: ([UInt32], Double?) -> Void) {
    var lineStart = 0
    let n = bytes.count
    var word: [UInt32] = []
    while lineStart < n {
      var lineEnd = lineStart
      while lineEnd < n && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      defer { lineStart = lineEnd + 1 }
      if lineStart < lineEnd && bytes[lineStart] == UInt8(ascii: "#") { continue }
      // The word runs to the first space or tab; a number may follow.
      var wordEnd = lineStart
      while wordEnd < lineEnd && bytes[wordEnd] != 0x20 && bytes[wordEnd] != 0x09
        && bytes[wordEnd] != 0x0D
      {
        wordEnd += 1
      }
      guard wordEnd > lineStart else { continue }
      word.removeAll(keepingCapacity: true)
      for scalar in String(decoding: bytes[lineStart..<wordEnd], as: UTF8.self).unicodeScalars {
        word.append(scalar.value)
      }
      var frequency: Double?
      var i = wordEnd
      while i < lineEnd && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
      var digits = 0.0
      var sawDigit = false
      while i < lineEnd, bytes[i] >= 0x30, bytes[i] <= 0x39 {
        digits = digits * 10 + Double(bytes[i] - 0x30)
        sawDigit = true
        i += 1
      }
      if sawDigit && digits > 0 { frequency = digits }
      body(word, frequency)
    }
  }
}

extension Lexicon {
  /// The shipped general word list (jieba's dictionary, MIT licence; see Resources/NOTICE.md).
  public static var generalWords: Source {
    get throws(SegmenterError) { try .file(resource("words", "txt")) }
  }

  /// Our domain words: party-building, governance and economy terms (党建, 两新组织, 合作社 …).
  public static var domainWords: Source {
    get throws(SegmenterError) { try .file(resource("domain", "txt")) }
  }

  /// Every name in the administrative-divisions table, with and without its suffix
  /// (鹿寨县 and 鹿寨), so place names stay whole.
  public static var placeNames: Source {
    get throws(SegmenterError) {
      let url = SegmenterResources.adminDivisionsURL
      let table: String
      do { table = try String(contentsOf: url, encoding: .utf8) } catch {
        throw .lexicon(path: url.path, reason: error.localizedDescription)
      }
      var names = Set<Substring>()
      for line in table.split(whereSeparator: \.isNewline).dropFirst() {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 3 else { continue }
        names.insert(fields[1])
        for short in fields[2].split(separator: "/") where short.count >= 2 { names.insert(short) }
      }
      return .text(names.sorted().joined(separator: "\n"), name: url.path)
    }
  }

  /// The default lexicon: general words + domain words + place names, loaded once per process.
  public static func standard() throws(SegmenterError) -> Lexicon {
    switch cachedStandard {
    case .success(let lexicon): return lexicon
    case .failure(let error): throw error
    }
  }

  private static let cachedStandard: Result<Lexicon, SegmenterError> = Result {
    () throws(SegmenterError) -> Lexicon in
    Lexicon([try generalWords, try domainWords, try placeNames])
  }

  static func resource(_ name: String, _ ext: String) throws(SegmenterError) -> URL {
    guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources")
    else { throw .lexicon(path: "\(name).\(ext)", reason: "resource missing from the bundle") }
    return url
  }
}

/// One side of an aligned passage: a document and a half-open range of Unicode scalar
/// offsets into its text.
public struct ReuseSide: Sendable, Equatable, Codable {
  public var document: String
  public var source: String
  public var start: Int
  public var end: Int
  public var county: String?
}

/// A passage two documents of different counties share, character for character.
///
/// Example: 鹿寨县 and 晋江市 both write 坚持党建引领,推动园区企业发展 → one pair, with the
/// offsets of the passage in each text, in a cluster with every other copy of it.
public struct ReusePair: Sendable, Equatable, Codable {
  public var text: String
  public var a: ReuseSide
  public var b: ReuseSide
  /// Pairs whose passages overlap in some document share a cluster (numbered from 1).
  public var cluster: Int
}

/// Shared passages between documents of different counties.
///
/// Method (fine for thousands of documents, near linear in the text):
/// 1. Every run of `k` = min(12, `minChars`) characters is hashed (a rolling polynomial hash)
///    and the (hash, document, offset) triples are sorted by hash.
/// 2. The occurrences of a hash form a star, not a clique: each occurrence is paired with the
///    first occurrence (or, when that is of its own county, the first of another county).
///    Every copy of a passage is still linked; a passage in n documents costs n − 1 seeds.
/// 3. Seeds of one document pair on one diagonal (offset in b − offset in a) that overlap or
///    touch are merged, checked character by character, and extended left and right to the
///    maximal exact match; matches of at least `minChars` characters are kept.
/// 4. Passages are clustered by union-find: the two sides of a pair are joined, and so are
///    overlapping passages in one document.
///
/// Documents with no recognised region count as a county of their own.
public enum Reuse {
  public static func pairs(in documents: [StoredDocument], minChars: Int = 12) -> [ReusePair] {
    let minChars = max(1, minChars)
    let k = min(12, minChars)
    let texts = documents.map { Array($0.text.unicodeScalars.map(\.value)) }
    let county: [Int] = {
      var ids: [String: Int] = [:]
      return documents.enumerated().map { i, d in
        guard let code = d.region?.code else { return -1 - i }  // unknown: a county of its own
        if let id = ids[code] { return id }
        ids[code] = ids.count
        return ids.count - 1
      }
    }()

    // 1. Shingles.
    struct Shingle { var hash: UInt64; var doc: UInt32; var pos: UInt32 }
    var shingles: [Shingle] = []
    shingles.reserveCapacity(texts.reduce(0) { $0 + max(0, $1.count - k + 1) })
    let base: UInt64 = 1_000_003
    var top: UInt64 = 1
    for _ in 1..<max(1, k) { top = top &* base }
    for (d, t) in texts.enumerated() where t.count >= k {
      var h: UInt64 = 0
      for i in 0..<t.count {
        if i >= k { h = h &- UInt64(t[i - k]) &* top }
        h = h &* base &+ UInt64(t[i])
        if i >= k - 1 { shingles.append(Shingle(hash: h, doc: UInt32(d), pos: UInt32(i - k + 1))) }
      }
    }
    shingles.sort { ($0.hash, $0.doc, $0.pos) < ($1.hash, $1.doc, $1.pos) }

    // 2. Seeds: (docA, docB, posA, posB) with docA < docB.
    struct Seed { var a: UInt32; var b: UInt32; var posA: UInt32; var posB: UInt32 }
    var seeds: [Seed] = []
    var i = 0
    while i < shingles.count {
      var j = i + 1
      while j < shingles.count && shingles[j].hash == shingles[i].hash { j += 1 }
      defer { i = j }
      guard j - i >= 2 else { continue }
      let anchor = shingles[i]
      let anchorCounty = county[Int(anchor.doc)]
      let other = (i..<j).first { county[Int(shingles[$0].doc)] != anchorCounty }
      guard let other else { continue }
      for x in (i + 1)..<j {
        let o = shingles[x]
        let partner = county[Int(o.doc)] != anchorCounty ? anchor : shingles[other]
        guard partner.doc != o.doc, county[Int(partner.doc)] != county[Int(o.doc)] else { continue }
        seeds.append(
          partner.doc < o.doc
            ? Seed(a: partner.doc, b: o.doc, posA: partner.pos, posB: o.pos)
            : Seed(a: o.doc, b: partner.doc, posA: o.pos, posB: partner.pos))
      }
    }
    shingles = []
    seeds.sort {
      let d0 = Int64($0.posB) - Int64($0.posA)
      let d1 = Int64($1.posB) - Int64($1.posA)
      return ($0.a, $0.b, d0, $0.posA) < ($1.a, $1.b, d1, $1.posA)
    }

    // 3. Merge along diagonals, verify, extend.
    struct Match: Hashable { var a: Int; var b: Int; var startA: Int; var startB: Int; var length: Int }
    var matches = Set<Match>()
    var s = 0
    while s < seeds.count {
      let first = seeds[s]
      let diagonal = Int(first.posB) - Int(first.posA)
      var lastPos = Int(first.posA)
      var e = s + 1
      while e < seeds.count, seeds[e].a == first.a, seeds[e].b == first.b,
        Int(seeds[e].posB) - Int(seeds[e].posA) == diagonal, Int(seeds[e].posA) <= lastPos + k
      {
        lastPos = Int(seeds[e].posA)
        e += 1
      }
      defer { s = e }
      let ta = texts[Int(first.a)]
      let tb = texts[Int(first.b)]
      var start = Int(first.posA)
      var end = lastPos + k
      // Verify (a hash collision shows up as a mismatch): keep the longest exact stretch.
      var bestStart = start
      var bestEnd = start
      var runStart = start
      for p in start..<end {
        if ta[p] != tb[p + diagonal] {
          runStart = p + 1
        } else if p + 1 - runStart > bestEnd - bestStart {
          bestStart = runStart
          bestEnd = p + 1
        }
      }
      start = bestStart
      end = bestEnd
      guard end > start else { continue }
      while start > 0 && start + diagonal > 0 && ta[start - 1] == tb[start - 1 + diagonal] { start -= 1 }
      while end < ta.count && end + diagonal < tb.count && ta[end] == tb[end + diagonal] { end += 1 }
      guard end - start >= minChars else { continue }
      matches.insert(
        Match(a: Int(first.a), b: Int(first.b), startA: start, startB: start + diagonal, length: end - start))
    }
    seeds = []

    // 4. Clusters: nodes are merged overlapping intervals per document.
    let sorted = matches.sorted { ($0.a, $0.startA, $0.b, $0.startB) < ($1.a, $1.startA, $1.b, $1.startB) }
    var intervals: [Int: [(start: Int, end: Int)]] = [:]
    for m in sorted {
      intervals[m.a, default: []].append((m.startA, m.startA + m.length))
      intervals[m.b, default: []].append((m.startB, m.startB + m.length))
    }
    var nodeStarts: [Int: [(start: Int, end: Int, node: Int)]] = [:]
    var nodes = 0
    for (doc, list) in intervals {
      var merged: [(start: Int, end: Int, node: Int)] = []
      for iv in list.sorted(by: { $0.start < $1.start }) {
        if let last = merged.last, iv.start < last.end {
          merged[merged.count - 1].end = max(last.end, iv.end)
        } else {
          merged.append((iv.start, iv.end, nodes))
          nodes += 1
        }
      }
      nodeStarts[doc] = merged
    }
    func node(_ doc: Int, _ start: Int) -> Int {
      let list = nodeStarts[doc]!
      var lo = 0
      var hi = list.count - 1
      while lo < hi {
        let mid = (lo + hi + 1) / 2
        if list[mid].start <= start { lo = mid } else { hi = mid - 1 }
      }
      return list[lo].node
    }
    var parent = Array(0..<nodes)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    let ends = sorted.map { (node($0.a, $0.startA), node($0.b, $0.startB)) }
    for (x, y) in ends {
      let (rx, ry) = (find(x), find(y))
      if rx != ry { parent[max(rx, ry)] = min(rx, ry) }
    }
    var clusterNumber: [Int: Int] = [:]
    return zip(sorted, ends).map { m, e in
      let root = find(e.0)
      let cluster = clusterNumber[root] ?? {
        clusterNumber[root] = clusterNumber.count + 1
        return clusterNumber.count
      }()
      let ta = texts[m.a]
      var text = String.UnicodeScalarView()
      for v in ta[m.startA..<(m.startA + m.length)] { text.append(Unicode.Scalar(v)!) }
      func side(_ d: Int, _ start: Int) -> ReuseSide {
        let doc = documents[d]
        return ReuseSide(
          document: doc.id, source: doc.uri, start: start, end: start + m.length,
          county: Grouping.county.labels(of: doc).first.flatMap { $0 == Grouping.unknown ? nil : $0 })
      }
      return ReusePair(text: String(text), a: side(m.a, m.startA), b: side(m.b, m.startB), cluster: cluster)
    }
  }
}

import Foundation
import GRDB

/// One stored document with its findings, as the analytics commands read it.
///
/// Offsets in `claims`, `firms` and `slogans` are Unicode scalar offsets into `text`.
public struct StoredDocument: Sendable, Equatable {
  public var id: String
  public var uri: String
  public var title: String?
  /// ISO 8601 as stored (2019-06-12 or 2019-06-12T09:30:00+08:00), nil when the page had none.
  public var published: String?
  /// The corpora the document belongs to, sorted.
  public var corpora: [String]
  public var region: Region?
  /// The cleaned text; empty unless asked for (`withText`).
  public var text: String
  public var claims: [NumericClaim]
  public var firms: [Firm]
  public var slogans: [Slogan]

  public init(
    id: String, uri: String, title: String? = nil, published: String? = nil,
    corpora: [String] = [], region: Region? = nil, text: String = "",
    claims: [NumericClaim] = [], firms: [Firm] = [], slogans: [Slogan] = []
  ) {
    self.id = id
    self.uri = uri
    self.title = title
    self.published = published
    self.corpora = corpora
    self.region = region
    self.text = text
    self.claims = claims
    self.firms = firms
    self.slogans = slogans
  }

  /// The date part of `published` (2019-06-12), for first/last comparisons.
  public var date: String? {
    guard let published, published.count >= 4 else { return nil }
    return String(published.prefix(10))
  }
}

extension Corpus {
  /// Opens an existing store; a missing file is `no store at PATH`, never a new empty store.
  public static func existing(path: String) throws(StoreError) -> Corpus {
    guard FileManager.default.fileExists(atPath: path) else {
      throw StoreError(path: path, reason: "no store at \(path)")
    }
    return try Corpus(path: path)
  }

  /// Every document (of `corpora` when not empty) with its region and findings, in id order.
  ///
  /// Reads each table once and joins in memory: a few hundred bytes per finding, fine for
  /// tens of thousands of documents. `withText` also loads `documents.text`; without
  /// `withSentences` the findings' `sentence` is empty (the store keeps where each sentence
  /// lies; the texts are read to cut them out). Findings come in text order. Columns are read
  /// by position, which GRDB does several times faster than by name.
  public func storedDocuments(
    corpora: [String] = [], withText: Bool = false, withSentences: Bool = true
  ) throws(StoreError) -> [StoredDocument] {
    do {
      return try pool.read { db in
        var documents: [StoredDocument] = []
        var index: [String: Int] = [:]
        var byNumber: [Int64: Int] = [:]
        var numbers: [Int64] = []
        let columns = withText ? "seq, id, uri, title, published, text" : "seq, id, uri, title, published"
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM documents ORDER BY id")
        while let row = try rows.next() {
          let id: String = row[1]
          index[id] = documents.count
          byNumber[row[0]] = documents.count
          numbers.append(row[0])
          documents.append(
            StoredDocument(
              id: id, uri: row[2], title: row[3], published: row[4], text: withText ? row[5] : ""))
        }
        let memberships = try Row.fetchCursor(
          db, sql: "SELECT document_id, corpus FROM memberships ORDER BY corpus")
        while let row = try memberships.next() {
          if let k = index[row[0]] { documents[k].corpora.append(row[1]) }
        }
        let regions = try Row.fetchCursor(
          db, sql: "SELECT document_id, province, city, county, code FROM regions")
        while let row = try regions.next() {
          if let k = index[row[0]] {
            documents[k].region = Region(province: row[1], city: row[2], county: row[3], code: row[4])
          }
        }
        let claims = try Row.fetchCursor(
          db,
          sql: """
            SELECT doc, text, value, value_max, approx, unit, subject, qualifier, start, "end",
              sentence_start, sentence_end FROM claims ORDER BY doc, start, n
            """)
        while let row = try claims.next() {
          guard let k = byNumber[row[0]] else { continue }
          documents[k].claims.append(
            NumericClaim(
              text: row[1], value: row[2], valueMax: row[3],
              approx: Approximation(rawValue: row[4]) ?? .exact, unit: row[5], subject: row[6],
              qualifier: (row[7] as String?).flatMap(ClaimQualifier.init(rawValue:)),
              start: row[8], end: row[9], sentence: "", sentenceRange: Self.range(row[10], row[11])))
        }
        let firms = try Row.fetchCursor(
          db,
          sql: """
            SELECT doc, text, canonical, kind, start, "end", sentence_start, sentence_end
            FROM firms ORDER BY doc, start, n
            """)
        while let row = try firms.next() {
          guard let k = byNumber[row[0]] else { continue }
          documents[k].firms.append(
            Firm(
              text: row[1], canonical: row[2], kind: FirmKind(rawValue: row[3]) ?? .firm,
              start: row[4], end: row[5], sentence: "", sentenceRange: Self.range(row[6], row[7])))
        }
        let slogans = try Row.fetchCursor(
          db,
          sql: """
            SELECT doc, text, kind, family, start, "end", sentence_start, sentence_end
            FROM slogans ORDER BY doc, start, n
            """)
        while let row = try slogans.next() {
          guard let k = byNumber[row[0]] else { continue }
          documents[k].slogans.append(
            Slogan(
              text: row[1], kind: SloganKind(rawValue: row[2]) ?? .quoted, family: row[3],
              start: row[4], end: row[5], sentence: "", sentenceRange: Self.range(row[6], row[7])))
        }
        let wanted = Set(corpora)
        func isWanted(_ d: StoredDocument) -> Bool { wanted.isEmpty || !wanted.isDisjoint(with: d.corpora) }
        if withSentences {
          // Filled in place (one copy of each finding list), for the documents returned only.
          let text = try db.cachedStatement(sql: "SELECT text FROM documents WHERE seq = ?")
          for (k, number) in numbers.enumerated() where isWanted(documents[k]) {
            let d = documents[k]
            guard !(d.claims.isEmpty && d.firms.isEmpty && d.slogans.isEmpty) else { continue }
            let source = withText ? d.text : try String.fetchOne(text, arguments: [number]) ?? ""
            Self.fillSentences(of: &documents[k], from: source)
          }
        }
        return wanted.isEmpty ? documents : documents.filter(isWanted)
      }
    } catch {
      throw StoreError(path: path, reason: "cannot read documents and findings: \(error)")
    }
  }

  private static func range(_ start: Int, _ end: Int) -> Range<Int> { start..<max(start, end) }

  /// Cuts each finding's sentence out of the document text by its stored range.
  static func fillSentences(of d: inout StoredDocument, from text: String) {
    let scalars = Scalars.u(text)
    func cut(_ r: Range<Int>) -> String {
      Scalars.string(scalars, r.clamped(to: 0..<scalars.count))
    }
    for i in d.claims.indices { d.claims[i].sentence = cut(d.claims[i].sentenceRange) }
    for i in d.firms.indices { d.firms[i].sentence = cut(d.firms[i].sentenceRange) }
    for i in d.slogans.indices { d.slogans[i].sentence = cut(d.slogans[i].sentenceRange) }
  }
}

/// How documents are grouped into regions for comparison.
public enum Grouping: String, Sendable, CaseIterable {
  case county, city, province, corpus

  /// The group labels of a document: one region (the most specific level at or above this
  /// one that is known), or each of its corpora. 鹿寨县 by county, 柳州市 by city.
  public func labels(of document: StoredDocument) -> [String] {
    let r = document.region
    switch self {
    case .county: return [r?.county ?? r?.city ?? r?.province ?? Self.unknown]
    case .city: return [r?.city ?? r?.province ?? Self.unknown]
    case .province: return [r?.province ?? Self.unknown]
    case .corpus: return document.corpora.isEmpty ? [Self.unknown] : document.corpora
    }
  }

  /// The label of documents with no recognised region.
  public static let unknown = "(unknown)"
}

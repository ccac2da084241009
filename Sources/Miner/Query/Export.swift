import Foundation

/// The formats of `caseminer export`.
public enum ExportFormat: String, Sendable, CaseIterable {
  /// One JSON object per document, findings inside, sorted keys.
  case jsonl
  /// One row per document and per finding, RFC 4180 quoting, a header row.
  case csv
  /// Elasticsearch/OpenSearch `_bulk` NDJSON: an action line, then the jsonl object.
  case esBulk = "es-bulk"
}

/// Documents and findings as records for other tools.
///
/// Example: a document of 鹿寨县 with the claim 84.61% becomes one jsonl line
/// `{"claims":[{"subject":"党组织覆盖率","unit":"%","value":84.61,…}],…,"type":"document"}`.
public enum Export {
  /// The jsonl object of one document (no trailing newline).
  ///
  /// Written by hand, keys in sorted order, absent values as null: JSONEncoder took 5× longer
  /// on a 5,000-document store (`Record` is the same shape through Codable, for tests).
  public static func jsonLine(_ d: StoredDocument) -> String {
    var o = ""
    o.reserveCapacity(d.text.utf8.count * 2 + 256)
    func str(_ s: String?) {
      guard let s else { return o += "null" }
      o += jsonLiteral(s)
    }
    func list<T>(_ xs: [T], _ body: (T) -> Void) {
      o += "["
      for (i, x) in xs.enumerated() {
        if i > 0 { o += "," }
        body(x)
      }
      o += "]"
    }
    o += "{\"claims\":"
    list(d.claims) { c in
      o += "{\"approx\":"; str(c.approx.rawValue)
      o += ",\"end\":\(c.end),\"qualifier\":"; str(c.qualifier?.rawValue)
      o += ",\"sentence\":"; str(c.sentence)
      o += ",\"start\":\(c.start),\"subject\":"; str(c.subject)
      o += ",\"text\":"; str(c.text)
      o += ",\"unit\":"; str(c.unit)
      o += ",\"value\":" + number(c.value) + ",\"value_max\":" + (c.valueMax.map(number) ?? "null") + "}"
    }
    o += ",\"corpora\":"
    list(d.corpora) { str($0) }
    o += ",\"firms\":"
    list(d.firms) { f in
      o += "{\"canonical\":"; str(f.canonical)
      o += ",\"end\":\(f.end),\"kind\":"; str(f.kind.rawValue)
      o += ",\"sentence\":"; str(f.sentence)
      o += ",\"start\":\(f.start),\"text\":"; str(f.text)
      o += "}"
    }
    o += ",\"id\":"; str(d.id)
    o += ",\"published\":"; str(d.published)
    o += ",\"region\":"
    if let r = d.region {
      o += "{\"city\":"; str(r.city)
      o += ",\"code\":"; str(r.code)
      o += ",\"county\":"; str(r.county)
      o += ",\"province\":"; str(r.province)
      o += "}"
    } else {
      o += "null"
    }
    o += ",\"slogans\":"
    list(d.slogans) { x in
      o += "{\"end\":\(x.end),\"family\":"; str(x.family)
      o += ",\"kind\":"; str(x.kind.rawValue)
      o += ",\"sentence\":"; str(x.sentence)
      o += ",\"start\":\(x.start),\"text\":"; str(x.text)
      o += "}"
    }
    o += ",\"source\":"; str(d.uri)
    o += ",\"text\":"; str(d.text)
    o += ",\"title\":"; str(d.title)
    o += ",\"type\":\"document\"}"
    return o
  }

  /// A JSON string literal; only ", \\ and control characters are escaped (UTF-8 stays as is).
  public static func jsonLiteral(_ s: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(s.utf8.count + 2)
    bytes.append(0x22)
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    for b in s.utf8 {
      switch b {
      case 0x22: bytes += [0x5C, 0x22]
      case 0x5C: bytes += [0x5C, 0x5C]
      case 0x0A: bytes += [0x5C, 0x6E]
      case 0x0D: bytes += [0x5C, 0x72]
      case 0x09: bytes += [0x5C, 0x74]
      case 0..<0x20: bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
      default: bytes.append(b)
      }
    }
    bytes.append(0x22)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The `_bulk` entry of one document: action line and source line, each ending in "\n".
  public static func bulkEntry(_ document: StoredDocument, index: String) -> String {
    let action = "{\"index\":{\"_id\":\(jsonQuoted(document.id)),\"_index\":\(jsonQuoted(index))}}"
    return action + "\n" + jsonLine(document) + "\n"
  }

  public static let csvColumns = [
    "record", "document_id", "source", "title", "published", "corpora", "province", "city",
    "county", "code", "start", "end", "text", "value", "value_max", "approx", "unit", "subject",
    "qualifier", "kind", "key", "sentence",
  ]

  /// The header row, ending in "\r\n" as RFC 4180 has it.
  public static var csvHeader: String { csvColumns.joined(separator: ",") + "\r\n" }

  /// The rows of one document: a `document` row (text = the whole text), then one row per
  /// claim, firm and slogan (`key` = firm canonical name or slogan family).
  public static func csvRows(_ d: StoredDocument) -> String {
    let base: [String] = [
      d.id, d.uri, d.title ?? "", d.published ?? "", d.corpora.joined(separator: ";"),
      d.region?.province ?? "", d.region?.city ?? "", d.region?.county ?? "", d.region?.code ?? "",
    ]
    var out = ""
    func row(_ record: String, _ rest: [String]) {
      out += ([record] + base + rest).map(csvField).joined(separator: ",") + "\r\n"
    }
    row("document", ["0", String(d.text.unicodeScalars.count), d.text] + Array(repeating: "", count: 9))
    for c in d.claims {
      row(
        "claim",
        [
          String(c.start), String(c.end), c.text, number(c.value), c.valueMax.map(number) ?? "",
          c.approx.rawValue, c.unit, c.subject, c.qualifier?.rawValue ?? "", "", "", c.sentence,
        ])
    }
    for f in d.firms {
      row(
        "firm",
        [String(f.start), String(f.end), f.text, "", "", "", "", "", "", f.kind.rawValue, f.canonical, f.sentence])
    }
    for s in d.slogans {
      row(
        "slogan",
        [String(s.start), String(s.end), s.text, "", "", "", "", "", "", s.kind.rawValue, s.family, s.sentence])
    }
    return out
  }

  /// A CSV field, quoted when it holds a comma, quote or line break.
  public static func csvField(_ s: String) -> String {
    // Bytes, not Characters: the test runs over every document's text.
    guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
      return s
    }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// 84.61 → "84.61", 3000000 → "3000000".
  static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
  }

  static func jsonQuoted(_ s: String) -> String {
    let data = try! JSONEncoder().encode([s])
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
  }

  /// The jsonl shape: absent values are JSON null, so every line has the same keys.
  struct Record: Encodable {
    var d: StoredDocument
    init(_ d: StoredDocument) { self.d = d }

    enum Keys: String, CodingKey {
      case type, id, source, title, published, corpora, region, text, claims, firms, slogans
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: Keys.self)
      try c.encode("document", forKey: .type)
      try c.encode(d.id, forKey: .id)
      try c.encode(d.uri, forKey: .source)
      try c.encode(d.title, forKey: .title)
      try c.encode(d.published, forKey: .published)
      try c.encode(d.corpora, forKey: .corpora)
      try c.encode(d.region, forKey: .region)
      try c.encode(d.text, forKey: .text)
      try c.encode(d.claims, forKey: .claims)
      try c.encode(d.firms, forKey: .firms)
      try c.encode(d.slogans, forKey: .slogans)
    }
  }
}

/// Splits `_bulk` entries into batches of at most `limit` bytes (10 MB by default, the
/// Elasticsearch default `http.max_content_length` is 100 MB and 5–15 MB is the advised size).
///
/// An entry is never split; an entry larger than the limit on its own makes a batch alone.
public struct BulkBatches: Sendable {
  public let limit: Int
  public private(set) var bytesInBatch = 0
  public private(set) var batches = 0

  public init(limit: Int = 10 * 1_000_000) {
    self.limit = limit
  }

  /// Records an entry of `bytes`; true when it must start a new batch (the first entry too).
  public mutating func startsBatch(adding bytes: Int) -> Bool {
    if batches == 0 || (bytesInBatch > 0 && bytesInBatch + bytes > limit) {
      batches += 1
      bytesInBatch = bytes
      return true
    }
    bytesInBatch += bytes
    return false
  }
}

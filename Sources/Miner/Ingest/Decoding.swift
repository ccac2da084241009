import Foundation
internal import CICUShim

/// The encoding facts of one page: what it declared, what was used, how many bytes were bad.
public struct PageEncoding: Sendable, Hashable, Codable {
  /// The label the page or its container declared (`gb2312`), lowercased; nil when none.
  public var declared: String?
  /// The charset the bytes were decoded with (`UTF-8`, `GB18030`, `Big5-HKSCS`).
  public var used: String
  /// Byte sequences that were invalid in `used` and became U+FFFD.
  public var replacements: Int

  public init(declared: String?, used: String, replacements: Int) {
    self.declared = declared
    self.used = used
    self.replacements = replacements
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(declared, forKey: .declared)
    try c.encode(used, forKey: .used)
    try c.encode(replacements, forKey: .replacements)
  }
}

/// Bytes to text: BOM > transport charset > `<meta charset>` > UTF-8 validation > ICU detection.
///
/// Labels follow WHATWG: gb2312, gbk, x-gbk and gb18030 are all read as GB18030 (sites label
/// GBK pages gb2312; a strict GB2312 decoder loses 镕, 堃, 喆), big5 as Big5-HKSCS. A page that
/// declares a legacy charset but whose bytes are valid UTF-8 is read as UTF-8 (saved pages are
/// often re-encoded without touching their `<meta>`).
public enum Decoding {
  /// How many leading bytes are scanned for `<meta charset>` and `<?xml encoding>`.
  static let prescanLength = 16 * 1024

  /// Decodes `bytes` of the page `input`; `transportCharset` comes from the container (HTTP).
  public static func decode(
    _ bytes: [UInt8], transportCharset: String? = nil, input: String
  ) throws(IngestError) -> (text: String, encoding: PageEncoding) {
    // 1. A byte order mark wins over every label.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return try utf8(Array(bytes.dropFirst(3)), declared: "utf-8", input: input)
    }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let charset = bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE"
      let (text, bad) = try convert(Array(bytes.dropFirst(2)), from: charset, input: input)
      return (text, PageEncoding(declared: charset.lowercased(), used: charset, replacements: bad))
    }
    // 2-3. The transport label, else the document's own.
    let label = (transportCharset.flatMap(normalizedLabel) ?? declaredCharset(in: bytes))
    let mapped = label.flatMap(charsetName(forLabel:))
    if let mapped, mapped != "UTF-8" {
      if mapped.hasPrefix("UTF-16"), transportCharset != nil {
        let (text, bad) = try convert(bytes, from: mapped, input: input)
        return (text, PageEncoding(declared: label, used: mapped, replacements: bad))
      }
      // Re-encoded pages keep their old label: valid multi-byte UTF-8 is no accident.
      if !isASCII(bytes), let text = String(validating: bytes, as: UTF8.self) {
        return (text, PageEncoding(declared: label, used: "UTF-8", replacements: 0))
      }
      // …and so is UTF-8 with a stray bad byte: GBK read as UTF-8 fails on most characters.
      if nearlyUTF8(bytes) {
        return try utf8(bytes, declared: label, input: input)
      }
      let (text, bad) = try convert(bytes, from: mapped, input: input)
      return (text, PageEncoding(declared: label, used: mapped, replacements: bad))
    }
    // A <meta> cannot truthfully say UTF-16 (it was readable as ASCII): WHATWG reads UTF-8.
    if mapped == "UTF-8" || mapped?.hasPrefix("UTF-16") == true { return try utf8(bytes, declared: label, input: input) }
    // 4. Nothing usable declared: UTF-8 if the bytes are (nearly) UTF-8, else ask ICU.
    let (valid, invalid) = utf8Shape(bytes)
    if invalid == 0 || (valid > 0 && invalid <= max(2, valid / 50)) {
      return try utf8(bytes, declared: label, input: input)
    }
    var name = [CChar](repeating: 0, count: 64)
    var status: Int32 = 0
    let confidence = bytes.withUnsafeBufferPointer {
      cm_detect_charset($0.baseAddress, Int64($0.count), &name, 64, &status)
    }
    let detected = confidence >= 0 ? cName(name) : "GB18030"
    // Chinese pages without a label: a weak Latin guess is usually GB bytes.
    var used = charsetName(forLabel: detected.lowercased()) ?? "GB18030"
    if used.hasPrefix("ISO-8859") || used.hasPrefix("windows-125") { used = "GB18030" }
    let (text, bad) = try convert(bytes, from: used, input: input)
    return (text, PageEncoding(declared: label, used: used, replacements: bad))
  }

  static func utf8(_ bytes: [UInt8], declared: String?, input: String) throws(IngestError) -> (
    text: String, encoding: PageEncoding
  ) {
    if let text = String(validating: bytes, as: UTF8.self) {
      return (text, PageEncoding(declared: declared, used: "UTF-8", replacements: 0))
    }
    let (text, bad) = try convert(bytes, from: "UTF-8", input: input)
    return (text, PageEncoding(declared: declared, used: "UTF-8", replacements: bad))
  }

  /// Converts with ICU to UTF-8; invalid sequences become U+FFFD and are counted.
  public static func convert(_ bytes: [UInt8], from charset: String, input: String)
    throws(IngestError) -> (text: String, replacements: Int)
  {
    let (out, bad) = try transcode(bytes, from: charset, to: "UTF-8", input: input)
    return (String(decoding: out, as: UTF8.self), bad)
  }

  /// Converts bytes between two charsets with ICU (also used to make GBK test pages).
  public static func transcode(_ bytes: [UInt8], from: String, to: String, input: String)
    throws(IngestError) -> (bytes: [UInt8], replacements: Int)
  {
    if bytes.isEmpty { return ([], 0) }
    var capacity = bytes.count * 3 + 16
    for _ in 0..<3 {
      var out = [UInt8](repeating: 0, count: capacity)
      var status: Int32 = 0
      var replacements: Int64 = 0
      let written = bytes.withUnsafeBufferPointer { source in
        out.withUnsafeMutableBufferPointer { target in
          cm_convert(
            to, from, source.baseAddress, Int64(source.count), target.baseAddress,
            Int64(target.count), &replacements, &status)
        }
      }
      if written >= 0 {
        out.removeSubrange(Int(written)...)
        return (out, Int(replacements))
      }
      if status != 15 {  // U_BUFFER_OVERFLOW_ERROR: try again with more room
        let name = String(cString: cm_convert_error_name(status))
        throw IngestError(input: input, stage: .decode, reason: "ICU cannot convert \(from) to \(to): \(name)")
      }
      capacity *= 2
    }
    throw IngestError(input: input, stage: .decode, reason: "\(from) output does not fit")
  }

  /// The charset a WHATWG label names, as an ICU converter name; nil when ICU has none.
  public static func charsetName(forLabel label: String) -> String? {
    switch label {
    case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8":
      return "UTF-8"
    case "gb2312", "gbk", "x-gbk", "gb18030", "gb_2312", "gb_2312-80", "cp936", "ms936",
      "windows-936", "chinese", "csgb2312", "iso-ir-58", "euc-cn", "hz-gb-2312":
      return "GB18030"
    case "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5": return "Big5-HKSCS"
    case "utf-16", "utf-16le", "unicode", "ucs-2": return "UTF-16LE"
    case "utf-16be": return "UTF-16BE"
    case "iso-8859-1", "latin1", "ascii", "us-ascii", "windows-1252": return "windows-1252"
    default:
      var name = [CChar](repeating: 0, count: 64)
      return cm_charset_known(label, &name, 64) == 1 ? cName(name) : nil
    }
  }

  /// A NUL-terminated name that C wrote into `buffer`.
  private static func cName(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func normalizedLabel(_ raw: String) -> String? {
    let label = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).lowercased()
    return label.isEmpty ? nil : label
  }

  /// The charset named by `<meta charset>`, `<meta http-equiv content="…charset=…">` or
  /// `<?xml … encoding="…"?>` in the first bytes of the page (the WHATWG prescan, loosely).
  public static func declaredCharset(in bytes: [UInt8]) -> String? {
    // Bytes are compared ASCII-lowercased, in place (no lowercased copy of the head).
    bytes.withUnsafeBufferPointer { all -> String? in
      let head = UnsafeBufferPointer(rebasing: all.prefix(prescanLength))
      if matches(head, at: 0, "<?xml"), let end = find("?>", in: head, from: 0, to: head.count),
        let enc = find("encoding", in: head, from: 0, to: end)
      {
        if let value = attributeValue(head, after: enc + 8, to: head.count) { return value }
      }
      var position = 0
      while let meta = find("<meta", in: head, from: position, to: head.count) {
        var end = meta
        while end < head.count && head[end] != UInt8(ascii: ">") { end += 1 }
        if let at = find("charset", in: head, from: meta, to: end),
          let value = attributeValue(head, after: at + 7, to: end)
        {
          return value
        }
        position = end
      }
      return nil
    }
  }

  @inline(__always)
  private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

  /// Whether `bytes[at...]` starts with `needle` (lowercase ASCII), ignoring ASCII case.
  @inline(__always)
  private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, _ needle: StaticString) -> Bool {
    let n = needle.utf8CodeUnitCount
    guard at + n <= bytes.count else { return false }
    let p = needle.utf8Start
    for k in 0..<n where lower(bytes[at + k]) != p[k] { return false }
    return true
  }

  /// The first `needle` (lowercase ASCII) that lies wholly inside `bytes[from..<end]`.
  private static func find(
    _ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int
  ) -> Int? {
    let n = needle.utf8CodeUnitCount
    guard end - n >= from else { return nil }
    let first = needle.utf8Start[0]
    var i = from
    let last = end - n
    if first == UInt8(ascii: "<"), let base = bytes.baseAddress {
      // memchr finds the candidate `<`; the rest is compared in place.
      while i <= last {
        guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
        i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        if matches(bytes, at: i, needle) { return i }
        i += 1
      }
      return nil
    }
    while i <= last {
      if lower(bytes[i]) == first, matches(bytes, at: i, needle) { return i }
      i += 1
    }
    return nil
  }

  /// The value after `charset` / `encoding` in `bytes[..<end]`: skips spaces, `=`, quotes;
  /// reads a label, lowercased.
  private static func attributeValue(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int, to end: Int) -> String? {
    var i = start
    while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
    guard i < end, bytes[i] == UInt8(ascii: "=") else { return nil }
    i += 1
    while i < end, [0x20, 0x09, 0x22, 0x27].contains(bytes[i]) { i += 1 }
    var j = i
    while j < end {
      let b = lower(bytes[j])
      let isLabel =
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F
        || b == 0x2E || b == 0x3A
      if !isLabel { break }
      j += 1
    }
    return j > i ? String(decoding: bytes[i..<j].map(lower), as: UTF8.self) : nil
  }

  private static func isASCII(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { $0 < 0x80 } }

  /// `utf8Shape`'s `valid >= 20 && invalid * 50 <= valid`, given up as soon as the invalid
  /// bytes outnumber what the rest could make up for (each valid sequence takes 2+ bytes):
  /// a GBK page is settled in its first few hundred bytes of Chinese.
  static func nearlyUTF8(_ bytes: [UInt8]) -> Bool {
    guard
      let (valid, invalid) = utf8Shape(
        bytes, giveUp: { valid, invalid, left in invalid * 50 > valid + left / 2 })
    else { return false }
    return valid >= 20 && invalid * 50 <= valid
  }

  /// Counts well-formed multi-byte UTF-8 sequences and invalid bytes.
  static func utf8Shape(_ bytes: [UInt8]) -> (valid: Int, invalid: Int) {
    utf8Shape(bytes, giveUp: { _, _, _ in false })!
  }

  /// The counts of `utf8Shape`, or nil as soon as `giveUp(valid, invalid, bytesLeft)` says so
  /// after an invalid byte.
  @inline(__always)
  private static func utf8Shape(
    _ bytes: [UInt8], giveUp: (Int, Int, Int) -> Bool
  ) -> (valid: Int, invalid: Int)? {
    bytes.withUnsafeBufferPointer { b in
      var valid = 0
      var invalid = 0
      var i = 0
      let n = b.count
      while i < n {
        let c = b[i]
        if c < 0x80 { i += 1; continue }
        let length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0
        var ok = length > 0 && i + length <= n
        if ok {
          for k in 1..<length where b[i + k] & 0xC0 != 0x80 { ok = false; break }
        }
        if !ok {
          invalid += 1
          i += 1
          if giveUp(valid, invalid, n - i) { return nil }
          continue
        }
        valid += 1
        i += length
      }
      return (valid, invalid)
    }
  }
}

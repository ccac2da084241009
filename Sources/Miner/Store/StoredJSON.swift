import Foundation

/// The JSON columns of `documents` (editors, breadcrumb, sections), written byte for byte as
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes them: `"`, `\` and
/// control characters escaped (`\n`, `\u001b`), everything else as UTF-8. The encoder's generic
/// machinery cost the single store writer about 17 µs a page.
enum StoredJSON {
  /// `["乔业琼","秦华"]`, as UTF-8 bytes (what the store binds, without making a `String`).
  static func array(_ items: [String]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(items.reduce(2) { $0 + $1.utf8.count + 3 })
    append(items, to: &out)
    return out
  }

  /// `[{"heading":"【做法】","paragraphs":["…"]},{"heading":null,"paragraphs":[]}]`, as UTF-8.
  static func sections(_ sections: [Section]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(sections.reduce(2) { total, section in
      section.paragraphs.reduce(total + 40 + (section.heading?.utf8.count ?? 4)) { $0 + $1.utf8.count + 3 }
    })
    out.append(UInt8(ascii: "["))
    for (i, section) in sections.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      out += #"{"heading":"#.utf8
      if let heading = section.heading { append(heading, to: &out) } else { out += "null".utf8 }
      out += #","paragraphs":"#.utf8
      append(section.paragraphs, to: &out)
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "]"))
    return out
  }

  /// `[{"heading":"【做法】","lines":3},{"heading":null,"lines":2}]`, as UTF-8: the sections
  /// as an outline of `text` (store v4), when `text` is their headings and paragraphs one a
  /// line, as `Page(parsing:)` makes it: each section's heading (a line of its own) and how
  /// many lines follow it. Nil when they do not tile the text line for line (a `Page` made by
  /// hand, a line holding a newline): the store then keeps `sections(_:)`. Half the documents
  /// table was the text a second time.
  static func outline(_ sections: [Section], text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { all -> [UInt8]? in
      var offset = 0
      var lines = 0
      func consume(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { bytes in
          if lines > 0 {
            guard offset < all.count, all[offset] == 0x0A else { return false }
            offset += 1
          }
          lines += 1
          guard offset + bytes.count <= all.count else { return false }
          if let base = bytes.baseAddress, !bytes.isEmpty {
            guard memchr(base, 0x0A, bytes.count) == nil, memcmp(all.baseAddress! + offset, base, bytes.count) == 0
            else { return false }
          }
          offset += bytes.count
          return true
        }
      }
      var out: [UInt8] = []
      out.reserveCapacity(sections.reduce(2) { $0 + 30 + ($1.heading?.utf8.count ?? 4) })
      out.append(UInt8(ascii: "["))
      for (i, section) in sections.enumerated() {
        if let heading = section.heading, !consume(heading) { return nil }
        for paragraph in section.paragraphs where !consume(paragraph) { return nil }
        if i > 0 { out.append(UInt8(ascii: ",")) }
        out += #"{"heading":"#.utf8
        if let heading = section.heading { append(heading, to: &out) } else { out += "null".utf8 }
        out += #","lines":"#.utf8
        out += String(section.paragraphs.count).utf8
        out.append(UInt8(ascii: "}"))
      }
      out.append(UInt8(ascii: "]"))
      return offset == all.count ? out : nil
    }
  }

  /// One section of an outline (`outline(_:text:)`).
  struct OutlineEntry: Decodable {
    var heading: String?
    var lines: Int
  }

  /// The sections an outline stands for, cut from `text`; nil when the outline does not fit
  /// the text (the store was edited by hand).
  static func sections(outline: [OutlineEntry], text: String) -> [Section]? {
    // Lines split on the byte: "\r\n" is one Character and would not split as a String.
    var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)[...]
    // An empty text is no line at all when the outline has none (sections without headings or
    // paragraphs), one empty line otherwise.
    if text.isEmpty && outline.allSatisfy({ $0.heading == nil && $0.lines == 0 }) { lines = [] }
    var out: [Section] = []
    out.reserveCapacity(outline.count)
    for entry in outline {
      if let heading = entry.heading {
        guard let first = lines.first, first.elementsEqual(heading.utf8) else { return nil }
        lines = lines.dropFirst()
      }
      guard entry.lines >= 0, entry.lines <= lines.count else { return nil }
      out.append(Section(heading: entry.heading, paragraphs: lines.prefix(entry.lines).map { String(Substring($0)) }))
      lines = lines.dropFirst(entry.lines)
    }
    return lines.isEmpty ? out : nil
  }

  private static func append(_ items: [String], to out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    for (i, item) in items.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      append(item, to: &out)
    }
    out.append(UInt8(ascii: "]"))
  }

  /// The string quoted and escaped; runs needing no escape are copied whole.
  private static func append(_ string: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var string = string
    string.withUTF8 { bytes in
      var run = 0
      for i in bytes.indices {
        let b = bytes[i]
        guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
        if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
        escape(b, to: &out)
        run = i + 1
      }
      if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...])) }
    }
    out.append(UInt8(ascii: "\""))
  }

  private static func escape(_ b: UInt8, to out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    switch b {
    case UInt8(ascii: "\""): out += #"\""#.utf8
    case UInt8(ascii: "\\"): out += #"\\"#.utf8
    case 0x08: out += #"\b"#.utf8
    case 0x09: out += #"\t"#.utf8
    case 0x0A: out += #"\n"#.utf8
    case 0x0C: out += #"\f"#.utf8
    case 0x0D: out += #"\r"#.utf8
    default: out += #"\u00"#.utf8 + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
    }
  }
}

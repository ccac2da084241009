/// The JSON columns of `documents` (editors, breadcrumb, sections), written byte for byte as
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes them: `"`, `\` and
/// control characters escaped (`\n`, `\u001b`), everything else as UTF-8. The encoder's generic
/// machinery cost the single store writer about 17 µs a page.
enum StoredJSON {
  /// `["乔业琼","秦华"]`
  static func array(_ items: [String]) -> String {
    var out: [UInt8] = []
    append(items, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `[{"heading":"【做法】","paragraphs":["…"]},{"heading":null,"paragraphs":[]}]`
  static func sections(_ sections: [Section]) -> String {
    var out: [UInt8] = []
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
    return String(decoding: out, as: UTF8.self)
  }

  private static func append(_ items: [String], to out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    for (i, item) in items.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      append(item, to: &out)
    }
    out.append(UInt8(ascii: "]"))
  }

  private static func append(_ string: String, to out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    out.append(UInt8(ascii: "\""))
    for b in string.utf8 {
      switch b {
      case UInt8(ascii: "\""): out += #"\""#.utf8
      case UInt8(ascii: "\\"): out += #"\\"#.utf8
      case 0x08: out += #"\b"#.utf8
      case 0x09: out += #"\t"#.utf8
      case 0x0A: out += #"\n"#.utf8
      case 0x0C: out += #"\f"#.utf8
      case 0x0D: out += #"\r"#.utf8
      case 0..<0x20: out += #"\u00"#.utf8 + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

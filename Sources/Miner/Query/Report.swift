import Foundation

/// The output formats of `caseminer compare`.
public enum ReportFormat: String, Sendable, CaseIterable {
  case text, md, csv, json, html
}

/// A titled table: the one shape every format renders.
public struct ReportTable: Sendable, Equatable {
  public var name: String
  public var title: String
  public var header: [String]
  public var rows: [[String]]
}

extension Comparison {
  /// The comparison as tables: regions, slogans, claims, firms, keyness, consistency.
  public var tables: [ReportTable] {
    let labels = regions.map(\.label)
    func cells(_ xs: [ClaimCell]) -> String {
      var seen = Set<String>()
      let texts = xs.map(\.text).filter { seen.insert($0).inserted }
      return texts.prefix(4).joined(separator: "; ") + (texts.count > 4 ? "; …" : "")
    }
    return [
      ReportTable(
        name: "regions", title: "Regions (by \(grouping))",
        header: [grouping, "documents", "claims", "firms", "slogans"],
        rows: regions.map { [$0.label, "\($0.documents)", "\($0.claims)", "\($0.firms)", "\($0.slogans)"] }),
      ReportTable(
        name: "slogans", title: "Slogan families × \(grouping) (documents)",
        header: ["family", "variants"] + labels,
        rows: slogans.map { [$0.family, $0.variants.prefix(3).joined(separator: " | ")] + $0.documents.map(String.init) }),
      ReportTable(
        name: "claims", title: "Numeric claims by subject",
        header: ["subject", "unit"] + labels,
        rows: claims.map { [$0.subject, $0.unit] + $0.values.map(cells) }),
      ReportTable(
        name: "firms", title: "Firms named (documents)",
        header: ["firm", "names"] + labels,
        rows: firms.map { [$0.canonical, $0.names.prefix(3).joined(separator: " | ")] + $0.documents.map(String.init) }),
      ReportTable(
        name: "keyness", title: "Distinctive formulations (four-character, vs the other regions)",
        header: [grouping, "term", "here", "elsewhere", "log-likelihood", "simple maths (N=1)"],
        rows: keyness.flatMap { r in
          r.terms.map {
            [r.region, $0.term, "\($0.focus)", "\($0.reference)", String(format: "%.1f", $0.logLikelihood),
             String(format: "%.1f", $0.simpleMaths)]
          }
        }),
      ReportTable(
        name: "consistency", title: "Consistency of stated sums and ratios",
        header: [grouping, "status", "rule", "arithmetic", "title", "source", "sentence"],
        rows: consistency.sorted { ($0.check.status == .inconsistent ? 0 : 1) < ($1.check.status == .inconsistent ? 0 : 1) }.map {
          [$0.region, $0.check.status.rawValue, $0.check.rule.rawValue, $0.check.explanation, $0.title ?? "", $0.source, $0.check.sentence]
        }),
    ]
  }

  /// The comparison in `format`; `html` is one self-contained page (see `html()`).
  public func rendered(as format: ReportFormat) -> String {
    switch format {
    case .text: return text()
    case .md: return markdown()
    case .csv: return csv()
    case .json: return json()
    case .html: return html()
    }
  }

  func text() -> String {
    var out = ""
    for t in tables {
      out += "\(t.title)\n"
      if t.rows.isEmpty {
        out += "  (none)\n\n"
        continue
      }
      func cell(_ s: String) -> String {
        s.utf8.contains(0x09) || s.utf8.contains(0x0A)
          ? s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") : s
      }
      out += ([t.header] + t.rows).map { "  " + $0.map(cell).joined(separator: "\t") }
        .joined(separator: "\n") + "\n\n"
    }
    return out
  }

  func markdown() -> String {
    func cell(_ s: String) -> String {
      s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
    var out = "# Comparison by \(grouping)\n\n"
    for t in tables {
      out += "## \(t.title)\n\n"
      if t.rows.isEmpty {
        out += "(none)\n\n"
        continue
      }
      out += "| " + t.header.map(cell).joined(separator: " | ") + " |\n"
      out += "|" + String(repeating: " --- |", count: t.header.count) + "\n"
      for row in t.rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
      out += "\n"
    }
    return out
  }

  /// Long form, one cell a line: table,row,column,value (valid CSV for any number of tables).
  func csv() -> String {
    var out = "table,row,column,value\r\n"
    for t in tables {
      for (i, row) in t.rows.enumerated() {
        for (column, value) in zip(t.header, row) {
          out += [t.name, String(i + 1), column, value].map(Export.csvField).joined(separator: ",") + "\r\n"
        }
      }
    }
    return out
  }

  /// One JSON object, sorted keys, with `"type":"comparison"`.
  func json() -> String {
    struct Wrapped: Encodable {
      var type = "comparison"
      var comparison: Comparison
      func encode(to encoder: any Encoder) throws {
        try comparison.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(type, forKey: .type)
      }
      enum Key: String, CodingKey { case type }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try! encoder.encode(Wrapped(comparison: self))
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

/// Escapes text for HTML element content and quoted attribute values.
public func htmlEscaped(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.utf8.count)
  for ch in s.unicodeScalars {
    switch ch {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    default:
      // Control characters other than tab and newline are not allowed in HTML text.
      if ch.value < 0x20 && ch != "\n" && ch != "\t" { out += "\u{FFFD}" } else { out.unicodeScalars.append(ch) }
    }
  }
  return out
}

extension Comparison {
  /// One self-contained HTML page: inline CSS and SVG, no script, no external resource;
  /// every string that came from a document goes through `htmlEscaped`.
  public func html(title: String = "CaseMiner comparison") -> String {
    let e = htmlEscaped
    var out = """
      <!DOCTYPE html>
      <html lang="zh-CN"><head><meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
      <title>\(e(title))</title>
      <style>
      body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2em;color:#222;max-width:80em}
      table{border-collapse:collapse;margin:1em 0;font-size:.9em}
      th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
      th{background:#f3f3f3}.num{text-align:right}
      .inconsistent{background:#fde2e2}.consistent{background:#e6f4e6}.partial{background:#fff6d6}
      svg text{font-size:12px;font-family:inherit}
      </style></head><body>
      <h1>\(e(title))</h1>
      <p>\(regions.count) regions by \(e(grouping)), \(regions.map(\.documents).reduce(0, +)) documents.</p>

      """
    out += "<h2>Claims per \(e(grouping))</h2>\n" + barChart()
    out += "<h2>Slogan families × \(e(grouping))</h2>\n" + heatMap()
    for t in tables {
      out += "<h2 id=\"\(t.name)\">\(e(t.title))</h2>\n"
      if t.rows.isEmpty {
        out += "<p>(none)</p>\n"
        continue
      }
      out += "<table><thead><tr>" + t.header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>\n"
      let statusColumn = t.name == "consistency" ? 1 : nil
      for row in t.rows {
        let cls = statusColumn.map { " class=\"\(e(row[$0]))\"" } ?? ""
        out += "<tr\(cls)>" + row.map { v in
          let numeric = !v.isEmpty && v.allSatisfy { $0.isNumber || $0 == "." }
          return numeric ? "<td class=\"num\">\(e(v))</td>" : "<td>\(e(v))</td>"
        }.joined() + "</tr>\n"
      }
      out += "</tbody></table>\n"
    }
    out += "</body></html>\n"
    return out
  }

  /// Horizontal bars: claims per region.
  func barChart() -> String {
    let e = htmlEscaped
    let maxValue = max(1, regions.map(\.claims).max() ?? 1)
    let rowHeight = 22
    let labelWidth = 160
    let barWidth = 480
    let height = rowHeight * regions.count + 10
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\" aria-label=\"claims per region\">\n"
    for (i, r) in regions.enumerated() {
      let y = i * rowHeight + 5
      let w = Int(Double(barWidth) * Double(r.claims) / Double(maxValue))
      svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(e(r.label))</text>"
      svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(rowHeight - 6)\" fill=\"#4a78b5\"><title>\(e(r.label)): \(r.claims)</title></rect>"
      svg += "<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 15)\">\(r.claims)</text>\n"
    }
    return svg + "</svg>\n"
  }

  /// A cell per slogan family and region, darker for more documents.
  func heatMap() -> String {
    let e = htmlEscaped
    guard !slogans.isEmpty, !regions.isEmpty else { return "<p>(no shared slogan family)</p>\n" }
    let cell = 26
    let labelWidth = 220
    let top = 110
    let maxValue = max(1, slogans.flatMap(\.documents).max() ?? 1)
    let width = labelWidth + cell * regions.count + 10
    let height = top + cell * slogans.count + 10
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height)\" aria-label=\"slogan families by region\">\n"
    for (j, r) in regions.enumerated() {
      let x = labelWidth + j * cell + cell / 2
      svg += "<text transform=\"translate(\(x),\(top - 6)) rotate(-60)\">\(e(r.label))</text>\n"
    }
    for (i, row) in slogans.enumerated() {
      let y = top + i * cell
      svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 17)\" text-anchor=\"end\">\(e(row.family))</text>"
      for (j, n) in row.documents.enumerated() {
        let alpha = n == 0 ? 0.04 : 0.25 + 0.75 * Double(n) / Double(maxValue)
        svg += "<rect x=\"\(labelWidth + j * cell)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"#c0392b\" fill-opacity=\"\(String(format: "%.2f", alpha))\"><title>\(e(row.family)) · \(e(regions[j].label)): \(n)</title></rect>"
      }
      svg += "\n"
    }
    return svg + "</svg>\n"
  }
}

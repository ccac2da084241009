import Foundation

/// Extraction knowledge kept as data in `Resources/ingest/`: boilerplate markers, title
/// separators and site keywords, class/id hints.
struct Knowledge: Sendable {
  var boilerplate: [String]
  var separators: [String]
  var siteKeywords: [String]
  var positiveHints: [String]
  var negativeHints: [String]
  var bylineSuffixes: [String]

  static let shared = Knowledge()

  init() {
    boilerplate = Self.lines("boilerplate")
    let suffixes = Self.groups("site-suffixes")
    separators = suffixes["separators"] ?? []
    siteKeywords = suffixes["keywords"] ?? []
    let hints = Self.groups("class-hints")
    positiveHints = hints["positive"] ?? []
    negativeHints = hints["negative"] ?? []
    bylineSuffixes = Self.lines("byline-suffixes")
  }

  /// Non-comment lines of `Resources/ingest/NAME.txt`; leading/trailing spaces are kept only
  /// inside separators such as " - ", so lines are not trimmed beyond the newline.
  static func lines(_ name: String) -> [String] {
    guard
      let url = Bundle.module.url(
        forResource: name, withExtension: "txt", subdirectory: "Resources/ingest"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else {
      preconditionFailure("Miner resource Resources/ingest/\(name).txt is missing from the bundle")
    }
    return text.split(separator: "\n", omittingEmptySubsequences: true)
      .map(String.init).filter { !$0.hasPrefix("#") }
  }

  /// `[group]` headed lists from one file.
  static func groups(_ name: String) -> [String: [String]] {
    var out: [String: [String]] = [:]
    var current = ""
    for line in lines(name) {
      if line.hasPrefix("[") && line.hasSuffix("]") {
        current = String(line.dropFirst().dropLast())
      } else {
        out[current, default: []].append(line)
      }
    }
    return out
  }
}

import Foundation
import Testing

@testable import Miner

/// The documents table's JSON columns must read back as before: same bytes as `JSONEncoder`.
@Suite("Stored JSON") struct StoredJSONTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var sections: [Section]
    var testDescription: String { name }
  }

  static let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))

  @Test(arguments: [
    Case(name: "no sections", sections: []),
    Case(name: "【做法】 and a lead-in", sections: [
      Section(heading: nil, paragraphs: ["鹿寨县委组织部供稿。"]),
      Section(heading: "【做法】", paragraphs: ["一是建立制度。", "二是“党建+”/N 模式\\"]),
    ]),
    Case(name: "control characters, U+2028, DEL", sections: [
      Section(heading: controls, paragraphs: ["\u{2028}\u{2029}\u{7F}\u{FFFD}é", ""]),
    ]),
  ])
  func matchesJSONEncoder(_ c: Case) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    func expected<T: Encodable>(_ value: T) throws -> String {
      String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    #expect(String(decoding: StoredJSON.sections(c.sections), as: UTF8.self) == (try expected(c.sections)))
    let strings = c.sections.flatMap { ($0.heading.map { [$0] } ?? []) + $0.paragraphs }
    #expect(String(decoding: StoredJSON.array(strings), as: UTF8.self) == (try expected(strings)))
  }
}

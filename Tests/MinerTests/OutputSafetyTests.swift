import Foundation
import Testing

@testable import Miner

/// Strings from pages reach SQL only as bound parameters (issue 7): quotes, SQL and FTS
/// syntax in a page's uri, title, text and corpus name are stored and read back verbatim.
@Suite("Output safety")
struct OutputSafetyTests {
  static let hostile = [
    "'); DROP TABLE documents; --", "\" OR 1=1 --", "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>", "党建 NEAR(合作社) AND \"*\" OR ^x", "%_\\' ;",
  ]

  @Test func hostileStringsAreStoredVerbatim() throws {
    let scratch = try Scratch()
    let store = try Corpus(path: scratch.url.appendingPathComponent("s.sqlite").path)
    for (i, s) in Self.hostile.enumerated() {
      let page = Page(
        uri: "x\(i)\(s)", title: s, published: nil, source: s, byline: s, editors: [s],
        breadcrumb: [s], canonicalURL: s, encoding: PageEncoding(declared: s, used: "UTF-8", replacements: 0),
        sections: [Section(heading: s, paragraphs: ["第\(i)段：\(s)"])], text: "第\(i)段：\(s)")
      try store.add(
        [.page(page, input: "in\(i)\(s)", bytes: 1),
         .failure(IngestError(input: "bad\(i)\(s)", stage: .parse, reason: s))],
        corpus: s)
      let back = try #require(try store.page(id: Corpus.documentID(of: page)))
      #expect(back.title == s && back.text == page.text && back.uri == page.uri)
    }
    let stats = try store.statistics()
    #expect(stats.documents == Self.hostile.count)
    #expect(stats.errors == Self.hostile.count)
    #expect(Set(stats.byCorpus.keys) == Set(Self.hostile))
    for s in Self.hostile {
      #expect(try store.finishedInputs(corpus: s).count == 1)
    }
  }
}

import Foundation
import GRDB
import Testing

@testable import Miner

/// Store v4: a document's sections are kept as an outline of its text (each heading and how many
/// lines follow it) when the text is their lines, every paragraph otherwise; both read back as
/// the page's sections.
@Suite struct SectionOutlines {
  static func page(sections: [Section], text: String) -> Page {
    Page(
      uri: "t.html", title: "题", published: nil, source: nil, byline: nil, editors: [], breadcrumb: [],
      canonicalURL: nil, encoding: PageEncoding(declared: nil, used: "UTF-8", replacements: 0),
      sections: sections, text: text)
  }

  func roundTrip(_ page: Page) throws -> (column: String, back: Page) {
    let scratch = try Scratch()
    let store = try Corpus(path: scratch.url.appendingPathComponent("s.sqlite").path)
    try store.add([.page(page, input: page.uri, bytes: 1)], corpus: "c")
    let id = Corpus.documentID(of: page)
    let column = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT sections FROM documents WHERE id = ?", arguments: [id]) }
    return (try #require(column), try #require(try store.page(id: id)))
  }

  @Test func everySamplePageIsKeptAsAnOutlineAndReadBackWhole() throws {
    let scratch = try Scratch()
    let store = try Corpus(path: scratch.url.appendingPathComponent("samples.sqlite").path)
    let pages = try StoreMigrationTests.extracted().map(\.page)
    try store.add(pages.map { .page($0, input: $0.uri, bytes: 1) }, corpus: "c")
    for page in pages {
      let back = try #require(try store.page(id: Corpus.documentID(of: page)))
      #expect(back.sections == page.sections && back.text == page.text)
    }
    let columns = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT sections FROM documents") }
    #expect(columns.count == pages.count && columns.allSatisfy { $0.contains(#""lines":"#) && !$0.contains("paragraphs") })
    #expect(pages.contains { $0.sections.contains { $0.heading != nil } }, "the samples have headings")
  }

  @Test func anOutlineKeepsHeadingsAndCounts() throws {
    let sections = [
      Section(heading: nil, paragraphs: ["导语，含\"引号\"与\\。"]),
      Section(heading: "【做法】", paragraphs: ["一是……", "", "二是……\r"]),
      Section(heading: "", paragraphs: []),
    ]
    let text = "导语，含\"引号\"与\\。\n【做法】\n一是……\n\n二是……\r\n"
    let (column, back) = try roundTrip(Self.page(sections: sections, text: text))
    #expect(column == #"[{"heading":null,"lines":1},{"heading":"【做法】","lines":3},{"heading":"","lines":0}]"#)
    #expect(back.sections == sections && back.text == text)
  }

  /// Found by the random cases below: an empty section over an empty text (no line at all).
  @Test func emptySectionsOverAnEmptyText() throws {
    for sections in [[Section(heading: nil, paragraphs: [])], [Section(heading: nil, paragraphs: [""])]] {
      let (column, back) = try roundTrip(Self.page(sections: sections, text: ""))
      #expect(column.contains(#""lines":"#) && back.sections == sections, "\(column)")
    }
  }

  /// Sections that are not the text's lines (a `Page` made by hand) keep every paragraph.
  @Test(arguments: [
    ("other words", [Section(heading: nil, paragraphs: ["甲"])], "乙"),
    ("text left over", [Section(heading: nil, paragraphs: ["甲"])], "甲\n乙"),
    ("a newline inside a paragraph", [Section(heading: nil, paragraphs: ["甲\n乙"])], "甲\n乙"),
    ("no sections", [], "正文"),
    ("a heading missing from the text", [Section(heading: "一、", paragraphs: ["甲"])], "甲"),
  ])
  func sectionsThatDoNotTileTheTextKeepTheirParagraphs(_ label: String, _ sections: [Section], _ text: String) throws {
    let (column, back) = try roundTrip(Self.page(sections: sections, text: text))
    #expect(!column.contains(#""lines":"#), "\(label): \(column)")
    #expect(back.sections == sections && back.text == text, "\(label)")
  }

  /// An outline edited by hand so that it no longer fits is an error naming the document.
  @Test func anOutlineThatNoLongerFitsNamesItsDocument() throws {
    let scratch = try Scratch()
    let store = try Corpus(path: scratch.url.appendingPathComponent("e.sqlite").path)
    let page = Self.page(sections: [Section(heading: nil, paragraphs: ["甲", "乙"])], text: "甲\n乙")
    try store.add([.page(page, input: "e.html", bytes: 1)], corpus: "c")
    let id = Corpus.documentID(of: page)
    try store.pool.write { db in try db.execute(sql: #"UPDATE documents SET sections = '[{"heading":null,"lines":3}]'"#) }
    do {
      _ = try store.page(id: id)
      Issue.record("an outline that does not fit was read")
    } catch {
      #expect(error.reason.contains("the sections outline of document \(id) does not fit its text"), "\(error)")
    }
    // Extraction does not read sections: the document is still there to extract.
    let awaiting = try store.pagesAwaitingExtraction(limit: 10)
    #expect(awaiting.map(\.id) == [id] && awaiting.map(\.page.text) == ["甲\n乙"])
  }

  /// Rows written before v4 (every paragraph) read as they did.
  @Test func olderRowsReadAsBefore() throws {
    let sections = [Section(heading: "【背景】", paragraphs: ["甲。", "乙。"])]
    let json = String(decoding: StoredJSON.sections(sections), as: UTF8.self)
    #expect(try Corpus.sections(json, text: "【背景】\n甲。\n乙。") == sections)
    #expect(try Corpus.sections(json, text: "whatever the text") == sections)
    #expect(throws: (any Error).self) { try Corpus.sections(#"[{"heading":null,"lines":3}]"#, text: "甲\n乙") }
  }

  /// A store a newer caseminer changed is refused with a reason, not misread; the store
  /// itself is left as it was.
  @Test func aStoreFromANewerCaseminerIsRefused() throws {
    let scratch = try Scratch()
    let path = scratch.url.appendingPathComponent("newer.sqlite").path
    let store = try Corpus(path: path)
    try store.add([.page(Self.page(sections: [], text: "正文"), input: "a.html", bytes: 1)], corpus: "c")
    try store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9-from-the-future')") }
    #expect(throws: StoreError.self) { try Corpus(path: path) }
    do {
      _ = try Corpus(path: path)
    } catch {
      #expect(error.reason.contains("written by a newer caseminer (store change v9-from-the-future"), "\(error)")
    }
    let count = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") }
    #expect(count == 1)
  }

  /// Sections built from random lines (empty ones, CR, quotes, control characters, a newline
  /// now and then) against the text they make or a text slightly off: an outline is written
  /// only when it reads back exactly, and both forms give back the sections (seeded, 3,000 cases).
  @Test func randomSectionsReadBackExactly() throws {
    var rng = SplitMix(seed: 0x5EC7_1045)
    let pieces = ["党建", "", "引领", "\r", "\"", "\\", "\u{1}", "一、", "【做法】", " ", "\n", "é", "e\u{301}"]
    func line() -> String { (0..<Int(rng.next() % 4)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
    var outlines = 0
    for _ in 0..<3_000 {
      var sections: [Section] = []
      for _ in 0..<Int(rng.next() % 4) {
        let heading: String? = rng.next() % 2 == 0 ? nil : line()
        sections.append(Section(heading: heading, paragraphs: (0..<Int(rng.next() % 4)).map { _ in line() }))
      }
      var lines: [String] = []
      for s in sections { if let h = s.heading { lines.append(h) }; lines += s.paragraphs }
      var text = lines.joined(separator: "\n")
      switch rng.next() % 8 {
      case 0: text += "\n"
      case 1: text = String(text.dropLast())
      default: break
      }
      let json: String
      if let outline = StoredJSON.outline(sections, text: text) {
        outlines += 1
        json = String(decoding: outline, as: UTF8.self)
      } else {
        json = String(decoding: StoredJSON.sections(sections), as: UTF8.self)
      }
      let back = Result { try Corpus.sections(json, text: text) }
      #expect((try? back.get()) == sections, "\(sections) / \(text.debugDescription) / \(json): \(back)")
    }
    #expect(outlines > 1_000)
  }
}

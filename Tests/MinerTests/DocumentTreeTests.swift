import Testing

@testable import Miner

/// The byte-level shortcuts of the page stage agree with the plain definitions they replace.
@Suite("Document tree and byte helpers")
struct DocumentTreeTests {
  @Test("every known tag name maps to its tag, in any ASCII case")
  func tagNames() {
    for (name, tag) in Tag.byName {
      for spelling in [name, name.uppercased()] {
        let found = (Array(spelling.utf8) + [0]).withUnsafeBufferPointer { Tag.of($0.baseAddress!) }
        #expect(found == tag, "\(spelling)")
      }
    }
    for other in ["b", "strong", "blockquotes", "figcaptio", "spans", "x-div"] {
      let found = (Array(other.utf8) + [0]).withUnsafeBufferPointer { Tag.of($0.baseAddress!) }
      #expect(found == .other, "\(other)")
    }
  }

  @Test("substring search finds the first match, as a naive search does")
  func search() {
    var rng = SystemRandomNumberGenerator()
    let pieces = ["编", "辑", "责编", "是", "。", "一是", ">", ">>", "a", " ", "，", "编辑："]
    for _ in 0..<2000 {
      let haystack = (0..<Int.random(in: 0..<12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
        .joined()
      let needle = pieces.randomElement(using: &rng)!
      let h = Array(haystack.utf8)
      let n = Array(needle.utf8)
      let naive = h.count < n.count ? nil : (0...(h.count - n.count)).first { h[$0..<($0 + n.count)].elementsEqual(n) }
      #expect(TextSearch.offset(of: needle, in: haystack) == naive, "\(needle) in \(haystack)")
    }
  }

  @Test("measuring and squeezing count what visibleCount counts")
  func measuring() {
    let texts = ["", " ", "　党建 引领，\n\t发展。", "a\u{A0}b\u{3000}c\u{200B}d", "鹿寨县、合作社；好！吗？,", "\u{FEFF}x"]
    for text in texts {
      var t = text
      let (chars, punctuation, valid) = t.withUTF8 { Cleaning.measure($0) }
      #expect(valid)
      #expect(chars == Cleaning.visibleCount(text), "\(text)")
      let expected = text.unicodeScalars.filter { "，。、；！？,".unicodeScalars.contains($0) }.count
      #expect(punctuation == expected, "\(text)")
      let squeezed = t.withUTF8 { Cleaning.squeezed($0) }
      #expect(squeezed.chars == Cleaning.visibleCount(squeezed.text))
    }
    let invalid: [UInt8] = [0x61, 0xED, 0xA0, 0x80, 0x62]
    #expect(!invalid.withUnsafeBufferPointer { Cleaning.measure($0).valid })
  }

  @Test("a subtree's text is one range of the document text")
  func subtreeText() throws {
    let html = "<html><body><div id=Main class='Article Body'><p>第一段<a href=x>链接</a>文字。</p>"
      + "<script>var x;</script><p style='display:none'>隐藏</p><p>第二段</p></div></body></html>"
    var text = html
    let tree = try text.withUTF8 { buffer in
      try HTMLDocument(html: buffer, input: "t.html").tree()
    }
    let div = try #require(tree.first(.div, in: 0))
    #expect(tree.textContent(div) == "第一段链接文字。第二段")
    #expect(tree.hintNames(div) == "article body main")
    #expect(tree.nodes[div].linkChars == 2)
    #expect(tree.nodes[div].punctuation == 1)
    let blocks = Cleaning.blocks(of: tree, div).map(\.text)
    #expect(blocks == ["第一段链接文字。", "第二段"])
  }
}

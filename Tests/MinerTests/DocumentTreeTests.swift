import Foundation
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
      try HTMLDocument.tree(html: buffer, input: "t.html")
    }
    let div = try #require(tree.first(.div, in: 0))
    #expect(tree.textContent(div) == "第一段链接文字。第二段")
    #expect(tree.hintNames(div) == "article body main")
    #expect(tree.nodes[div].linkChars == 2)
    #expect(tree.nodes[div].punctuation == 1)
    let blocks = Cleaning.blocks(of: tree, div).map(\.text)
    #expect(blocks == ["第一段链接文字。", "第二段"])
  }

  /// Pages whose shape libxml2's tree builder treats specially: content after `</html>`, a
  /// DOCTYPE or comment first or in the middle, hidden roots, entities and comments inside
  /// text, nesting past `maximumDepth` (with scripts, hidden and block elements below it).
  static let awkwardPages: [String: String] = [
    "after-html": "<html><head><title>T</title></head><body><p>甲乙，丁。</p></body></html><p>之后。</p><div class=c>再</div>",
    "doctype-first": "<!DOCTYPE html><html><body><p>正文。</p></body></html><div>之后，文字。</div>",
    "doctype-middle": "<html><body><p>一</p><!DOCTYPE html><p>二</p></body></html><p>三</p>",
    "strict-doctype": "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><html><body>\n<p>一</p>\n</body></html>",
    "comment-first": "<!-- c --><html><body><p>正文。</p></body></html><p>之后</p>",
    "processing-instruction": "<?xml version=\"1.0\"?><html><body><p>甲&amp;乙<!-- x -->丙&lt;丁</p><p>a<b>b</b> c<?pi x?>d</p></body></html>",
    "hidden-root": "<html hidden><body><p>藏</p></body></html><p>之后</p>",
    "hidden-style-root": "<html style='DISPLAY: none'><body><p>藏</p></body></html><p>之后</p>",
    "text-before-html": "<p>直接段落</p>文字<html><body>后</body></html>",
    "no-tags": "just text & no tags",
    "empty-body": "<html><body></body></html>",
    "white-space": "<table><tr><td>甲</td>\n<td>乙</td></tr></table>\n<p>一。</p>\n\n<p>二，&#x4E00;&#20108;&nbsp;三</p>",
    "prefixed-names": "<html><body><o:p>一</o:p><met:a href=x>链接文字</met:a><:p>二</:p><x:>三</x:><a:b:p>四</a:b:p><w:div><st1:place>鹿寨县</st1:place></w:div><p xml:lang=zh o:class=x>五</p></body></html>",
    "attributes": "<p style='display: none'>藏</p><p class='Article Content' id=Main>可见。</p><meta name=x content=y><meta property><link rel=canonical href='u&amp;v'><a href=u>链</a><p hidden class=x>隐</p><div class>空</div>",
    "unclosed": String(repeating: "<div><p>x</p><!-- c -->文<b>字</b>", count: 170),
    "deep": "<html><body>" + (0..<200).map { "<div class=d\($0)><p>层\($0)，文字。</p>" }.joined()
      + "<script>var x=1</script><br>深处<span hidden>隐</span><style>p{}</style><li>项" + String(repeating: "</div>", count: 200)
      + "<p>尾。</p></body></html>",
  ]

  @Test("the SAX builder makes the tree copied from libxml2's own tree")
  func saxTreeEqualsCopiedTree() throws {
    var pages = Self.awkwardPages
    // Every HTML page of the fixtures and the sample corpus, decoded as ingest decodes them.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    for folder in [pageFixtures, root.appendingPathComponent("corpora/samples"), SharedData.directory.appendingPathComponent("html-dev")] {
      let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
      while let url = files?.nextObject() as? URL {
        guard ["html", "htm"].contains(url.pathExtension.lowercased()) else { continue }
        let bytes = [UInt8](try Data(contentsOf: url))
        guard let decoded = try? Decoding.decode(bytes, input: url.path) else { continue }
        pages[url.lastPathComponent] = decoded.text
      }
    }
    #expect(pages.count >= 28)
    for (name, html) in pages.sorted(by: { $0.key < $1.key }) {
      var text = html
      let (sax, copied) = try text.withUTF8 { buffer in
        (try HTMLDocument.tree(html: buffer, input: name), try HTMLDocument(html: buffer, input: name).tree())
      }
      #expect(sax == copied, "\(name)")
      if ["after-html", "doctype-first", "comment-first"].contains(name) {
        #expect(String(decoding: sax.text, as: UTF8.self).contains("之后"), "\(name)")
      }
    }
  }
}

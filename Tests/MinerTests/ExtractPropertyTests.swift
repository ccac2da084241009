import Testing

@testable import Miner

/// Invariants over arbitrary text: extraction never traps, and every span lies inside the text
/// and spells its finding. (MinerTests has no property-testing dependency; a seeded generator
/// over the characters the extractors care about does the job.)
@Suite("Extraction invariants")
struct ExtractPropertyTests {
  static let alphabet = Array(
    "0123456789１２.,，、。；;:：“”‘’「」\"()（）+％%-~至到万亿千百十一二两三四五六七八九零〇○半几数多余近约超过不足以上下左右元名个月家户年日第分之公司有限责任合作社专业党支部集团厂中心县市区旗盟广西鹿寨柳州讯电我全说哪里就 \n\r\u{3000}a😀"
      .unicodeScalars)

  @Test(arguments: 0..<8)
  func spansSpellTheirFindings(seed: Int) {
    var g = SplitMix(seed: UInt64(seed))
    for _ in 0..<150 {
      var view = String.UnicodeScalarView()
      for _ in 0..<Int(g.next() % 90) {
        view.append(Self.alphabet[Int(g.next() % UInt64(Self.alphabet.count))])
      }
      let text = String(view)
      let scalars = Array(text.unicodeScalars)
      let f = ExtractFixture.extractor.findings(in: text, title: nil, byline: nil)
      func spells(_ start: Int, _ end: Int, _ s: String) -> Bool {
        0 <= start && start <= end && end <= scalars.count
          && String(String.UnicodeScalarView(scalars[start..<end])) == s
      }
      for c in f.claims { #expect(spells(c.start, c.end, c.text), "\(c.text) in \(text)") }
      for x in f.firms { #expect(spells(x.start, x.end, x.text), "\(x.text) in \(text)") }
      for s in f.slogans { #expect(spells(s.start, s.end, s.text), "\(s.text) in \(text)") }
    }
  }
}

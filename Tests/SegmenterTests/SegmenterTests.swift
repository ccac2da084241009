import Foundation
import PropertyBased
import Testing

@testable import Segmenter

/// One shared segmenter per test process is not allowed (not thread-safe), but the lexicon is.
func makeSegmenter() throws -> Segmenter { try Segmenter() }

func words(_ text: String, _ segmenter: Segmenter) -> [String] {
  segmenter.tokens(in: text).filter { $0.kind != .whitespace }.map { String($0.text(in: text)) }
}

struct Case: CustomTestStringConvertible, Sendable {
  var sentence: String
  var expected: [String]
  var testDescription: String { sentence }
}

@Suite struct LexiconLayer {
  /// Domain words and place names stay whole (inside one token), however ICU splits them.
  @Test(arguments: [
    Case(sentence: "鹿寨县党组织覆盖率达到84.61%", expected: ["鹿寨县", "党组织"]),
    Case(sentence: "鹿寨的两新组织党建工作", expected: ["鹿寨", "两新组织", "党建"]),
    Case(sentence: "成立村党支部和专业合作社", expected: ["党支部", "合作社"]),
    Case(sentence: "中共鹿寨县委组织部", expected: ["鹿寨", "组织部"]),
    Case(sentence: "鹿寨县推动乡村振兴", expected: ["鹿寨县", "乡村振兴"]),
  ])
  func keepsDomainWordsWhole(_ c: Case) throws {
    let got = words(c.sentence, try makeSegmenter())
    for word in c.expected { #expect(got.contains { $0.contains(word) }, "\(got)") }
  }

  @Test func userLexiconAddsWords() throws {
    let lexicon = Lexicon([.text("一企一特色\n鹿寨 5\n")])
    #expect(lexicon.contains("一企一特色"))
    #expect(lexicon.frequency(of: "鹿寨") == 5)
    let segmenter = try Segmenter(lexicon: lexicon, unknownWordModel: nil)
    #expect(words("推行一企一特色", segmenter).contains("一企一特色"))
  }

  @Test func unweightedWordsGetAFrequencyThatKeepsThemWhole() throws {
    let lexicon = Lexicon([.text("党 100000\n建设 100000\n党建设\n")])
    #expect(try #require(lexicon.frequency(of: "党建设")) >= 1)
    let segmenter = try Segmenter(lexicon: lexicon, unknownWordModel: nil)
    #expect(words("党建设", segmenter) == ["党建设"])
  }

  @Test func emptyLexiconFallsBackToCharactersAndNumbers() throws {
    let segmenter = try Segmenter(lexicon: Lexicon([]), unknownWordModel: nil)
    #expect(words("党建2019年", segmenter) == ["党", "建", "2019年"])
  }
}

@Suite struct Numbers {
  @Test(arguments: [
    Case(sentence: "二○○一年新年贺词", expected: ["二○○一年"]),
    Case(sentence: "（二○○○年十二月三十一日）", expected: ["二○○○年", "十二月", "三十一日"]),
    Case(sentence: "１９９８年１２月３１日", expected: ["１９９８年", "１２月", "３１日"]),
    Case(sentence: "党组织覆盖率达84.61%", expected: ["84.61%"]),
    Case(sentence: "增长８·５％", expected: ["８·５％"]),
    Case(sentence: "投入资金1万亿元", expected: ["1万亿"]),
    Case(sentence: "这是第二十一次会议", expected: ["第二十一"]),
    Case(sentence: "占三分之一", expected: ["三分之一"]),
  ])
  func mergeInPKUStyle(_ c: Case) throws {
    let segmenter = try makeSegmenter()
    let tokens = segmenter.tokens(in: c.sentence)
    for word in c.expected {
      let token = try #require(tokens.first { $0.text(in: c.sentence) == word }, "\(words(c.sentence, segmenter))")
      #expect(token.kind == .number)
    }
  }

  /// Durations keep 年 apart (PKU: 10 年), years keep it (2001年).
  @Test func yearsButNotDurations() throws {
    let got = words("近10年来，2001年以后", try makeSegmenter())
    #expect(got.contains("10") && got.contains("2001年"), "\(got)")
  }
}

@Suite struct Tiling {
  @Test(arguments: [
    "", "   ", "\r\n", "鹿寨县", "abc 123 鹿寨", "——……", "a\u{0}b", "😀党建😀", "\u{FEFF}党建",
  ])
  func tokensTileTheirText(_ text: String) throws {
    try expectTiling(text, try makeSegmenter())
  }

  @Test func randomTextTiles() async throws {
    let alphabet = Array("鹿寨县党建组织一二三○〇0123456789１２.%％，。、“”—… \t\nAbc😀\r")
    let segmenter = try makeSegmenter()
    await propertyCheck(count: 300, input: Gen<Character?>.element(of: alphabet).array(of: 0...80)) { chars in
      try? expectTiling(String(chars.compactMap { $0 }), segmenter)
    }
  }

  @Test func arbitraryBytesNeverTrap() async throws {
    let segmenter = try makeSegmenter()
    await propertyCheck(count: 300, input: Gen.int(in: 0...255).array(of: 0...120)) { values in
      let bytes = values.map { UInt8($0) }
      var tokens: [Token] = []
      bytes.withUnsafeBufferPointer { segmenter.tokens(utf8: $0, into: &tokens) }
      var end = 0
      for token in tokens {
        #expect(token.utf8.lowerBound == end)
        end = token.utf8.upperBound
      }
      #expect(end == bytes.count)
    }
  }

  @Test func invalidUTF8CountsEachBadByteAsOneScalar() throws {
    let bytes: [UInt8] = Array("党建".utf8) + [0xFF, 0xC3] + Array("组织".utf8)
    var tokens: [Token] = []
    try makeSegmenter().tokens(utf8: bytes.withUnsafeBufferPointer { $0 }, into: &tokens)
    #expect(tokens.last?.utf8.upperBound == bytes.count)
    #expect(tokens.last?.scalars.upperBound == 6)
  }

  @Test func tenMegabyteSingleLine() throws {
    let unit = "鹿寨县强化党建引领，党组织覆盖率达84.61%。"
    let text = String(repeating: unit, count: 10_000_000 / unit.utf8.count + 1)
    let tokens = try makeSegmenter().tokens(in: text)
    #expect(tokens.last?.utf8.upperBound == text.utf8.count)
    #expect(tokens.last?.scalars.upperBound == text.unicodeScalars.count)
  }

  @Test func sentencesTileText() throws {
    let text = "鹿寨县强化党建引领。党组织覆盖率达84.61%！下一步怎么办？"
    let sentences = try makeSegmenter().sentences(in: text)
    #expect(sentences.count == 3)
    #expect(sentences.first?.lowerBound == 0 && sentences.last?.upperBound == text.utf8.count)
  }

  @Test func copiesWorkOnOtherThreads() async throws {
    let segmenter = try makeSegmenter()
    let text = "鹿寨县强化党建引领，党组织覆盖率达84.61%。"
    let expected = words(text, segmenter)
    let copies = try (0..<4).map { _ in try segmenter.copy() }
    await withTaskGroup(of: [String].self) { group in
      for copy in copies {
        nonisolated(unsafe) let copy = copy
        group.addTask { (0..<200).map { _ in words(text, copy) }.last! }
      }
      for await result in group { #expect(result == expected) }
    }
  }
}

func expectTiling(_ text: String, _ segmenter: Segmenter) throws {
  let tokens = segmenter.tokens(in: text)
  var utf8 = 0
  var scalars = 0
  for token in tokens {
    #expect(token.utf8.lowerBound == utf8 && token.scalars.lowerBound == scalars)
    #expect(!token.utf8.isEmpty)
    utf8 = token.utf8.upperBound
    scalars = token.scalars.upperBound
  }
  #expect(utf8 == text.utf8.count)
  #expect(scalars == text.unicodeScalars.count)
  #expect(tokens.map { $0.text(in: text) }.joined() == text)
}

@Suite struct Scoring {
  @Test func bakeoffSpanMatching() {
    var score = SegmentationScore()
    let gold: [Substring] = ["共同", "创造", "美好", "的", "新", "世纪"]
    let predicted: [Substring] = ["共同", "创造", "美好", "的", "新世纪"]
    score.add(gold: gold, predicted: predicted, vocabulary: ["共同", "创造", "美好", "的", "新"])
    #expect(score.correct == 4)
    #expect(score.goldWords == 6 && score.predictedWords == 5)
    #expect(score.oovWords == 1 && score.oovCorrect == 0)
    #expect(abs(score.f1 - 2 * (0.8 * 4 / 6) / (0.8 + 4.0 / 6)) < 1e-9)
  }
}

/// The seed page (../shared/data, absent on a user's clone: the test then skips).
@Suite struct SeedPage {
  static let seedURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("../shared/data/seed-luzhai.txt").standardizedFileURL

  @Test(
    .enabled(if: FileManager.default.fileExists(atPath: seedURL.path), "../shared/data is absent"),
    arguments: ["鹿寨", "非公企业", "两新组织", "党组织", "党建", "84.61%", "2019年"])
  func everyOccurrenceStaysInsideOneToken(_ word: String) throws {
    let text = try String(contentsOf: Self.seedURL, encoding: .utf8)
    let tokens = try makeSegmenter().tokens(in: text)
    try expectTiling(text, try makeSegmenter())
    let scalars = Array(text.unicodeScalars)
    let target = Array(word.unicodeScalars)
    var occurrences = 0
    var i = 0
    while i + target.count <= scalars.count {
      if Array(scalars[i..<i + target.count]) == target {
        occurrences += 1
        let inside = tokens.contains { $0.scalars.lowerBound <= i && $0.scalars.upperBound >= i + target.count }
        #expect(inside, "\(word) at \(i) is split")
      }
      i += 1
    }
    #expect(occurrences > 0)
  }
}

/// `WordScores` sums the model's log-odds incrementally over the trie; it must give what
/// `UnknownWordModel.wordEvidence` gives word by word (the two derivations must not drift).
@Suite struct ModelOpinionOfWords {
  @Test func trieSumsEqualWordByWordEvidence() throws {
    let words = ["江泽民", "取得", "得了", "方面", "面的", "新世纪", "世纪", "党组织覆盖率", "的", "了", "取"]
    let lexicon = Lexicon([.text(words.joined(separator: "\n"))])
    let model = try UnknownWordModel.standard()
    var options = Segmenter.Options()
    options.wordBonus = 0
    options.modelWeight = 1
    let scores = WordScores(lexicon: lexicon, model: model, options: options)
    for word in words {
      let scalars = word.unicodeScalars.map(\.value)
      let node = try #require(lexicon.node(for: scalars))
      let odds: Double
      if scalars.count == 1 {
        let e = model.emissions(scalars[0])
        odds = e[3] - max(e[0], e[2])
      } else {
        odds = model.wordEvidence(scalars[...])
      }
      let added = Double(scores.scores[Int(node)] - lexicon.score(node))
      #expect(abs(added - max(-10, min(10, odds))) < 1e-3, "\(word)")
    }
  }
}

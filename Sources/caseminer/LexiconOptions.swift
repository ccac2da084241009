import ArgumentParser
import Foundation
import Segmenter

/// Options shared by every command that segments text.
struct LexiconOptions: ParsableArguments {
  @Option(
    name: .customLong("lexicon"),
    help: ArgumentHelp(
      "Add the words of FILE (one word a line, optional frequency after a space). Repeatable.",
      valueName: "FILE"))
  var lexicons: [String] = []

  @Flag(help: "Start from an empty lexicon instead of the shipped one (general + domain + places).")
  var noDefaultLexicon = false

  @Flag(help: "Do not group unknown single characters into words with the HMM.")
  var noUnknownWords = false

  @Flag(help: "Also run ICU's CJK dictionary and offer its words to the best-path search (slower).")
  var icuWords = false

  @Option(help: .hidden)
  var wordBonus: Float?

  @Option(help: .hidden)
  var icuWordCost: Float?

  @Option(help: .hidden)
  var boundFraction: Double?

  @Option(help: .hidden)
  var wordEvidence: Double?

  @Option(help: .hidden)
  var modelWeight: Float?

  /// A segmenter built from these options.
  func segmenter() throws -> Segmenter {
    var sources: [Lexicon.Source] = []
    if !noDefaultLexicon {
      sources += [try Lexicon.generalWords, try Lexicon.domainWords, try Lexicon.placeNames]
    }
    for path in lexicons {
      sources.append(try Lexicon.Source.file(URL(fileURLWithPath: path)))
    }
    var options = Segmenter.Options()
    options.unknownWords = !noUnknownWords
    options.icuWords = icuWords
    if let wordBonus { options.wordBonus = wordBonus }
    if let boundFraction { options.boundFraction = boundFraction }
    if let wordEvidence { options.wordEvidence = wordEvidence }
    if let icuWordCost { options.icuWordCost = icuWordCost }
    if let modelWeight { options.modelWeight = modelWeight }
    let lexicon =
      (lexicons.isEmpty && !noDefaultLexicon) ? try Lexicon.standard() : Lexicon(sources)
    return try Segmenter(
      lexicon: lexicon, unknownWordModel: try UnknownWordModel.standard(), options: options)
  }
}

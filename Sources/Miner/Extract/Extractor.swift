import Dispatch
import Foundation

/// Extracts numeric claims, firms, slogans and the submitting region from a document's text.
///
/// Build one and reuse it: vocabularies and the gazetteer are loaded once (~0.05 s of CPU). It
/// is an immutable value, safe to share across threads. Threads sharing one touch the same
/// reference counts of its tables: `ingest --extract` shares one all the same (a second load
/// cost more, measured); `extract` gives each worker its own (`several`).
///
/// ```swift
/// let extractor = try Extractor()
/// let f = extractor.findings(in: "…共发展党员89名…", title: "广西鹿寨县:做实非公企业党建", byline: nil)
/// // f.claims[0].text == "89名", f.region?.county == "鹿寨县"
/// ```
public struct Extractor: Sendable {
  let vocabulary: Vocabulary
  let gazetteer: Gazetteer

  /// Loads the bundled vocabularies (Resources/extract) and admin-divisions.tsv.
  public init() throws(ExtractError) {
    vocabulary = try Vocabulary.bundled()
    gazetteer = try Gazetteer.bundled(generic: vocabulary.regionGenericNames)
  }

  /// `count` extractors, one per worker thread, loaded side by side on as many threads (each
  /// load is ~0.05 s, which a short run would otherwise pay `count` times in a row).
  public static func several(_ count: Int) throws(ExtractError) -> [Extractor] {
    let n = max(1, count)
    let loaded = Locked([Result<Extractor, ExtractError>?](repeating: nil, count: n))
    DispatchQueue.concurrentPerform(iterations: n) { k in
      let result = Result { () throws(ExtractError) in try Extractor() }
      loaded.withLock { $0[k] = result }
    }
    return try loaded.withLock { $0 }.map { result throws(ExtractError) in try result!.get() }
  }

  /// Findings in `text`. `title` and `byline` (中共鹿寨县委组织部) help find the region; pass
  /// nil when unknown. Offsets in the result are Unicode scalar offsets into `text`.
  ///
  /// `sentences: false` leaves each finding's `sentence` empty and sets only its
  /// `sentenceRange`: the store keeps the range, and making the strings was ~7 % of extraction.
  public func findings(in text: String, title: String?, byline: String?, sentences: Bool = true) -> Findings {
    let t = ScalarText(text, sentences: sentences)
    let (slogans, covered) = SloganFinder(vocabulary: vocabulary).slogans(in: t)
    var excluded = Array(repeating: false, count: t.count)
    for r in covered { for k in r { excluded[k] = true } }
    let firms = FirmFinder(vocabulary: vocabulary, gazetteer: gazetteer).firms(
      in: t, excluded: excluded)
    for f in firms { for k in f.start..<f.end { excluded[k] = true } }
    let claims = ClaimFinder(vocabulary: vocabulary).claims(in: t, excluded: excluded)
    let region = RegionResolver(gazetteer: gazetteer).region(text: t, title: title, byline: byline)
    return Findings(region: region, claims: claims, firms: firms, slogans: slogans)
  }

  /// Findings in a plain-text page whose first lines may carry a breadcrumb, the title, a byline
  /// and a date/source line (as saved from a news portal); title and byline are guessed from them.
  public func findings(inPlainText text: String) -> Findings {
    let header = PlainTextHeader(text)
    return findings(in: text, title: header.title, byline: header.byline)
  }
}

/// Title and byline guessed from the first lines of a plain-text page.
///
/// A stand-in until ingest's `Page` supplies them: the title is the first short line that is
/// neither a breadcrumb (…>>…, 您现在的位置) nor page furniture; the byline a short 中共…委… line.
public struct PlainTextHeader: Sendable, Equatable {
  public var title: String?
  public var byline: String?

  public init(_ text: String) {
    var title: String? = nil
    var byline: String? = nil
    var seen = 0
    for raw in text.unicodeScalars.prefix(800).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      if raw.count > 90 { break }  // the body has started
      let line = String(String.UnicodeScalarView(raw)).trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line == "|" || line == "分享" { continue }
      seen += 1
      if seen > 8 || line.unicodeScalars.count > 60 { break }
      if line.hasPrefix("中共")
        && (line.hasSuffix("组织部") || line.hasSuffix("委") || line.hasSuffix("宣传部"))
      {
        byline = line
        continue
      }
      let furniture =
        line.unicodeScalars.contains { $0 == ">" || $0 == "＞" }
        || line.firstRange(of: "位置") != nil || line.firstRange(of: "来源") != nil
        || line.unicodeScalars.first.map { ("0"..."9").contains($0) } == true
      if title == nil && !furniture && line.unicodeScalars.count >= 6 { title = line }
    }
    self.title = title
    self.byline = byline
  }
}

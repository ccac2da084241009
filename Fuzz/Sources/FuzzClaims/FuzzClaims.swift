import FuzzDriver
import Miner

/// Findings (numeric claims, firms, slogans, region) on arbitrary text: never traps, every
/// span lies inside the text and spells its finding, and every sentence range (what the store
/// keeps) spells the finding's sentence.
let extractor = try! Extractor()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  let scalars = Array(text.unicodeScalars)
  let findings = extractor.findings(inPlainText: text)
  func check(_ start: Int, _ end: Int, _ surface: String) {
    precondition(0 <= start && start <= end && end <= scalars.count, "span \(start)..<\(end) outside \(scalars.count)")
    precondition(
      String(String.UnicodeScalarView(scalars[start..<end])) == surface,
      "span \(start)..<\(end) does not spell \(surface)")
  }
  for c in findings.claims {
    check(c.start, c.end, c.text)
    check(c.sentenceRange.lowerBound, c.sentenceRange.upperBound, c.sentence)
    precondition(!c.value.isNaN, "claim value is NaN")
  }
  for f in findings.firms {
    check(f.start, f.end, f.text)
    check(f.sentenceRange.lowerBound, f.sentenceRange.upperBound, f.sentence)
  }
  for s in findings.slogans {
    check(s.start, s.end, s.text)
    check(s.sentenceRange.lowerBound, s.sentenceRange.upperBound, s.sentence)
  }
  return 0
}

/// The entry point SwiftPM links as main() (see FuzzDriver.c).
@_cdecl("FuzzClaims_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  caseminer_fuzz_main(argc, argv) { data, count in fuzz(data!, count) }
}

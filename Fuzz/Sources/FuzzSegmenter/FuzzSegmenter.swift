import FuzzDriver
import Segmenter

/// The segmenter over arbitrary bytes (invalid UTF-8 included): tokens tile the input exactly,
/// in UTF-8 offsets and in scalar offsets, and none is empty.
nonisolated(unsafe) let segmenter = try! Segmenter()
nonisolated(unsafe) var tokens: [Token] = []

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  tokens.removeAll(keepingCapacity: true)
  segmenter.tokens(utf8: UnsafeBufferPointer(start: data, count: count), into: &tokens)
  var utf8 = 0
  var scalars = 0
  for token in tokens {
    precondition(token.utf8.lowerBound == utf8, "gap or overlap at byte \(utf8)")
    precondition(token.scalars.lowerBound == scalars, "scalar gap or overlap at \(scalars)")
    precondition(!token.utf8.isEmpty && !token.scalars.isEmpty, "empty token at byte \(utf8)")
    utf8 = token.utf8.upperBound
    scalars = token.scalars.upperBound
  }
  precondition(utf8 == count, "tokens end at byte \(utf8) of \(count)")
  // On valid UTF-8 the scalar offsets must count the scalars.
  let bytes = UnsafeBufferPointer(start: data, count: count)
  if let text = String(validating: bytes, as: UTF8.self) {
    precondition(scalars == text.unicodeScalars.count, "tokens end at scalar \(scalars)")
  }
  return 0
}

/// The entry point SwiftPM links as main() (see FuzzDriver.c).
@_cdecl("FuzzSegmenter_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  caseminer_fuzz_main(argc, argv) { data, count in fuzz(data!, count) }
}

import FuzzDriver
import Miner

/// Plain-text pages: `Page(parsing:)` of a .txt file and the header guess (title, byline).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  _ = try? Page(parsing: RawPage(uri: "fuzz.txt", bytes: bytes))
  let text = String(decoding: bytes, as: UTF8.self)
  let header = PlainTextHeader(text)
  if let title = header.title { precondition(text.contains(title), "title not in the text") }
  return 0
}

/// The entry point SwiftPM links as main() (see FuzzDriver.c).
@_cdecl("FuzzPlainText_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  caseminer_fuzz_main(argc, argv) { data, count in fuzz(data!, count) }
}

import FuzzDriver
import Miner

/// Charset detection + decoding over arbitrary bytes: never traps; the bytes after the first
/// one (when it is < 0x80) are also tried under that byte's transport label.
let labels = ["gb2312", "gbk", "utf-8", "big5", "utf-16le", "utf-16be", "iso-8859-1", "bogus"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  if let (text, encoding) = try? Decoding.decode(bytes, input: "fuzz") {
    precondition(encoding.replacements >= 0, "negative replacement count")
    precondition(text.utf8.count <= bytes.count * 4 + 16, "decoded text out of proportion")
  }
  _ = Decoding.declaredCharset(in: bytes)
  if let first = bytes.first {
    let label = labels[Int(first) % labels.count]
    _ = try? Decoding.decode(Array(bytes.dropFirst()), transportCharset: label, input: "fuzz")
  }
  return 0
}

/// The entry point SwiftPM links as main() (see FuzzDriver.c).
@_cdecl("FuzzDecoding_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  caseminer_fuzz_main(argc, argv) { data, count in fuzz(data!, count) }
}

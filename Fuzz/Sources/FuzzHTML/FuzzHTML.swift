import FuzzDriver
@_spi(Fuzzing) import Miner

/// HTML (and XML) parse + cleaning over arbitrary bytes: `Page(parsing:)` either throws an
/// `IngestError` or returns a page whose text is made of its sections; and the tree built from
/// libxml2's SAX events equals the one copied from libxml2's own tree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  // The first byte picks the file name, so .xml documents get their share.
  let uri = (bytes.first ?? 0) & 1 == 0 ? "fuzz.html" : "fuzz.xml"
  if uri == "fuzz.html" {
    precondition(ParserChecks.saxTreeAgrees(html: bytes), "the SAX tree differs from libxml2's tree")
  }
  if let page = try? Page(parsing: RawPage(uri: uri, bytes: bytes)) {
    for section in page.sections {
      for paragraph in section.paragraphs {
        precondition(page.text.contains(paragraph), "a paragraph missing from the text")
      }
    }
  }
  return 0
}

/// The entry point SwiftPM links as main() (see FuzzDriver.c).
@_cdecl("FuzzHTML_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  caseminer_fuzz_main(argc, argv) { data, count in fuzz(data!, count) }
}

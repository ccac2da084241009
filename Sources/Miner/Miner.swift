/// CaseMiner's pipeline after segmentation: ingest (sources, decoding, libxml2 parsing,
/// content extraction), extraction of findings, the embedded store, and queries.
///
/// Every stage is a plain function or value type over the previous stage's output.
public enum Miner {}

extension Miner {
  /// Prepares the C libraries on the calling (main) thread before workers start: libxml2's
  /// `xmlInitParser()` and this thread's silent error handlers (PITFALLS.md 9).
  public static func prepare() {
    HTMLDocument.prepare()
  }
}

/// CaseMiner's pipeline after segmentation: ingest (sources, decoding, libxml2 parsing,
/// content extraction), extraction of findings, the embedded store, and queries.
///
/// Every stage is a plain function or value type over the previous stage's output.
public enum Miner {}

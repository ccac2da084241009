import ArgumentParser
import Foundation
import Miner

extension Extract {
  /// Extracts every stored document not yet extracted, on all cores, saving findings in
  /// batches; prints each document's findings like the file mode does. The extractors are
  /// loaded once there is something to extract.
  func extractStore(_ path: String, loading load: () throws -> [Extractor]) throws {
    let corpus = try existingCorpus(at: path)
    var done = 0
    var loaded: [Extractor]?
    while true {
      let batch = try corpus.pagesAwaitingExtraction(limit: 512)
      if batch.isEmpty { break }
      if loaded == nil { loaded = try load() }
      let extractors = loaded!
      // One extractor per worker, each over its own share of the batch.
      var next = extractors.makeIterator()
      let results = concurrentMap(batch.count, workers: extractors.count, state: { next.next()! }) {
        extractor, k in
        let page = batch[k].page
        return extractor.findings(in: page.text, title: page.title, byline: page.byline)
      }.map { $0 ?? Findings() }
      try corpus.save(zip(batch, results).map { (id: $0.id, findings: $1) })
      for (item, findings) in zip(batch, results) {
        if json {
          Output.write(line: ExtractRecord(source: item.page.uri, findings: findings).jsonLine())
        } else {
          Output.write(line: ExtractRecord.listing(source: item.page.uri, findings: findings))
        }
      }
      done += batch.count
    }
    Output.warn("extracted \(done) document\(done == 1 ? "" : "s") into \(path)")
  }

  /// A file as a page: HTML and plain text go through `Page(parsing:)`, as ingest does.
  static func page(at path: String) throws -> Page {
    if path == "-" {
      return try Page(parsing: RawPage(uri: "<stdin>", bytes: Array(FileHandle.standardInput.readDataToEndOfFile())))
    }
    return try Page(parsing: RawPage(contentsOf: URL(fileURLWithPath: path)))
  }
}

import ArgumentParser
import Foundation
import Miner
import Segmenter

/// `caseminer bench`: where the time goes on your own pages.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure each pipeline stage on your pages: pages/s, MB/s, share of the time.",
    discussion: """
      Reads the pages in each PATH as `caseminer ingest` does (files, folders with their \
      page-like files, .zip, .tar, .tar.gz, .warc, .warc.gz) into memory, then runs every \
      stage over them on all cores: read (listing, unpacking and reading, on one thread as \
      ingest does), decode (binary check, charset detection, conversion to UTF-8), parse \
      (libxml2 into a tree), clean (main text, sections and metadata from the tree; parse and \
      clean take 256 pages at a time), segment (words of the page text), extract (claims, \
      firms, slogans, region) and store (writes into a throw-away SQLite store). Then end \
      to end: `caseminer ingest --extract` of the same PATHs into a throw-away store (it \
      does not segment; its time includes loading the extractor's tables, ~0.05 s). One \
      page goes through parsing and extraction untimed first (one-time table loading). \
      Throughput is per stage over the input bytes; `share` is the stage's part of the \
      summed stage times. Inputs that cannot be read are counted and the first few named \
      on stderr. --json prints one object:
        {"pages","bytes","threads","unreadable","stages":[{"name","seconds",
         "pages_per_second","mb_per_second","share"}],"end_to_end":{…}}
      """)

  @Argument(help: "Pages, folders of pages or archives (.zip, .tar(.gz), .warc(.gz)).")
  var paths: [String]

  @OptionGroup var threading: ThreadsOption

  @Flag(help: "Print one JSON object instead of a table.")
  var json = false

  struct Stage: Encodable {
    var name: String
    var seconds: Double
    var pagesPerSecond: Double
    var mbPerSecond: Double
    var share: Double
    enum CodingKeys: String, CodingKey {
      case name, seconds, share
      case pagesPerSecond = "pages_per_second"
      case mbPerSecond = "mb_per_second"
    }
  }

  func run() throws {
    let workers = threading.count
    let clock = ContinuousClock()
    // A bar on stderr when it is a terminal (and not --json); a line per stage otherwise.
    let live = !json && isatty(2) == 1
    var bar = StageProgress(name: "", total: 0, live: false)
    /// Seconds `body` takes.
    func seconds(_ body: () throws -> Void) rethrows -> Double {
      let start = clock.now
      try body()
      let d = clock.now - start
      return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    /// Seconds a stage takes, with its line or bar on stderr.
    func time(_ name: String, total: Int = 0, _ body: () throws -> Void) rethrows -> Double {
      if !json && !live { FileHandle.standardError.write(Data("caseminer: bench: \(name)…\n".utf8)) }
      bar = StageProgress(name: name, total: total, live: live)
      bar.draw()
      return try seconds(body)
    }

    var stages: [(String, Double)] = []
    var raw: [RawPage] = []
    var unreadable = 0
    stages.append(("read", time("read") {
      for path in paths {
        Source(path: path).forEach { item in
          switch item {
          case .success(let (_, page)):
            raw.append(page)
            bar.step()
          case .failure(let error):
            unreadable += 1
            guard unreadable <= Self.namedFailures else { break }
            if live { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }  // off the bar's line
            Output.warn("\(error)")
          }
        }
      }
    }))
    if unreadable > Self.namedFailures {
      Output.warn("\(unreadable) inputs could not be read (the first \(Self.namedFailures) are named above)")
    }
    guard !raw.isEmpty else {
      Output.warn("no pages to measure in \(paths.joined(separator: " "))")
      throw ExitCode(2)
    }
    let count = raw.count
    /// `body` over `n` items on the workers; `steps`: each item moves the stage's bar.
    func map<State, T>(
      items n: Int = count, steps: Bool = true, _ state: () throws -> State,
      _ body: @escaping (inout State, Int) -> T?
    ) rethrows -> [T?] {
      let stage = bar
      guard stage.live && steps else { return try concurrentMap(n, workers: workers, state: state, body) }
      return try concurrentMap(n, workers: workers, state: state) { state, k in
        defer { stage.step() }
        return body(&state, k)
      }
    }
    let bytes = raw.reduce(0) { $0 + $1.bytes.count }
    let pagesRaw = raw
    var decodedPages: [DecodedPage?] = []
    stages.append(("decode", time("decode", total: count) {
      decodedPages = map({ () }) { _, k in try? DecodedPage(pagesRaw[k]) }
    }))
    let decoded = decodedPages
    // One page through parsing and extraction first, untimed: tables loaded once per process
    // (cleaning vocabularies, libxml2 set-up) are not page throughput. The peers' timings in
    // benchmarks/ warm up the same way.
    let extractor = try Extractor()
    if let page = try? Page(parsing: pagesRaw[0]) {
      _ = extractor.findings(in: page.text, title: page.title, byline: page.byline)
    }
    // Parse and clean a slice of pages at a time, each step timed on its own: libxml2's trees
    // of a whole archive at once would not fit in memory.
    var pages = [Page?](repeating: nil, count: count)
    var parseSeconds = 0.0
    var cleanSeconds = 0.0
    _ = time("parse, clean", total: count) {
      for from in stride(from: 0, to: count, by: Self.slice) {
        let n = min(count, from + Self.slice) - from
        var trees: [ParsedPage?] = []
        parseSeconds += seconds {
          trees = map(items: n, steps: false, { () }) { _, k in
            decoded[from + k].flatMap { try? ParsedPage($0) }
          }
        }
        let parsedSlice = trees
        var cleaned: [Page?] = []
        cleanSeconds += seconds {
          cleaned = map(items: n, { () }) { _, k in parsedSlice[k].map { Page(cleaning: $0) } }
        }
        pages.replaceSubrange(from..<(from + n), with: cleaned)
      }
    }
    stages.append(("parse", parseSeconds))
    stages.append(("clean", cleanSeconds))
    let parsed = pages
    let segmenter = try Segmenter()
    stages.append(("segment", try time("segment", total: count) {
      _ = try map({ (try segmenter.copy(), [Token]()) }) { state, k -> Int? in
        guard var text = parsed[k]?.text else { return nil }
        state.1.removeAll(keepingCapacity: true)
        text.withUTF8 { state.0.tokens(utf8: $0, into: &state.1) }
        return state.1.count
      }
    }))
    var findings: [Findings?] = []
    stages.append(("extract", time("extract", total: count) {
      findings = map({ () }) { _, k in
        // As ingest does: the store keeps sentence ranges, not sentence strings.
        parsed[k].map { extractor.findings(in: $0.text, title: $0.title, byline: $0.byline, sentences: false) }
      }
    }))
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("caseminer-bench-\(UUID().uuidString).sqlite").path
    func remove(_ path: String) {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    defer {
      remove(scratch)
      remove(scratch + "-e2e")
    }
    func store(_ results: [(Page, Findings, Int)], into path: String) throws {
      let corpus = try Corpus(path: path)
      for chunk in stride(from: 0, to: results.count, by: 500) {
        let part = results[chunk..<min(results.count, chunk + 500)]
        try corpus.add(part.map { .page($0.0, input: $0.0.uri, bytes: $0.2) }, corpus: "bench")
        try corpus.save(part.map { (id: Corpus.documentID(of: $0.0), findings: $0.1) })
        bar.step(part.count)
      }
    }
    let stored = pagesRaw.indices.compactMap { k in
      parsed[k].map { ($0, findings[k] ?? Findings(), pagesRaw[k].bytes.count) }
    }
    stages.append(("store", try time("store", total: stored.count) { try store(stored, into: scratch) }))

    // End to end: what `caseminer ingest --extract` does with the same paths, from the disk.
    let endToEnd = try time("end to end", total: count + unreadable) {
      let corpus = try Corpus(path: scratch + "-e2e")
      let stage = bar
      _ = try Ingestion(store: corpus, workers: workers, extract: true).run(
        paths.map { ($0, "bench") }, progress: { p in stage.set(p.pages + p.errors + p.skipped) })
    }
    if live { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }

    let total = stages.reduce(0) { $0 + $1.1 }
    let mb = Double(bytes) / 1e6
    let rows = stages.map { name, s in
      Stage(
        name: name, seconds: s, pagesPerSecond: Double(count) / s, mbPerSecond: mb / s,
        share: total > 0 ? s / total : 0)
    }
    let e2e = Stage(
      name: "end to end", seconds: endToEnd, pagesPerSecond: Double(count) / endToEnd,
      mbPerSecond: mb / endToEnd, share: 1)
    if json {
      struct Report: Encodable {
        var pages: Int
        var bytes: Int
        var threads: Int
        var unreadable: Int
        var stages: [Stage]
        var endToEnd: Stage
        enum CodingKeys: String, CodingKey {
          case pages, bytes, threads, unreadable, stages
          case endToEnd = "end_to_end"
        }
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let data = try encoder.encode(
        Report(pages: count, bytes: bytes, threads: workers, unreadable: unreadable, stages: rows, endToEnd: e2e))
      Output.write(data + Data("\n".utf8))
    } else {
      var out = String(format: "%d pages, %.1f MB, %d threads", count, mb, workers)
      out += unreadable > 0 ? ", \(unreadable) inputs unreadable\n" : "\n"
      out += "stage         seconds    pages/s      MB/s   share\n"
      for r in rows + [e2e] {
        out += r.name.padding(toLength: 12, withPad: " ", startingAt: 0)
        out += String(format: "%9.3f %10.0f %9.1f %6.1f%%\n", r.seconds, r.pagesPerSecond, r.mbPerSecond, r.share * 100)
      }
      Output.write(Data(out.utf8))
    }
  }

  /// Unreadable inputs named on stderr; the rest are counted.
  static let namedFailures = 5
  /// Pages parsed and cleaned at a time.
  static let slice = 256
}

/// One stage's progress on stderr: `caseminer: bench: extract [#######·····]  45 %  4,500/10,000`,
/// redrawn when the percentage changes (or every 100 pages when the total is not known). Steps
/// come from every worker thread.
final class StageProgress: @unchecked Sendable {
  let name: String
  let total: Int
  let live: Bool
  private let lock = NSLock()
  private var done = 0
  private var shown = -1

  init(name: String, total: Int, live: Bool) {
    self.name = name
    self.total = total
    self.live = live
  }

  func step(_ n: Int = 1) {
    guard live else { return }
    lock.lock()
    defer { lock.unlock() }
    done += n
    redraw()
  }

  /// The count so far, from a callback that reports totals.
  func set(_ n: Int) {
    guard live else { return }
    lock.lock()
    defer { lock.unlock() }
    done = n
    redraw()
  }

  func draw() {
    guard live else { return }
    lock.lock()
    defer { lock.unlock() }
    shown = -1
    redraw()
  }

  private func redraw() {
    let mark = total > 0 ? min(100, done * 100 / total) : done / 100
    guard mark != shown else { return }
    shown = mark
    let label = name.padding(toLength: 11, withPad: " ", startingAt: 0)
    var line = "\rcaseminer: bench: \(label)"
    if total > 0 {
      let width = 30
      let filled = min(width, done * width / total)
      line += "[" + String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled) + "]"
      line += String(format: " %3d %%  %d/%d", mark, done, total)
    } else {
      line += "\(done) pages"
    }
    FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
  }
}

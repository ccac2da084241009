import Dispatch
import Foundation

/// Counters of a running ingest, handed to the progress callback.
public struct IngestProgress: Sendable {
  public var pages = 0
  public var errors = 0
  /// Inputs already in the store from an earlier run, not read again.
  public var skipped = 0
  public var bytes = 0
  public var seconds = 0.0
  /// How many inputs this run has in all, when every source could say (nil for tar, WARC).
  public var total: Int? = 0

  /// Seconds left at the current rate, when the total is known.
  public var remainingSeconds: Double? {
    guard let total, seconds > 0 else { return nil }
    let done = pages + errors + skipped
    guard done > 0 else { return nil }
    return Double(max(0, total - done)) * seconds / Double(done)
  }
}

/// Many sources into one store: reading on the calling thread, decoding and cleaning on all
/// cores, writing on one writer in batched transactions. Inputs already finished for their
/// corpus are skipped, so a re-run adds nothing and an interrupted run completes the rest.
public final class Ingestion: Sendable {
  public let store: Corpus
  public let limits: IngestLimits
  public let batchSize: Int
  public let workers: Int
  /// The extractor all workers use when pages are extracted on the way in; nil stores pages
  /// only. Its tables are read-only and shared: one per worker cost more to load (~0.05 s of
  /// CPU each) than sharing costs in reference counts (ingest --extract, 1,000 pages: 1.300 ->
  /// 1.265 ms of CPU a page; 10,000: 1.375 -> 1.343; medians of alternating rounds).
  private let extractor: Extractor?

  /// `extract`: also find each page's claims, firms, slogans and region while it is in memory,
  /// and store them with the document (what `extract --store` would do in a second pass).
  public init(
    store: Corpus, limits: IngestLimits = IngestLimits(), batchSize: Int = 200,
    workers: Int = ProcessInfo.processInfo.activeProcessorCount, extract: Bool = false
  ) throws(ExtractError) {
    self.store = store
    self.limits = limits
    self.batchSize = batchSize
    self.workers = max(1, workers)
    extractor = extract ? try Extractor() : nil
  }

  /// The page's findings; nil when not extracting.
  private func findings(of page: Page) -> Findings? {
    // The store keeps where each finding's sentence lies, not a copy of it.
    extractor?.findings(in: page.text, title: page.title, byline: page.byline, sentences: false)
  }

  /// Ingests each path into its corpus. `failure` sees every failed input as it happens;
  /// `progress` is called about twice a second and once at the end.
  public func run(
    _ sources: [(path: String, corpus: String)],
    progress: @escaping @Sendable (IngestProgress) -> Void = { _ in },
    failure: @escaping @Sendable (IngestError) -> Void = { _ in }
  ) throws(StoreError) -> IngestProgress {
    Miner.prepare()
    let state = Locked(State())
    let start = Date()
    let writeQueue = DispatchQueue(label: "caseminer.write")
    // Exactly `workers` threads parse, each taking the next page the reader hands over (a
    // concurrent queue left the number of threads to libdispatch, which could run more than
    // `workers`, as seen under valgrind, each growing the extractor pool by one). At most
    // `workers * 4` pages wait.
    let pages = Handoff<(input: String, raw: RawPage, corpus: String)>(capacity: workers * 4)
    let group = DispatchGroup()
    let store = self.store
    let batchSize = self.batchSize
    var lastReport = Date.distantPast
    // At most this many batches wait for the writer: parsing outruns SQLite, and without a
    // bound finished pages piled up in memory (2 GiB of small pages: > 1 GiB RSS, issue 7).
    let writeSlots = DispatchSemaphore(value: 4)

    @Sendable func write(_ batch: [IngestOutcome], corpus: String) {
      writeSlots.wait()
      writeQueue.async {
        defer { writeSlots.signal() }
        do throws(StoreError) {
          try store.add(batch, corpus: corpus)
        } catch {
          // One input the store refuses must not take its batch with it: each is written on
          // its own, and one that still fails is kept as a store error naming it.
          for outcome in batch { writeAlone(outcome, corpus: corpus) }
        }
      }
    }

    /// Writes one outcome in its own transaction; a page the store refuses becomes a stored
    /// `store` error; when even that cannot be written, the store itself is failing.
    @Sendable func writeAlone(_ outcome: IngestOutcome, corpus: String) {
      do throws(StoreError) {
        try store.add([outcome], corpus: corpus)
      } catch {
        guard case .page = outcome else {
          state.withLock { $0.storeError = $0.storeError ?? error }
          return
        }
        // SQLite's words without the statement it was running: `SQLite error 19: …`.
        var reason = Substring(error.reason)
        if let sql = reason.range(of: " - while executing") { reason = reason[..<sql.lowerBound] }
        if let colon = reason.range(of: "inputs: ") { reason = reason[colon.upperBound...] }
        let refused = IngestError(input: outcome.input, stage: .store, reason: String(reason))
        failure(refused)
        state.withLock { s in
          s.progress.pages -= 1
          s.progress.errors += 1
        }
        do throws(StoreError) {
          try store.add([.failure(refused)], corpus: corpus)
        } catch {
          state.withLock { $0.storeError = $0.storeError ?? error }
        }
      }
    }

    @Sendable func finish(_ outcome: IngestOutcome, corpus: String, bytes: Int) {
      if case .failure(let error) = outcome { failure(error) }
      let batch: [IngestOutcome]? = state.withLock { s in
        switch outcome {
        case .page: s.progress.pages += 1
        case .failure: s.progress.errors += 1
        }
        s.progress.bytes += bytes
        s.pending[corpus, default: []].append(outcome)
        guard s.pending[corpus]!.count >= batchSize else { return nil }
        return s.pending.removeValue(forKey: corpus)
      }
      if let batch { write(batch, corpus: corpus) }
    }

    /// Parses (and extracts) one page and hands the outcome on.
    @Sendable func parse(_ input: String, _ raw: RawPage, corpus: String) {
      do throws(IngestError) {
        let page = try Page(parsing: raw)
        let findings = self.findings(of: page)
        finish(
          .page(
            page, input: input, bytes: raw.bytes.count, findings: findings,
            id: Corpus.documentID(of: page)),
          corpus: corpus, bytes: raw.bytes.count)
      } catch {
        var error = error
        error.input = input
        finish(.failure(error), corpus: corpus, bytes: raw.bytes.count)
      }
    }

    // Threads of their own, not libdispatch's pool: they block in `take` and in `write`, and
    // the writer's queue must always find a thread of that pool free.
    for k in 0..<workers {
      group.enter()
      let worker = Thread {
        while let (input, raw, corpus) = pages.take() { parse(input, raw, corpus: corpus) }
        group.leave()
      }
      worker.name = "caseminer.parse.\(k)"
      worker.stackSize = 8 << 20  // as a dispatch thread's; tree walks recurse up to maximumDepth
      worker.start()
    }
    // However the loop ends (a store error included), the workers finish what was handed over
    // and stop before the last batches are written.
    do {
      defer {
        pages.close()
        group.wait()
      }
      for (path, corpus) in sources {
        let finished = try store.finishedInputs(corpus: corpus)
        Source(path: path, limits: limits).forEach(skip: { input in
          if finished.contains(input) {
            state.withLock { $0.progress.skipped += 1 }
            return true
          }
          return false
        }, expect: { count in
          state.withLock { s in
            if let count, let total = s.progress.total { s.progress.total = total + count } else { s.progress.total = nil }
          }
        }) { item in
          switch item {
          case .failure(let error):
            finish(.failure(error), corpus: corpus, bytes: 0)
          case .success(let (input, raw)):
            pages.put((input, raw, corpus))
          }
          if Date().timeIntervalSince(lastReport) > 0.5 {
            lastReport = Date()
            var p = state.withLock { $0.progress }
            p.seconds = Date().timeIntervalSince(start)
            progress(p)
          }
        }
      }
    }
    let rest = state.withLock { s in
      defer { s.pending = [:] }
      return s.pending
    }
    for (corpus, batch) in rest { write(batch, corpus: corpus) }
    writeQueue.sync {}
    var final = state.withLock { $0.progress }
    final.seconds = Date().timeIntervalSince(start)
    progress(final)
    if let error = state.withLock({ $0.storeError }) { throw error }
    return final
  }

  struct State {
    var progress = IngestProgress()
    var pending: [String: [IngestOutcome]] = [:]
    var storeError: StoreError?
  }
}

/// A value behind a lock, shared across threads.
final class Locked<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()
  init(_ value: Value) { self.value = value }
  func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}

extension Miner {
  /// Prepares the C libraries on the calling (main) thread before workers start: libxml2's
  /// `xmlInitParser()` and this thread's silent error handlers (PITFALLS.md 9).
  public static func prepare() {
    HTMLDocument.prepare()
  }
}

/// Hands items from one producer to worker threads: `put` waits while `capacity` items wait,
/// `take` waits for an item and returns nil once the hand-off is closed and empty. A ring of
/// `capacity` slots: a taken item is released at once (pages can be 64 MB).
///
/// Wake-ups are what it costs (a futex call and a context switch each, ~4 % of an ingest's
/// CPU when every put and take woke the other side): a put wakes takers only when one waits,
/// and a producer waiting on a full ring is woken once it has drained to half, not per take.
final class Handoff<Item>: @unchecked Sendable {
  private let condition = NSCondition()
  private var slots: [Item?]
  private var head = 0
  private var count = 0
  private var closed = false
  private var waitingTakers = 0
  private var producerWaits = false

  init(capacity: Int) { slots = Array(repeating: nil, count: max(1, capacity)) }

  func put(_ item: Item) {
    condition.lock()
    defer { condition.unlock() }
    precondition(!closed, "Handoff.put after close")
    while count == slots.count {
      producerWaits = true
      condition.wait()
    }
    slots[(head + count) % slots.count] = item
    count += 1
    if waitingTakers > 0 { condition.broadcast() }
  }

  func take() -> Item? {
    condition.lock()
    defer { condition.unlock() }
    while count == 0 && !closed {
      waitingTakers += 1
      condition.wait()
      waitingTakers -= 1
    }
    guard count > 0, let item = slots[head] else { return nil }
    slots[head] = nil
    head = (head + 1) % slots.count
    count -= 1
    if producerWaits && count <= slots.count / 2 {
      producerWaits = false
      condition.broadcast()
    }
    return item
  }

  /// No more items: `take` returns the rest, then nil. Closing twice is harmless.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }
}

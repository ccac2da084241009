import Foundation
import Testing

@testable import Miner

/// Ingestion parses on exactly `workers` threads fed through a `Handoff`: what is stored does
/// not depend on how many, every page handed over is parsed once, and the hand-off neither
/// loses, repeats nor holds more than its capacity.
@Suite("Worker pool")
struct WorkerPoolTests {
  /// Puts `0..<count` through `handoff` to `takers` threads and returns what they took, in
  /// the order they took it.
  static func pass(_ count: Int, through handoff: Handoff<Int>, takers: Int) -> [Int] {
    let taken = Locked<[Int]>([])
    let done = DispatchGroup()
    for _ in 0..<takers {
      done.enter()
      Thread {
        while let k = handoff.take() { taken.withLock { $0.append(k) } }
        done.leave()
      }.start()
    }
    for k in 0..<count { handoff.put(k) }
    handoff.close()
    done.wait()
    return taken.withLock { $0 }
  }

  @Test func handoffGivesEveryItemOnceInOrderThenNil() {
    let handoff = Handoff<Int>(capacity: 3)
    #expect(Self.pass(1000, through: handoff, takers: 1) == Array(0..<1000))
    #expect(handoff.take() == nil)
    handoff.close()  // twice is harmless
  }

  @Test func handoffHoldsAtMostItsCapacity() {
    let handoff = Handoff<Int>(capacity: 2)
    handoff.put(1)
    handoff.put(2)
    let third = Locked(false)
    let putter = DispatchGroup()
    putter.enter()
    Thread {
      handoff.put(3)
      third.withLock { $0 = true }
      putter.leave()
    }.start()
    // The third put waits for a take.
    #expect(putter.wait(timeout: .now() + 0.3) == .timedOut)
    #expect(third.withLock { $0 } == false)
    #expect(handoff.take() == 1)
    putter.wait()
    #expect(third.withLock { $0 })
    handoff.close()
    #expect([handoff.take(), handoff.take(), handoff.take()] == [2, 3, nil])
  }

  @Test func severalTakersShareTheItems() {
    #expect(Self.pass(3000, through: Handoff<Int>(capacity: 4), takers: 3).sorted() == Array(0..<3000))
  }

  /// The same pages through one, two and five workers: the same documents and findings.
  @Test func storedPagesDoNotDependOnTheNumberOfWorkers() throws {
    let scratch = try Scratch()
    for k in 0..<40 {
      let html = """
        <html><head><meta charset="utf-8"><title>第\(k)篇 鹿寨县党建</title></head><body>
        <div class="content"><p>鹿寨县非公企业党组织覆盖率达\(60 + k % 40).5%，党员\(100 + k)名。</p>
        <p>推行“一企一特色、一地一品牌”，投入资金\(k + 1)万元。</p></div></body></html>
        """
      try scratch.write("pages/\(k).html", Array(html.utf8))
    }
    var exports: [String] = []
    for workers in [1, 2, 5] {
      let store = try Corpus(path: scratch.url.appendingPathComponent("w\(workers).sqlite").path)
      let run = try Ingestion(store: store, batchSize: 7, workers: workers, extract: true).run(
        [(scratch.url.appendingPathComponent("pages").path, "c")])
      #expect(run.pages == 40 && run.errors == 0)
      let stored = try store.storedDocuments(withSentences: false).sorted { $0.id < $1.id }
      #expect(stored.count == 40)
      #expect(stored.allSatisfy { !$0.claims.isEmpty })
      exports.append(stored.map { "\($0.id) \($0.claims.map(\.value)) \($0.slogans.map(\.text))" }.joined(separator: "\n"))
    }
    #expect(exports[0] == exports[1] && exports[1] == exports[2])
  }
}

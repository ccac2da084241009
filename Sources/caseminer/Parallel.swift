import ArgumentParser
import Foundation

/// Maps `0..<count` on `workers` threads, each with its own state (a segmenter copy, say);
/// results come back in index order.
func concurrentMap<State, T>(
  _ count: Int, workers: Int, state: () throws -> State, _ body: @escaping (inout State, Int) -> T?
) rethrows -> [T?] {
  var results = [T?](repeating: nil, count: count)
  var states = try (0..<max(1, workers)).map { _ in try state() }
  let share = (count + states.count - 1) / max(1, states.count)
  results.withUnsafeMutableBufferPointer { results in
    states.withUnsafeMutableBufferPointer { states in
      // Each worker touches only its own state and its own slice of results.
      nonisolated(unsafe) let results = results
      nonisolated(unsafe) let states = states
      nonisolated(unsafe) let body = body
      DispatchQueue.concurrentPerform(iterations: states.count) { w in
        for k in w * share..<min(count, (w + 1) * share) { results[k] = body(&states[w], k) }
      }
    }
  }
  return results
}

/// `--threads N`: how many worker threads a command runs; all cores when not given.
struct ThreadsOption: ParsableArguments {
  @Option(help: "Worker threads (default: all cores).")
  var threads: Int?

  var count: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads)") }
  }
}

import Foundation
import Miner

#if canImport(Glibc)
  import Glibc
#endif


/// stdout carries data; stderr carries `caseminer:` lines for people.
enum Output {
  static func write(_ data: Data) {
    do { try FileHandle.standardOutput.write(contentsOf: data) } catch { Foundation.exit(0) }  // broken pipe
  }

  /// One line of data.
  static func write(line: String) {
    write(Data((line + "\n").utf8))
  }

  static func warn(_ line: String) {
    FileHandle.standardError.write(Data("caseminer: \(line)\n".utf8))
  }
}

/// Buffered standard output: data only; a closed pipe ends the program quietly.
struct BufferedOutput {
  private var buffer: [UInt8] = []

  init() {
    buffer.reserveCapacity(1 << 16)
    signal(SIGPIPE, SIG_IGN)
  }

  mutating func write(_ string: String) {
    buffer.append(contentsOf: string.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { flush() }
  }

  mutating func write(byte: UInt8) {
    buffer.append(byte)
  }

  mutating func flush() {
    var offset = 0
    while offset < buffer.count {
      let written = buffer.withUnsafeBytes { raw in
        Glibc.write(1, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        exit(0)  // EPIPE and friends: the reader has gone; stop quietly.
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Reads a file argument, or standard input for "-": the library's reader of pages
/// (`RawPage(contentsOf:)`), with its reasons ("no such file", "permission denied", "is a folder").
func readInput(_ path: String) throws -> [UInt8] {
  if path == "-" {
    return Array(FileHandle.standardInput.readDataToEndOfFile())
  }
  do throws(IngestError) {
    return try RawPage(contentsOf: URL(fileURLWithPath: path)).bytes
  } catch {
    throw CLIError("cannot read \(path): \(error.reason)")
  }
}

struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Calls `body` with the range of each line of `bytes` (without "\n" or "\r\n").
func forEachLineRange(_ bytes: [UInt8], _ body: (Range<Int>) -> Void) {
  var start = 0
  let n = bytes.count
  while start < n {
    var end = start
    while end < n && bytes[end] != 0x0A { end += 1 }
    var lineEnd = end
    if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
    body(start..<lineEnd)
    start = end + 1
  }
}

/// Calls `body` with each line of `bytes` (without "\n" or "\r\n").
func forEachLine(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
  bytes.withUnsafeBufferPointer { all in
    forEachLineRange(bytes) { body(UnsafeBufferPointer(rebasing: all[$0])) }
  }
}

/// A JSON string literal (Miner's one encoder: ", \\ and control characters escaped).
func jsonString(_ s: some StringProtocol) -> String {
  Export.jsonLiteral(String(s))
}

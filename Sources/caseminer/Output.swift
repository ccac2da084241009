import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Buffered standard output: data only; a closed pipe ends the program quietly.
struct Output {
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

/// Problems and progress for people, on standard error.
enum Diagnostics {
  static func warn(_ message: String) {
    FileHandle.standardError.write(Data("caseminer: \(message)\n".utf8))
  }
}

/// Reads a file argument, or standard input for "-".
func readInput(_ path: String) throws -> [UInt8] {
  if path == "-" {
    return Array(FileHandle.standardInput.readDataToEndOfFile())
  }
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
    throw CLIError("cannot read \(path): no such file")
  }
  if isDirectory.boolValue { throw CLIError("cannot read \(path): is a directory") }
  guard let data = FileManager.default.contents(atPath: path) else {
    throw CLIError("cannot read \(path): permission denied or unreadable")
  }
  return Array(data)
}

struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Calls `body` with each line of `bytes` (without "\n" or "\r\n").
func forEachLine(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
  bytes.withUnsafeBufferPointer { all in
    var start = 0
    let n = all.count
    while start < n {
      var end = start
      while end < n && all[end] != 0x0A { end += 1 }
      var lineEnd = end
      if lineEnd > start && all[lineEnd - 1] == 0x0D { lineEnd -= 1 }
      body(UnsafeBufferPointer(rebasing: all[start..<lineEnd]))
      start = end + 1
    }
  }
}

/// A JSON string literal.
func jsonString(_ s: some StringProtocol) -> String {
  var out = "\""
  for scalar in s.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where scalar.value < 0x20:
      out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
        + String(scalar.value, radix: 16)
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

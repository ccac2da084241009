import Foundation
internal import CZStream

/// Sequential bytes from a file or a decompressor, read in bounded pieces.
protocol ByteReader: AnyObject {
  /// Up to `count` bytes; fewer only at the end.
  func read(_ count: Int) throws(IngestError) -> [UInt8]
}

extension ByteReader {
  func skip(_ count: Int) throws(IngestError) {
    var left = count
    while left > 0 {
      let piece = try read(min(left, 1 << 20))
      if piece.isEmpty { return }
      left -= piece.count
    }
  }
}

/// A file read through a buffer, with line reading for WARC headers.
final class FileReader: ByteReader {
  private let handle: FileHandle
  init(handle: FileHandle) { self.handle = handle }
  deinit { try? handle.close() }

  private var buffer: [UInt8] = []
  private var offset = 0

  func read(_ count: Int) throws(IngestError) -> [UInt8] {
    var out: [UInt8] = []
    while out.count < count {
      if offset < buffer.count {
        let n = min(count - out.count, buffer.count - offset)
        out += buffer[offset..<(offset + n)]
        offset += n
        continue
      }
      let data: Data?
      do { data = try handle.read(upToCount: max(64 << 10, count - out.count)) } catch {
        throw IngestError(input: "file", stage: .read, reason: "\(error)")
      }
      guard let data, !data.isEmpty else { break }
      buffer = [UInt8](data)
      offset = 0
    }
    return out
  }
}

/// gzip decompression with zlib's inflate, streamed, concatenated members included (.warc.gz
/// stores one member per record), stopping at `limit` output bytes.
final class GzipReader: ByteReader {
  private let source: ByteReader
  private let input: String
  private let limit: Int
  private var stream = z_stream()
  private var inputBuffer: [UInt8] = []
  private var inputOffset = 0
  private var pending: [UInt8] = []
  private var pendingOffset = 0
  private var produced = 0
  private var finished = false

  init(source: ByteReader, input: String, limit: Int) throws(IngestError) {
    self.source = source
    self.input = input
    self.limit = limit
    // "windowBits can also be greater than 15 for optional gzip decoding. Add 32 to
    // windowBits to enable zlib and gzip decoding with automatic header detection."
    let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      throw IngestError(input: input, stage: .unpack, reason: "zlib cannot start (\(status))")
    }
  }

  deinit { inflateEnd(&stream) }

  func read(_ count: Int) throws(IngestError) -> [UInt8] {
    var out: [UInt8] = []
    while out.count < count {
      if pendingOffset < pending.count {
        let n = min(count - out.count, pending.count - pendingOffset)
        out += pending[pendingOffset..<(pendingOffset + n)]
        pendingOffset += n
        continue
      }
      if finished { break }
      try inflateMore()
    }
    return out
  }

  private func inflateMore() throws(IngestError) {
    pending = []
    pendingOffset = 0
    if inputOffset >= inputBuffer.count {
      inputBuffer = try source.read(256 << 10)
      inputOffset = 0
      if inputBuffer.isEmpty {
        finished = true
        if stream.total_in > 0 || produced == 0 {
          throw IngestError(input: input, stage: .unpack, reason: "truncated gzip data (unexpected end of file)")
        }
        return
      }
    }
    var output = [UInt8](repeating: 0, count: 256 << 10)
    let available = inputBuffer.count - inputOffset
    var status: Int32 = 0
    var written = 0
    var consumed = 0
    inputBuffer.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        stream.next_in = inBuf.baseAddress! + inputOffset
        stream.avail_in = UInt32(available)
        stream.next_out = outBuf.baseAddress
        stream.avail_out = UInt32(outBuf.count)
        status = inflate(&stream, Z_NO_FLUSH)
        written = outBuf.count - Int(stream.avail_out)
        consumed = available - Int(stream.avail_in)
      }
    }
    inputOffset += consumed
    produced += written
    pending = Array(output[..<written])
    if produced > limit {
      throw IngestError(input: input, stage: .unpack, reason: "expands past the cap of \(limit) bytes")
    }
    switch status {
    case Z_OK, Z_BUF_ERROR:
      if status == Z_BUF_ERROR && written == 0 && consumed == 0 && available > 0 {
        throw IngestError(input: input, stage: .unpack, reason: "corrupt gzip data")
      }
    case Z_STREAM_END:
      // Another member may follow (concatenated gzip); reset and go on with the same input.
      inflateReset(&stream)
      stream.total_in = 0
      if inputOffset >= inputBuffer.count {
        inputBuffer = try source.read(256 << 10)
        inputOffset = 0
        if inputBuffer.isEmpty { finished = true }
      }
    default:
      let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
      throw IngestError(input: input, stage: .unpack, reason: "corrupt gzip data (\(message))")
    }
  }
}

extension ByteReader {
  /// A line without its CR LF, or nil at the end. Lines are read byte by byte: only for short
  /// header lines.
  func line() throws(IngestError) -> String? {
    var bytes: [UInt8] = []
    while true {
      let b = try read(1)
      if b.isEmpty { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
      if b[0] == 0x0A { break }
      bytes.append(b[0])
      if bytes.count > 64 << 10 { break }
    }
    if bytes.last == 0x0D { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
  }
}

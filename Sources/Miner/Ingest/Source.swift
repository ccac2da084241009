import Foundation
import ZIPFoundation

/// Where pages come from: a file, a folder (recursive), a .zip, .tar, .tar.gz/.tgz or
/// .warc/.warc.gz. Each page or failure is handed to `body` in order; nothing is dropped.
public struct Source: Sendable {
  /// One input: its name for resuming and errors (`cases.zip#a.html`) and the page.
  public typealias Item = Result<(input: String, page: RawPage), IngestError>

  public var path: String
  public var limits: IngestLimits

  public init(path: String, limits: IngestLimits = IngestLimits()) {
    self.path = path
    self.limits = limits
  }

  /// File name extensions read as pages inside folders ("" = no extension). Files named on
  /// the command line are read whatever their name.
  public static let pageExtensions: Set<String> = [
    "", "html", "htm", "shtml", "xhtml", "xml", "txt", "text", "asp", "aspx", "php", "jsp", "do",
  ]

  public enum Kind: Sendable { case file, folder, zip, tar, tarGzip, warc, warcGzip }

  public static func kind(of path: String) -> Kind {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return .folder
    }
    return archiveKind(of: path) ?? .file
  }

  /// Pages in this source. `skip` says which inputs are already done (resume); skipped inputs
  /// of a folder are not read at all.
  ///
  /// `expect` hears how many inputs are coming as soon as that is known (folders and zips
  /// know, streamed tar and WARC files do not: nil), for progress with an ETA.
  public func forEach(
    skip: (String) -> Bool = { _ in false }, expect: (Int?) -> Void = { _ in },
    _ body: (Item) -> Void
  ) {
    guard FileManager.default.fileExists(atPath: path) else {
      expect(1)
      body(.failure(IngestError(input: path, stage: .read, reason: "no such file or directory")))
      return
    }
    switch Self.kind(of: path) {
    case .folder: folder(skip: skip, expect: expect, body)
    case .file:
      expect(1)
      file(path, skip: skip, body)
    case .zip: zip(skip: skip, expect: expect, body)
    case .tar, .tarGzip, .warc, .warcGzip:
      expect(nil)
      switch Self.kind(of: path) {
      case .tar: tar(compressed: false, skip: skip, body)
      case .tarGzip: tar(compressed: true, skip: skip, body)
      case .warc: warc(compressed: false, skip: skip, body)
      default: warc(compressed: true, skip: skip, body)
      }
    }
  }

  private func folder(skip: (String) -> Bool, expect: (Int?) -> Void, _ body: (Item) -> Void) {
    // Named as before (absolute, as `URL(fileURLWithPath:)` makes them), so a re-run of an
    // older store skips what it finished.
    let root = URL(fileURLWithPath: path).path
    let (files, failures) = Files.regularFiles(under: root)
    // A folder of saved pages also holds images, scripts and notes: only page-like names.
    let pages = files.sorted().filter { file in
      Self.archiveKind(of: file) != nil || Self.pageExtensions.contains(Self.pathExtension(file))
    }
    expect(pages.count(where: { Self.archiveKind(of: $0) == nil }) + failures.count)
    for failure in failures { body(.failure(failure)) }
    for file in pages {
      // Archives inside a folder are sources of their own.
      if Self.archiveKind(of: file) == nil {
        self.file(file, skip: skip, body)
      } else {
        Source(path: file, limits: limits).forEach(skip: skip, expect: expect, body)
      }
    }
  }

  /// What an archive's name says it is; nil for a page.
  static func archiveKind(of path: String) -> Kind? {
    let lower = path.lowercased()
    if lower.hasSuffix(".zip") { return .zip }
    if lower.hasSuffix(".tar") { return .tar }
    if lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz") { return .tarGzip }
    if lower.hasSuffix(".warc") { return .warc }
    if lower.hasSuffix(".warc.gz") { return .warcGzip }
    return nil
  }

  /// The lowercased extension of the last path component ("" when it has none; a leading dot
  /// does not start one).
  static func pathExtension(_ path: String) -> String {
    let name = path.split(separator: "/").last ?? Substring(path)
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }

  private func file(_ file: String, skip: (String) -> Bool, _ body: (Item) -> Void) {
    if skip(file) { return }
    do throws(IngestError) {
      let bytes = try Files.page(file, limit: limits.pageBytes)
      // Named as on the command line or found in the folder.
      body(.success((file, RawPage(uri: file, bytes: bytes))))
    } catch {
      body(.failure(error))
    }
  }

  // MARK: zip

  private struct Cap: Error { var reason: String }

  private func zip(skip: (String) -> Bool, expect: (Int?) -> Void, _ body: (Item) -> Void) {
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      expect(1)
      body(.failure(IngestError(input: path, stage: .unpack, reason: "not a readable zip archive (\(error))")))
      return
    }
    expect(archive.filter { $0.type == .file }.count)
    var total = 0
    for entry in archive where entry.type == .file {
      let input = "\(path)#\(entry.path)"
      if skip(input) { continue }
      let declared = Int(clamping: entry.uncompressedSize)
      let compressed = max(Int(clamping: entry.compressedSize), 1)
      let cap = min(limits.pageBytes, max(compressed * limits.compressionRatio, 1 << 20))
      if declared > cap {
        body(.failure(IngestError(
          input: input, stage: .unpack,
          reason: "expands to \(declared) bytes from \(compressed), over the cap of \(cap) (zip bomb?)")))
        continue
      }
      var bytes: [UInt8] = []
      bytes.reserveCapacity(declared)
      do {
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
          // The declared size can lie: count what really comes out.
          if bytes.count + chunk.count > cap || total + chunk.count > limits.archiveBytes {
            throw Cap(reason: "expands past the cap of \(cap) bytes (zip bomb?)")
          }
          bytes.append(contentsOf: chunk)
          total += chunk.count
        }
        body(.success((input, RawPage(uri: input, bytes: bytes))))
      } catch let cap as Cap {
        body(.failure(IngestError(input: input, stage: .unpack, reason: cap.reason)))
      } catch {
        body(.failure(IngestError(input: input, stage: .unpack, reason: "damaged zip entry (\(error))")))
      }
    }
  }

  // MARK: tar

  private func reader(compressed: Bool) throws(IngestError) -> ByteReader {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw IngestError(input: path, stage: .read, reason: "cannot open")
    }
    let file = FileReader(handle: handle)
    if !compressed { return file }
    return try GzipReader(source: file, input: path, limit: limits.archiveBytes)
  }

  /// POSIX ustar / GNU tar: 512-byte headers, members padded to 512 bytes.
  private func tar(compressed: Bool, skip: (String) -> Bool, _ body: (Item) -> Void) {
    do throws(IngestError) {
      let reader = try self.reader(compressed: compressed)
      var longName: String?
      var members = 0
      while true {
        let header = try reader.read(512)
        if header.count == 0 && members == 0 {
          throw IngestError(input: path, stage: .unpack, reason: "empty archive")
        }
        if header.count < 512 {
          if header.isEmpty { return }
          throw IngestError(input: path, stage: .unpack, reason: "truncated tar header")
        }
        if header.allSatisfy({ $0 == 0 }) { return }  // end-of-archive marker
        guard let size = Self.octal(header[124..<136]) else {
          throw IngestError(input: path, stage: .unpack, reason: "not a tar archive (bad header)")
        }
        members += 1
        let type = header[156]
        var name = Self.string(header[0..<100])
        let prefix = Self.string(header[345..<500])
        if header[257..<262].elementsEqual("ustar".utf8), !prefix.isEmpty { name = prefix + "/" + name }
        if let long = longName { name = long; longName = nil }
        let padded = (size + 511) / 512 * 512
        if type == UInt8(ascii: "L") {  // GNU long name: the next member's name
          let data = try reader.read(padded)
          longName = Self.string(data.prefix(size)[...])
          continue
        }
        let input = "\(path)#\(name)"
        let isFile = type == 0 || type == UInt8(ascii: "0") || type == UInt8(ascii: "7")
        if !isFile || skip(input) || size > limits.pageBytes {
          if isFile && size > limits.pageBytes && !skip(input) {
            body(.failure(IngestError(
              input: input, stage: .unpack, reason: "\(size) bytes is over the page limit")))
          }
          try reader.skip(padded)
          continue
        }
        let data = try reader.read(padded)
        if data.count < size {
          body(.failure(IngestError(input: input, stage: .unpack, reason: "truncated member")))
          return
        }
        body(.success((input, RawPage(uri: input, bytes: Array(data.prefix(size))))))
      }
    } catch {
      body(.failure(error))
    }
  }

  static func octal(_ field: ArraySlice<UInt8>) -> Int? {
    var value = 0
    var digits = 0
    for b in field {
      if b == 0 || b == 0x20 { if digits > 0 { break } else { continue } }
      guard b >= 0x30 && b <= 0x37 else { return nil }
      value = value * 8 + Int(b - 0x30)
      digits += 1
    }
    return digits > 0 ? value : nil
  }

  static func string(_ field: ArraySlice<UInt8>) -> String {
    String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
  }

  // MARK: WARC

  /// WARC headers have about ten lines; past this many a record is not a WARC record.
  static let maximumHeaderLines = 1000

  /// WARC 1.0/1.1: `response` records whose HTTP payload is HTML; the charset of the HTTP
  /// `Content-Type` becomes the page's transport charset.
  private func warc(compressed: Bool, skip: (String) -> Bool, _ body: (Item) -> Void) {
    do throws(IngestError) {
      let reader = try self.reader(compressed: compressed)
      var record = 0
      while true {
        guard let version = try reader.line() else { return }
        if version.isEmpty { continue }
        guard version.hasPrefix("WARC/") else {
          throw IngestError(input: path, stage: .unpack, reason: "not a WARC file (record \(record + 1) starts with \(version.prefix(20)))")
        }
        record += 1
        var headers: [String: String] = [:]
        var headerLines = 0
        while let line = try reader.line(), !line.isEmpty {
          // A record that never ends its header (a stream of distinct names) must not grow
          // this dictionary without bound.
          headerLines += 1
          if headerLines > Self.maximumHeaderLines {
            throw IngestError(
              input: path, stage: .unpack,
              reason: "record \(record) has over \(Self.maximumHeaderLines) header lines")
          }
          if let colon = line.firstIndex(of: ":") {
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
              .trimmingCharacters(in: .whitespaces)
          }
        }
        guard let length = headers["content-length"].flatMap({ Int($0) }), length >= 0 else {
          throw IngestError(input: path, stage: .unpack, reason: "record \(record) has no Content-Length")
        }
        let uri = headers["warc-target-uri"] ?? "record-\(record)"
        let input = "\(path)#\(uri)"
        let type = headers["warc-type"]
        guard type == "response" || type == "resource", length <= limits.pageBytes, !skip(input) else {
          try reader.skip(length)
          continue
        }
        let block = try reader.read(length)
        guard block.count == length else {
          throw IngestError(input: input, stage: .unpack, reason: "truncated record")
        }
        if type == "resource" {
          // A stored file (wget --warc-file): the record's own Content-Type describes it.
          let http = HTTPResponse(headers: ["content-type": headers["content-type"] ?? ""], body: block)
          if http.isHTML { body(.success((input, RawPage(uri: uri, bytes: block, transportCharset: http.charset)))) }
          continue
        }
        guard let http = HTTPResponse(block) else { continue }  // dns:, metadata, …
        guard http.isHTML else { continue }
        var page = RawPage(uri: uri, bytes: http.body, transportCharset: http.charset)
        if http.chunked {
          guard let body = HTTPResponse.dechunk(http.body) else {
            body(.failure(IngestError(input: input, stage: .unpack, reason: "bad chunked encoding")))
            continue
          }
          page.bytes = body
        }
        if let encoding = http.contentEncoding, encoding != "identity" {
          body(.failure(IngestError(input: input, stage: .unpack, reason: "Content-Encoding \(encoding) is not supported")))
          continue
        }
        body(.success((input, page)))
      }
    } catch {
      body(.failure(error))
    }
  }
}

/// The HTTP response inside a WARC response record.
struct HTTPResponse {
  var headers: [String: String] = [:]
  var body: [UInt8]

  init(headers: [String: String], body: [UInt8]) {
    self.headers = headers
    self.body = body
  }

  init?(_ block: [UInt8]) {
    guard block.starts(with: Array("HTTP/".utf8)) else { return nil }
    var i = 0
    var end: Int?
    while i + 3 < block.count {
      if block[i] == 0x0D && block[i + 1] == 0x0A && block[i + 2] == 0x0D && block[i + 3] == 0x0A { end = i; break }
      i += 1
    }
    guard let end else { return nil }
    let head = String(decoding: block[..<end], as: UTF8.self)
    for line in head.split(separator: "\r\n").dropFirst() {
      if let colon = line.firstIndex(of: ":") {
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    body = Array(block[(end + 4)...])
  }

  var isHTML: Bool {
    let type = headers["content-type"].map { $0.isEmpty ? "text/html" : $0.lowercased() } ?? "text/html"
    return type.contains("html") || type.contains("text/plain") || type.contains("xml")
  }

  var charset: String? {
    guard let type = headers["content-type"], let r = type.lowercased().range(of: "charset=") else { return nil }
    let value = type[r.upperBound...].prefix { $0 != ";" && $0 != " " }
    return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
  }

  var chunked: Bool { headers["transfer-encoding"]?.lowercased().contains("chunked") ?? false }
  var contentEncoding: String? { headers["content-encoding"]?.lowercased() }

  static func dechunk(_ bytes: [UInt8]) -> [UInt8]? {
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      var j = i
      while j + 1 < bytes.count, !(bytes[j] == 0x0D && bytes[j + 1] == 0x0A) { j += 1 }
      let sizeText = String(decoding: bytes[i..<j], as: UTF8.self).split(separator: ";").first ?? ""
      // The size is the sender's word: a negative or near-Int.max one must not trap below.
      guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0
      else { return nil }
      if size == 0 { return out }
      let start = j + 2
      guard start <= bytes.count, size <= bytes.count - start else { return nil }
      out += bytes[start..<(start + size)]
      i = start + size + 2
    }
    return out
  }
}

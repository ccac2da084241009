import Foundation
import Testing

@testable import Miner

/// Hostile inputs beyond IngestTests' "Bad input" suite (issue 7): each ends as an error
/// naming the input or as a document, and the run finishes. The large and slow ones (a 2 GiB
/// archive, peak memory) are in Tests/BadInputs/measure.sh.
@Suite("Bad-input corpus")
struct BadInputCorpusTests {
  /// Everything a source yields, pages parsed, as (input, error reason or nil).
  func outcomes(_ path: String, limits: IngestLimits = IngestLimits()) -> [(String, String?)] {
    var out: [(String, String?)] = []
    Source(path: path, limits: limits).forEach { item in
      switch item {
      case .failure(let e): out.append((e.input, e.reason))
      case .success(let (input, raw)):
        do throws(IngestError) { _ = try Page(parsing: raw); out.append((input, nil)) } catch {
          out.append((input, error.reason))
        }
      }
    }
    return out
  }

  /// A ustar header for `name` whose size field says `sizeField` (12 bytes, as written).
  static func tarHeader(_ name: String, sizeField: [UInt8]) -> [UInt8] {
    var header = [UInt8](repeating: 0, count: 512)
    func put(_ s: [UInt8], _ at: Int) { for (i, b) in s.enumerated() { header[at + i] = b } }
    put(Array(name.utf8), 0)
    put(Array("0000644\0".utf8), 100)
    put(sizeField, 124)
    header[156] = UInt8(ascii: "0")
    put(Array("ustar\0".utf8), 257)
    put(Array("00".utf8), 263)
    put(Array(repeating: 0x20, count: 8), 148)
    let sum = header.reduce(0) { $0 + Int($1) }
    put(Array(String(format: "%06o\0 ", sum).utf8), 148)
    return header
  }

  struct TarCase: CustomStringConvertible, Sendable {
    var description: String
    var sizeField: [UInt8]
    var reason: String
  }

  @Test(arguments: [
    TarCase(description: "8 GiB declared, 10 bytes there", sizeField: Array("77777777777\0".utf8), reason: "over the page limit"),
    TarCase(description: "1 MiB declared, 10 bytes there", sizeField: Array("00004000000\0".utf8), reason: "truncated member"),
    TarCase(description: "base-256 size 2^88", sizeField: [0x80] + Array(repeating: 0xFF, count: 11), reason: "bad header"),
    TarCase(description: "size field of letters", sizeField: Array("zzzzzzzzzzz\0".utf8), reason: "bad header"),
  ])
  func tarWithAbsurdSize(_ c: TarCase) throws {
    let scratch = try Scratch()
    let good = Array("<html><body><p>好的页面，在坏成员之前。</p></body></html>".utf8)
    var tar = Self.tarHeader("good.html", sizeField: Array(String(format: "%011o\0", good.count).utf8))
    tar += good + [UInt8](repeating: 0, count: 512 - good.count % 512)
    tar += Self.tarHeader("absurd.html", sizeField: c.sizeField) + Array("0123456789".utf8)
    let path = try scratch.write("absurd.tar", tar)
    let results = outcomes(path)
    #expect(results.first?.0.hasSuffix("#good.html") == true && results.first?.1 == nil)
    let errors = results.compactMap(\.1)
    #expect(errors.count == 1 && errors[0].contains(c.reason), "\(results)")
  }

  static func warcRecord(_ block: [UInt8], length: String) -> [UInt8] {
    Array("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.cn/p\r\nContent-Length: \(length)\r\n\r\n".utf8)
      + block + Array("\r\n\r\n".utf8)
  }

  static let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>网页正文。</p>".utf8)

  @Test(arguments: [
    ("longer than the file", "\(http.count + 5000)", "truncated record"),
    ("shorter than the block", "20", "not a WARC file"),
    ("past Int.max", "99999999999999999999999", "no Content-Length"),
    ("negative", "-40", "no Content-Length"),
    ("over the page limit", "\(1 << 40)", ""),
  ])
  func warcWithLyingContentLength(_ label: String, _ length: String, _ reason: String) throws {
    let scratch = try Scratch()
    let warc = Self.warcRecord(Self.http, length: "\(Self.http.count)") + Self.warcRecord(Self.http, length: length)
    let path = try scratch.write("lying.warc", warc)
    let results = outcomes(path)
    #expect(results.first?.1 == nil, "the honest record is a page: \(results)")
    let errors = results.compactMap(\.1)
    if reason.isEmpty {
      #expect(errors.isEmpty, "a record over the page limit is skipped: \(results)")
    } else {
      #expect(errors.count == 1 && errors[0].contains(reason), "\(label): \(results)")
    }
  }

  /// A FIFO named as a page: with no writer, open(2) would block forever.
  @Test func fifoIsNotAPage() throws {
    let scratch = try Scratch()
    let path = scratch.url.appendingPathComponent("pipe.html").path
    try #require(mkfifo(path, 0o644) == 0)
    let results = outcomes(path)
    #expect(results.count == 1 && results[0].1?.contains("not a regular file (FIFO)") == true, "\(results)")
  }

  @Test func symlinkToAPageIsAPage() throws {
    let scratch = try Scratch()
    let target = try scratch.write("real.html", Array("<p>链接指向的页面。</p>".utf8))
    let link = scratch.url.appendingPathComponent("link.html").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(outcomes(link).map(\.1) == [nil])
  }

  /// A .warc.gz that never ends, streamed through a FIFO: one record whose header is an
  /// endless run of distinct names. The reader stops at its header cap, memory stays flat.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
  func gzipThatNeverEnds() throws {
    let scratch = try Scratch()
    let path = scratch.url.appendingPathComponent("endless.warc.gz").path
    try #require(mkfifo(path, 0o644) == 0)
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    writer.arguments = [
      "-c",
      """
      import sys, zlib, itertools
      z = zlib.compressobj(1, zlib.DEFLATED, 31)
      out = open(sys.argv[1], 'wb')
      out.write(z.compress(b'WARC/1.0\\r\\n'))
      try:
          for i in itertools.count():
              out.write(z.compress(b''.join(b'X-Header-%d: v\\r\\n' % (i * 1000 + k) for k in range(1000))))
              out.write(z.flush(zlib.Z_SYNC_FLUSH))
      except (BrokenPipeError, OSError):
          pass
      """,
      path,
    ]
    writer.standardError = FileHandle.nullDevice
    try writer.run()
    defer { writer.terminate(); writer.waitUntilExit() }
    let results = outcomes(path)
    #expect(results.count == 1 && results[0].1?.contains("header lines") == true, "\(results)")
  }

  /// The same endless stream, but a tar of small pages: the archive cap ends it.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
  func endlessTarGzipStopsAtTheArchiveCap() throws {
    let scratch = try Scratch()
    let path = scratch.url.appendingPathComponent("endless.tar.gz").path
    try #require(mkfifo(path, 0o644) == 0)
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    writer.arguments = [
      "-c",
      """
      import sys, zlib, tarfile, io, itertools
      z = zlib.compressobj(1, zlib.DEFLATED, 31)
      out = open(sys.argv[1], 'wb')
      try:
          for i in itertools.count():
              body = ('<p>第%d篇页面。</p>' % i).encode() * 50
              info = tarfile.TarInfo('p%d.html' % i); info.size = len(body)
              out.write(z.compress(info.tobuf(tarfile.USTAR_FORMAT) + body + b'\\0' * (-len(body) % 512)))
      except (BrokenPipeError, OSError):
          pass
      """,
      path,
    ]
    writer.standardError = FileHandle.nullDevice
    try writer.run()
    defer { writer.terminate(); writer.waitUntilExit() }
    var limits = IngestLimits()
    limits.archiveBytes = 4 << 20
    let results = outcomes(path, limits: limits)
    #expect(results.count > 100)
    #expect(results.dropLast().allSatisfy { $0.1 == nil })
    #expect(results.last?.1?.contains("expands past the cap") == true, "\(results.last!)")
  }

  /// 10 MB of text without a single tag, named .html: a document or an error, in seconds.
  @Test(arguments: ["lines", "one line"])
  func tenMegabytesWithoutATag(_ shape: String) throws {
    let scratch = try Scratch()
    let sentence = shape == "lines" ? "全县共发展党员89名，党组织覆盖率达到84.61%。\n" : "全县共发展党员89名，党组织覆盖率达到84.61%。"
    let count = (10 << 20) / sentence.utf8.count
    let path = try scratch.write("notag.html", Array(String(repeating: sentence, count: count).utf8))
    let results = outcomes(path)
    #expect(results.count == 1)
  }

  struct XMLCase: CustomStringConvertible, Sendable {
    var description: String
    var xml: String
  }

  static let secret = "CASEMINER-SECRET-7f3a"

  /// External entities in every place they can hide; the secret file must never show up.
  @Test(arguments: [
    XMLCase(description: "parameter entity", xml: "<!DOCTYPE r [<!ENTITY % p SYSTEM \"SECRET\"> %p;]><r><p>正文</p></r>"),
    XMLCase(description: "external DTD", xml: "<!DOCTYPE r SYSTEM \"SECRET\"><r><p>正文</p></r>"),
    XMLCase(description: "entity in an attribute", xml: "<!DOCTYPE r [<!ENTITY x SYSTEM \"SECRET\">]><r a=\"&x;\"><p>正文&x;</p></r>"),
    XMLCase(description: "XInclude", xml: "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><p>正文</p><xi:include href=\"SECRET\" parse=\"text\"/></r>"),
    XMLCase(description: "HTML with a SYSTEM doctype", xml: "<!DOCTYPE html SYSTEM \"SECRET\"><html><body><p>正文&x;</p></body></html>"),
  ])
  func externalEntitiesAreNeverLoaded(_ c: XMLCase) throws {
    let scratch = try Scratch()
    let secret = try scratch.write("secret.txt", Array(Self.secret.utf8))
    let xml = "<?xml version=\"1.0\"?>" + c.xml.replacingOccurrences(of: "SECRET", with: "file://" + secret)
    let path = try scratch.write("xxe.xml", Array(xml.utf8))
    guard case .success(let (_, raw))? = first(path) else { Issue.record("not read"); return }
    do {
      let page = try Page(parsing: raw)
      #expect(!page.text.contains(Self.secret))
      #expect(!(page.title ?? "").contains(Self.secret))
    } catch {
      #expect(!error.description.contains(Self.secret))
    }
  }

  func first(_ path: String) -> Source.Item? {
    var item: Source.Item?
    Source(path: path).forEach { if item == nil { item = $0 } }
    return item
  }

  /// Entity bombs: billion laughs is in IngestTests; here the quadratic blowup (one big entity
  /// referenced many times) and an entity loop. Each ends fast as a page or an error.
  @Test(arguments: ["quadratic", "loop", "html"])
  func entityBombs(_ kind: String) throws {
    let scratch = try Scratch()
    let xml: String
    switch kind {
    case "quadratic":
      let big = String(repeating: "炸", count: 50_000)
      xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"\(big)\">]><r><p>"
        + String(repeating: "&a;", count: 50_000) + "</p></r>"
    case "loop":
      xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]><r><p>&a;正文</p></r>"
    default:
      // The HTML parser knows no DTD entities, but give it the same bomb.
      xml = "<!DOCTYPE html [<!ENTITY a \"" + String(repeating: "炸", count: 50_000) + "\">]><html><body><p>"
        + String(repeating: "&a;", count: 50_000) + "</p></body></html>"
    }
    let path = try scratch.write(kind == "html" ? "bomb.html" : "bomb.xml", Array(xml.utf8))
    let start = Date()
    let results = outcomes(path)
    #expect(results.count == 1)
    #expect(Date().timeIntervalSince(start) < 20)
    guard case .success(let (_, raw))? = first(path), let page = try? Page(parsing: raw) else { return }
    #expect(page.text.utf8.count < 4 << 20, "an entity was expanded: \(page.text.utf8.count) bytes")
  }
}

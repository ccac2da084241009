import Foundation
import Testing

@testable import Miner

/// A folder read as pages (`Files`, plain POSIX): which files are pages, in which order, under
/// which names, and what a link or an oversized file becomes.
@Suite struct FolderListing {
  func inputs(_ path: String, limits: IngestLimits = IngestLimits()) -> [(input: String, error: String?)] {
    var out: [(String, String?)] = []
    Source(path: path, limits: limits).forEach { item in
      switch item {
      case .success(let (input, raw)): out.append((input, raw.bytes.isEmpty ? "no bytes" : nil))
      case .failure(let error): out.append((error.input, error.reason))
      }
    }
    return out
  }

  @Test func pagesOfANestedFolderInPathOrder() throws {
    let scratch = try Scratch()
    let page = Array("<p>鹿寨县党组织覆盖率达84.61%。</p>".utf8)
    for name in ["b.html", "a/c.HTM", "a/deeper/d", "a/deeper/e.txt", "名字 带空格.html", "dot."] {
      _ = try scratch.write("pages/\(name)", page)
    }
    // Not pages: hidden files and folders, images, scripts.
    for name in [".hidden.html", ".git/f.html", "logo.png", "a/app.js"] { _ = try scratch.write("pages/\(name)", page) }
    let root = scratch.url.appendingPathComponent("pages").path
    let expected = ["a/c.HTM", "a/deeper/d", "a/deeper/e.txt", "b.html", "dot.", "名字 带空格.html"].map { root + "/" + $0 }
    #expect(inputs(root).map(\.input) == expected)
    #expect(inputs(root).allSatisfy { $0.error == nil })
    // The same names however the folder is spelled (a re-run of an older store skips them).
    #expect(inputs(root + "/").map(\.input) == expected)
    #expect(inputs(root + "/a/..").map(\.input).count == expected.count)
  }

  @Test func linksToFilesArePagesLinksToFoldersAreNotFollowed() throws {
    let scratch = try Scratch()
    let target = try scratch.write("elsewhere/page.html", Array("<p>链接指向的页面。</p>".utf8))
    _ = try scratch.write("pages/own.html", Array("<p>本页。</p>".utf8))
    let root = scratch.url.appendingPathComponent("pages").path
    let fm = FileManager.default
    try fm.createSymbolicLink(atPath: root + "/link.html", withDestinationPath: target)
    try fm.createSymbolicLink(atPath: root + "/folder", withDestinationPath: scratch.url.appendingPathComponent("elsewhere").path)
    try fm.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root)
    try fm.createSymbolicLink(atPath: root + "/broken.html", withDestinationPath: root + "/nowhere.html")
    let found = inputs(root)
    #expect(found.map(\.input) == [root + "/link.html", root + "/own.html"], "\(found)")
    #expect(found.allSatisfy { $0.error == nil })
  }

  /// A folder named through a link (a corpus linked into a work folder) yields its pages,
  /// named under the link. (FileManager's enumerator did not enter a linked folder: such a
  /// run ingested nothing and said nothing.)
  @Test func aFolderNamedThroughALinkYieldsItsPages() throws {
    let scratch = try Scratch()
    _ = try scratch.write("real/a.html", Array("<p>本页。</p>".utf8))
    _ = try scratch.write("real/sub/b.html", Array("<p>下一页。</p>".utf8))
    let link = scratch.url.appendingPathComponent("linked").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scratch.url.appendingPathComponent("real").path)
    #expect(inputs(link).map(\.input) == [link + "/a.html", link + "/sub/b.html"])
  }

  /// The page limit holds for a link too: it is the target's size that counts (the link's own
  /// size was checked before, and a link let any file through whole).
  @Test func anOversizedPageBehindALinkIsRefused() throws {
    let scratch = try Scratch()
    let big = try scratch.write("big.html", Array(repeating: UInt8(ascii: "x"), count: 3 << 20))
    let root = scratch.url.appendingPathComponent("pages").path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: root + "/link.html", withDestinationPath: big)
    var limits = IngestLimits()
    limits.pageBytes = 1 << 20
    for path in [root, root + "/link.html", big] {
      let found = inputs(path, limits: limits)
      #expect(found.count == 1 && found[0].error?.contains("3145728 bytes is over the 1 MB page limit") == true, "\(path): \(found)")
    }
  }

  @Test func aPipeOrDeviceNamedAsAPageIsReadToItsEnd() throws {
    #expect(try RawPage(contentsOf: URL(fileURLWithPath: "/dev/null")).bytes.isEmpty)
    let scratch = try Scratch()
    let page = Array(repeating: Array("<p>党建引领。</p>".utf8), count: 20_000).flatMap { $0 }  // past one 64 KB read
    let path = try scratch.write("p.html", page)
    #expect(try RawPage(contentsOf: URL(fileURLWithPath: path)).bytes == page)
    #expect(throws: IngestError.self) { try RawPage(contentsOf: scratch.url.appendingPathComponent("none.html")) }
  }
}

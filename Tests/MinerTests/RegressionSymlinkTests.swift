import Foundation
import Testing

@testable import Miner

/// Regression: a folder whose pages are symbolic links (a benchmark's subset, a curated
/// selection) ingested nothing, silently; links to files now count as those files.
@Suite struct RegressionSymlinkedPages {
  @Test func aFolderOfLinksToPagesYieldsThePages() throws {
    let scratch = try Scratch()
    let target = try scratch.write("pages/a.txt", Array("广西鹿寨县：党建引领\n\n全县党组织覆盖率达84.61%。\n".utf8))
    let links = scratch.url.appendingPathComponent("links")
    try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: links.appendingPathComponent("a.txt").path, withDestinationPath: target)
    var inputs: [String] = []
    Source(path: links.path).forEach { item in
      if case .success(let (input, _)) = item { inputs.append(input) }
    }
    #expect(inputs == [links.appendingPathComponent("a.txt").path])
  }
}

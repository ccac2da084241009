import Foundation
import Testing

/// Debian's `chromium` (apt-get install -y chromium), or $CHROMIUM; nil skips the browser test.
let chromium: String? = {
  let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"]].compactMap { $0 }
    + ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Runs a program with a time limit; returns stdout and stderr.
func run(_ program: String, _ arguments: [String], seconds: Double = 60) throws -> (out: String, err: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program)
  process.arguments = arguments
  let output = Pipe()
  let error = Pipe()
  process.standardOutput = output
  process.standardError = error
  try process.run()
  let timer = DispatchWorkItem { process.terminate() }
  DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)
  let out = output.fileHandleForReading.readDataToEndOfFile()
  let err = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  timer.cancel()
  return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

@Suite struct AnalyticsReport {
  static let script = "<script>alert(1)</script>"
  static let image = "\"><img src=x onerror=alert(1)>"

  /// A store with a hostile page: markup in its title, text and file name.
  static func hostileStore() throws -> (store: String, folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cm-xss-\(UUID())")
    let pages = folder.appendingPathComponent("pages")
    try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
    let escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;"
    let escapedImage = "\"&gt;&lt;img src=x onerror=alert(1)&gt;"
    let hostile = """
      <!DOCTYPE html><html><head><meta charset="utf-8">
      <title>\(escapedScript)鹿寨县党建案例</title></head>
      <body><div class="article"><h1>\(escapedScript)鹿寨县党建案例</h1>
      <p>鹿寨县已建立党组织34个,其中单独组建28个,联合组建8个\(escapedImage)\(escapedScript)。推行“党建+项目工程”。</p>
      <p>鹿寨县坚持党建引领,推动园区企业发展,全面提升基层组织力,助力乡村振兴。</p></div></body></html>
      """
    try Data(hostile.utf8).write(to: pages.appendingPathComponent("p\(image).html"))
    try Data("晋江市党建案例\n\n晋江市推行“党建+品牌”,党组织覆盖率达到98.7%。\n".utf8)
      .write(to: pages.appendingPathComponent("b.txt"))
    let store = folder.appendingPathComponent("x.sqlite").path
    #expect(try caseminer(["ingest", pages.path, "--store", store, "--quiet"]).status == 0)
    #expect(try caseminer(["extract", "--store", store]).status == 0)
    return (store, folder)
  }

  @Test func reportEscapesHostileStrings() throws {
    let (store, folder) = try Self.hostileStore()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try caseminer(["compare", "--store", store, "--format", "html"])
    #expect(run.status == 0)
    #expect(!run.out.contains("<script") && !run.out.contains("<img"))
    #expect(run.out.contains("&lt;script&gt;alert(1)&lt;/script&gt;鹿寨县党建案例"))
    #expect(run.out.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    #expect(!run.out.contains("src=\"http") && !run.out.contains("href=\"http"))
  }

  @Test(.enabled(if: chromium != nil, "chromium is not installed (apt-get install -y chromium)"))
  func reportRendersInHeadlessChromiumWithHostileStringsAsText() throws {
    let (store, folder) = try Self.hostileStore()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report.html")
    let made = try caseminer(["compare", "--store", store, "--format", "html", "--out", report.path])
    #expect(made.status == 0 && made.out.isEmpty)
    let browser = try #require(chromium)
    let profile = folder.appendingPathComponent("profile").path
    let common = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)"]
    let dom = try run(browser, common + ["--dump-dom", report.absoluteString])
    // Rendered: the charts and tables are in the DOM.
    #expect(dom.out.contains("<svg") && dom.out.contains("<table"))
    #expect(dom.out.contains("鹿寨县"))
    // The hostile strings are text nodes, not elements.
    #expect(!dom.out.contains("<script") && !dom.out.contains("<img"))
    #expect(dom.out.contains("&lt;script&gt;alert(1)&lt;/script&gt;鹿寨县党建案例"))
    #expect(dom.out.contains("&lt;img src=x onerror=alert(1)&gt;"))
    #expect(!dom.err.contains("Uncaught"))
    let png = folder.appendingPathComponent("report.png")
    _ = try run(browser, common + ["--screenshot=\(png.path)", "--window-size=1200,1600", report.absoluteString])
    let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
    #expect(size > 10_000)
  }

  @Test func compareTextJSONAndCSVOnTheSamples() throws {
    let store = try SampleStore.require()
    let text = try caseminer(["compare", "--store", store])
    #expect(text.status == 0 && text.out.hasPrefix("Regions (by county)\n"))
    #expect(text.out.contains("鹿寨县"))
    let json = try caseminer(["compare", "--store", store, "--by", "province", "--format", "json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
    #expect(object["type"] as? String == "comparison" && object["grouping"] as? String == "province")
    let csv = try caseminer(["compare", "--store", store, "--format", "csv"])
    #expect(csv.out.hasPrefix("table,row,column,value\r\n"))
    let bad = try caseminer(["compare", "--store", store, "--by", "village"])
    #expect(bad.status == 2 && bad.err.contains("unknown grouping village"))
  }
}

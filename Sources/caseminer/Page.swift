import ArgumentParser
import Foundation
import Miner

/// `caseminer page FILE|-`: one page's cleaned text, or its metadata and sections as JSON.
struct PageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "page",
    abstract: "Print the cleaned main text of one page (HTML, XML or text).",
    discussion: """
      --json prints one line: an object with sorted keys uri, title, published (ISO 8601), \
      source, byline, editors, breadcrumb, canonical_url, encoding {declared, used, \
      replacements}, sections [{heading, paragraphs}] and text. Missing values are null.
      """)

  @Argument(help: "A page file, or - to read one page from standard input.")
  var file: String

  @Flag(help: "Print metadata, sections and text as one JSON object.")
  var json = false

  @Option(help: "The charset the page was served with, when known (overrides <meta>).")
  var charset: String?

  func run() throws {
    Miner.prepare()
    let raw: RawPage
    do {
      if file == "-" {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        raw = RawPage(uri: "-", bytes: [UInt8](data), transportCharset: charset)
      } else {
        var r = try RawPage(contentsOf: URL(fileURLWithPath: file))
        r.uri = file
        r.transportCharset = charset
        raw = r
      }
      let page = try Page(parsing: raw)
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(page)
        data.append(0x0A)
        Output.write(data)
      } else {
        Output.write(Data((page.text + "\n").utf8))
      }
    } catch let error as IngestError {
      Output.warn("\(error)")
      throw ExitCode(2)
    }
  }
}

/// stdout carries data; stderr carries `caseminer:` lines for people.
extension Output {
  static func write(_ data: Data) {
    do { try FileHandle.standardOutput.write(contentsOf: data) } catch { Foundation.exit(0) }  // broken pipe
  }

  static func warn(_ line: String) {
    FileHandle.standardError.write(Data("caseminer: \(line)\n".utf8))
  }
}

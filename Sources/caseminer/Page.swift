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

  @Argument(help: "Page files (- reads one page from standard input); several give JSON Lines.")
  var files: [String]

  @Flag(help: "Print metadata, sections and text as one JSON object.")
  var json = false

  @Option(help: "The charset the page was served with, when known (overrides <meta>).")
  var charset: String?

  func run() throws {
    Miner.prepare()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var failed = false
    for file in files {
      do {
        let raw: RawPage
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
          var data = try encoder.encode(page)
          data.append(0x0A)
          Output.write(data)
        } else {
          Output.write(Data((page.text + "\n").utf8))
        }
      } catch let error as IngestError {
        Output.warn("\(error)")
        failed = true
      }
    }
    if failed { throw ExitCode(2) }
  }
}


/// Why an input could not become a page, naming the input: `what failed: why`.
///
/// `cannot decode pages/x.html as GB18030: U_INVALID_CHAR_FOUND`
public struct IngestError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The stage that failed.
  public enum Stage: String, Sendable, Hashable, Codable {
    case read, unpack, decode, parse, clean, store
  }

  /// The file, archive member (`archive.zip#a/b.html`) or URI the error is about.
  public var input: String
  public var stage: Stage
  public var reason: String

  public init(input: String, stage: Stage, reason: String) {
    self.input = input
    self.stage = stage
    self.reason = reason
  }

  public var description: String {
    let verb: String
    switch stage {
    case .read: verb = "read"
    case .unpack: verb = "unpack"
    case .decode: verb = "decode"
    case .parse: verb = "parse"
    case .clean: verb = "extract text from"
    case .store: verb = "store"
    }
    return "cannot \(verb) \(input): \(reason)"
  }
}

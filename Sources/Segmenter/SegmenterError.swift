/// What went wrong in the segmenter, described as `what failed: why`.
public enum SegmenterError: Error, CustomStringConvertible, Equatable {
  /// An ICU call failed; `name` is ICU's own (`U_MISSING_RESOURCE_ERROR`).
  case icu(operation: String, name: String)
  /// A lexicon file could not be read or parsed.
  case lexicon(path: String, reason: String)

  public var description: String {
    switch self {
    case .icu(let operation, let name): "ICU \(operation) failed: \(name)"
    case .lexicon(let path, let reason): "cannot load lexicon \(path): \(reason)"
    }
  }
}

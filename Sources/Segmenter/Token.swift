/// One token: a range of the text it came from and what kind of thing it is.
///
/// Tokens tile their text exactly: whitespace and punctuation are tokens too. Offsets are kept
/// twice, as UTF-8 byte offsets (for slicing bytes) and as Unicode scalar offsets (Python `str`
/// indices, what JSON consumers count), both half-open. A token holds no `String`; ask the text.
public struct Token: Hashable, Sendable {
  /// What a token is.
  public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// A Chinese (or other dictionary-script) word: 党建, 鹿寨县.
    case word
    /// A number, date, time or percentage in PKU style: 二○○一年, １２月, 84.61%, 第三.
    case number
    /// A run of Latin (or other alphabetic) letters: WTO, GDP.
    case latin
    /// Punctuation and symbols: ，、“ ——.
    case punctuation
    /// Spaces, tabs and line breaks.
    case whitespace

    public var description: String {
      switch self {
      case .word: "word"
      case .number: "number"
      case .latin: "latin"
      case .punctuation: "punct"
      case .whitespace: "space"
      }
    }
  }

  @usableFromInline var utf8Start: Int32
  @usableFromInline var utf8End: Int32
  @usableFromInline var scalarStart: Int32
  @usableFromInline var scalarEnd: Int32
  /// What kind of token this is.
  public var kind: Kind

  @inlinable init(utf8: Range<Int>, scalars: Range<Int>, kind: Kind) {
    utf8Start = Int32(truncatingIfNeeded: utf8.lowerBound)
    utf8End = Int32(truncatingIfNeeded: utf8.upperBound)
    scalarStart = Int32(truncatingIfNeeded: scalars.lowerBound)
    scalarEnd = Int32(truncatingIfNeeded: scalars.upperBound)
    self.kind = kind
  }

  /// UTF-8 byte offsets into the text.
  @inlinable public var utf8: Range<Int> { Int(utf8Start)..<Int(utf8End) }
  /// Unicode scalar offsets into the text (Python string indices).
  @inlinable public var scalars: Range<Int> { Int(scalarStart)..<Int(scalarEnd) }

  /// The token's text, cut from the text it was made from.
  public func text(in source: String) -> Substring {
    let utf8 = source.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: Int(utf8Start))
    let upper = utf8.index(lower, offsetBy: Int(utf8End - utf8Start))
    return source[lower..<upper]
  }
}

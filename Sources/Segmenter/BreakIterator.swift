internal import CICUShim

/// An ICU break iterator (word or sentence) over UTF-8 text; boundaries are UTF-8 offsets.
///
/// Not thread-safe, like the `UBreakIterator` it owns: use one per thread, made with `copy()`
/// (cloning costs ~0.2 µs, opening ~3 µs; PITFALLS.md 5).
final class BreakIterator {
  enum Kind: Int32 {
    case word = 0  // CM_BREAK_WORD
    case sentence = 1  // CM_BREAK_SENTENCE
  }

  private let handle: OpaquePointer

  init(_ kind: Kind, locale: String = "zh") throws(SegmenterError) {
    var status: Int32 = 0
    guard let handle = cm_break_open(kind.rawValue, locale, &status), status <= 0 else {
      throw .icu(operation: "ubrk_open(\(kind), \(locale))", name: BreakIterator.errorName(status))
    }
    self.handle = handle
  }

  /// A word iterator compiled from ICU rule source.
  init(rules: String, name: String) throws(SegmenterError) {
    var status: Int32 = 0
    var line: Int32 = 0
    var offset: Int32 = 0
    let utf16 = Array(rules.utf16)
    let handle = utf16.withUnsafeBufferPointer {
      cm_break_open_rules($0.baseAddress, Int32($0.count), &status, &line, &offset)
    }
    guard let handle, status <= 0 else {
      throw .icu(
        operation: "ubrk_openRules(\(name)) at line \(line) offset \(offset)",
        name: BreakIterator.errorName(status))
    }
    self.handle = handle
  }

  private init(handle: OpaquePointer) { self.handle = handle }

  /// A clone for another thread.
  func copy() throws(SegmenterError) -> BreakIterator {
    var status: Int32 = 0
    guard let clone = cm_break_clone(handle, &status), status <= 0 else {
      throw .icu(operation: "ubrk_clone", name: BreakIterator.errorName(status))
    }
    return BreakIterator(handle: clone)
  }

  deinit { cm_break_close(handle) }

  /// Points the iterator at `bytes`, which must stay valid until iteration ends.
  func setText(_ bytes: UnsafeBufferPointer<UInt8>) throws(SegmenterError) {
    var status: Int32 = 0
    bytes.withMemoryRebound(to: CChar.self) { chars in
      // An empty buffer may have a nil base address; ICU wants a pointer with length 0 then.
      let base = chars.baseAddress ?? UnsafePointer(bitPattern: 1)!
      cm_break_set_utf8(handle, base, Int64(chars.count), &status)
    }
    if status > 0 { throw .icu(operation: "utext_openUTF8", name: BreakIterator.errorName(status)) }
  }

  /// Writes up to `capacity` next boundaries and rule statuses; returns how many (0 at the end).
  func nextBoundaries(
    into boundaries: UnsafeMutablePointer<Int32>, statuses: UnsafeMutablePointer<Int32>,
    capacity: Int32
  ) -> Int {
    Int(cm_break_next_batch(handle, boundaries, statuses, capacity))
  }

  static func errorName(_ status: Int32) -> String {
    String(cString: cm_error_name(status))
  }
}

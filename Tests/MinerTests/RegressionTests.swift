import Foundation
import Testing

@testable import Miner

/// Bugs found while hardening, one test each, named after what went wrong.
@Suite("Regressions")
struct RegressionTests {
  /// Found by review: `start + size` overflowed (trap) for a chunk size near Int.max.
  @Test func chunkSizeNearIntMaxIsBadChunkedEncodingNotATrap() {
    #expect(HTTPResponse.dechunk(Array("7fffffffffffffff\r\nabc\r\n0\r\n\r\n".utf8)) == nil)
    #expect(HTTPResponse.dechunk(Array("ffffffffffffffff0\r\nabc".utf8)) == nil)
  }

  /// Found by review: `Int("-5", radix: 16)` is -5, and `bytes[start..<start - 5]` trapped.
  @Test func negativeChunkSizeIsBadChunkedEncodingNotATrap() {
    #expect(HTTPResponse.dechunk(Array("-5\r\nabcdefgh\r\n0\r\n\r\n".utf8)) == nil)
  }

  @Test func wellFormedChunksStillJoin() {
    #expect(HTTPResponse.dechunk(Array("3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n".utf8)) == Array("abcde".utf8))
  }
}

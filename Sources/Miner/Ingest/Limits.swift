/// Caps that keep one hostile input from exhausting memory: a zip bomb, a 10 GB gzip member.
public struct IngestLimits: Sendable {
  /// The largest page (file or archive member) read, in bytes.
  public var pageBytes: Int = 64 << 20
  /// The most bytes one archive may expand to.
  public var archiveBytes: Int = 8 << 30
  /// The highest expansion ratio of a compressed member (zip bombs reach 1000:1 and more;
  /// HTML compresses about 5-10:1).
  public var compressionRatio: Int = 200

  public init() {}
}

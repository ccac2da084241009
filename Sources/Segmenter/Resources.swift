import Foundation

/// Data files shipped with the segmenter, shared with the rest of the pipeline.
public enum SegmenterResources {
  /// China's administrative divisions (code, name, short_name, level, parent_code), UTF-8 TSV.
  /// Source and licence: Resources/NOTICE.md.
  public static var adminDivisionsURL: URL {
    Bundle.module.url(
      forResource: "admin-divisions", withExtension: "tsv", subdirectory: "Resources")!
  }
}

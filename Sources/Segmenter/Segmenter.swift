/// Placeholder while the segmenter lands.
public enum SegmenterModule {}

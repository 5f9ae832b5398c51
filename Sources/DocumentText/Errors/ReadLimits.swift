/// Bounds on what the reader accepts, so hostile input fails fast instead of exhausting memory.
public struct ReadLimits: Sendable, Equatable {
  /// The largest uncompressed size of one zip entry, and of a single-file input.
  public var maxEntryBytes: Int
  /// The largest uncompressed/compressed ratio of one zip entry (checked once an entry passes
  /// `ratioCheckThreshold` bytes, so tiny highly compressible parts are not refused).
  public var maxCompressionRatio: Int
  /// Entries smaller than this are never refused for their ratio.
  public var ratioCheckThreshold: Int
  /// How many entity references libxml2 may expand. chachong refuses every entity declaration,
  /// so this is a second line of defence only (0 means no declared entity is ever expanded).
  public var maxEntityExpansion: Int
  /// The most zip entries read from one container.
  public var maxEntries: Int

  public init(
    maxEntryBytes: Int = 200 * 1024 * 1024, maxCompressionRatio: Int = 200,
    ratioCheckThreshold: Int = 1024 * 1024, maxEntityExpansion: Int = 0, maxEntries: Int = 10_000
  ) {
    self.maxEntryBytes = maxEntryBytes
    self.maxCompressionRatio = maxCompressionRatio
    self.ratioCheckThreshold = ratioCheckThreshold
    self.maxEntityExpansion = maxEntityExpansion
    self.maxEntries = maxEntries
  }

  public static let standard = ReadLimits()
}

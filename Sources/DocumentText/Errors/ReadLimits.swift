import Foundation

/// Bounds on what the reader accepts, so hostile input fails fast instead of exhausting memory,
/// time or the stack. Every limit is documented in docs/limits.md; a reader clamps each one to
/// ``safeBounds`` (``clamped``), so a configuration can tighten limits freely but can loosen them
/// only as far as one document still fits in about 1 GiB of memory and 20 s.
public struct ReadLimits: Sendable, Equatable {
  /// The largest uncompressed size of one zip entry, and of a single-file input on disk.
  package var maxEntryBytes: Int
  /// The largest uncompressed/compressed ratio of one zip entry (checked once an entry passes
  /// `ratioCheckThreshold` bytes, so tiny highly compressible parts are not refused).
  package var maxCompressionRatio: Int
  /// Entries smaller than this are never refused for their ratio.
  package var ratioCheckThreshold: Int
  /// How many entity references libxml2 may expand. chachong refuses every entity declaration,
  /// so this is a second line of defence only (0 means no declared entity is ever expanded).
  package var maxEntityExpansion: Int
  /// The most zip entries read from one container.
  package var maxEntries: Int
  /// The most bytes inflated from one zip package, all entries together (declared sizes are
  /// checked when the container is opened, inflated bytes while reading).
  package var maxPackageBytes: Int
  /// The deepest element nesting of an XML part (libxml2's push parser has no limit of its own).
  package var maxXMLDepth: Int
  /// Tables nested deeper than this are flattened: their paragraphs join the enclosing cell, so
  /// every walk over tables is bounded by this depth.
  package var maxTableDepth: Int
  /// The most attributes (namespace declarations included) on one XML element. libxml2 2.9
  /// checks duplicates pairwise, so a few hundred thousand declarations cost minutes; the count is
  /// checked on the raw bytes before libxml2 sees them.
  package var maxAttributesPerElement: Int
  /// The most blocks (paragraphs, tables and table cells) in one document.
  package var maxBlocks: Int
  /// The most bytes of extracted text (UTF-8) in one document.
  package var maxTextBytes: Int
  /// The longest paragraph or text line, in UTF-8 bytes.
  package var maxParagraphBytes: Int
  /// The longest line of a `.jsonl` bulk file, in bytes.
  package var maxJSONLineBytes: Int

  package init(
    maxEntryBytes: Int = 200 * 1024 * 1024, maxCompressionRatio: Int = 200,
    ratioCheckThreshold: Int = 1024 * 1024, maxEntityExpansion: Int = 0, maxEntries: Int = 10_000,
    maxPackageBytes: Int = 256 * 1024 * 1024, maxXMLDepth: Int = 256, maxTableDepth: Int = 16,
    maxAttributesPerElement: Int = 256, maxBlocks: Int = 500_000, maxTextBytes: Int = 32 * 1024 * 1024,
    maxParagraphBytes: Int = 8 * 1024 * 1024, maxJSONLineBytes: Int = 64 * 1024 * 1024
  ) {
    self.maxEntryBytes = maxEntryBytes
    self.maxCompressionRatio = maxCompressionRatio
    self.ratioCheckThreshold = ratioCheckThreshold
    self.maxEntityExpansion = maxEntityExpansion
    self.maxEntries = maxEntries
    self.maxPackageBytes = maxPackageBytes
    self.maxXMLDepth = maxXMLDepth
    self.maxTableDepth = maxTableDepth
    self.maxAttributesPerElement = maxAttributesPerElement
    self.maxBlocks = maxBlocks
    self.maxTextBytes = maxTextBytes
    self.maxParagraphBytes = maxParagraphBytes
    self.maxJSONLineBytes = maxJSONLineBytes
  }

  public static let standard = ReadLimits()

  /// The range each limit may be configured in (docs/limits.md). The upper ends keep one document
  /// within about 1 GiB and 20 s on a 2-core machine; the lower ends keep ordinary applications
  /// readable.
  package static let safeBounds = ReadLimits.Bounds()

  package struct Bounds: Sendable {
    package let maxEntryBytes = 1024...(512 * 1024 * 1024)
    package let maxCompressionRatio = 10...1000
    package let ratioCheckThreshold = 1024...(16 * 1024 * 1024)
    package let maxEntityExpansion = 0...0
    package let maxEntries = 16...100_000
    package let maxPackageBytes = 1024...(512 * 1024 * 1024)
    package let maxXMLDepth = 32...1000
    package let maxTableDepth = 1...64
    package let maxAttributesPerElement = 32...4096
    package let maxBlocks = 1000...2_000_000
    package let maxTextBytes = 1024...(128 * 1024 * 1024)
    package let maxParagraphBytes = 1024...(32 * 1024 * 1024)
    package let maxJSONLineBytes = 1024...(256 * 1024 * 1024)
  }

  /// Every limit moved into ``safeBounds``.
  package var clamped: ReadLimits {
    let bounds = Self.safeBounds
    func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int {
      min(max(value, range.lowerBound), range.upperBound)
    }
    return ReadLimits(
      maxEntryBytes: clamp(maxEntryBytes, bounds.maxEntryBytes),
      maxCompressionRatio: clamp(maxCompressionRatio, bounds.maxCompressionRatio),
      ratioCheckThreshold: clamp(ratioCheckThreshold, bounds.ratioCheckThreshold),
      maxEntityExpansion: clamp(maxEntityExpansion, bounds.maxEntityExpansion),
      maxEntries: clamp(maxEntries, bounds.maxEntries),
      maxPackageBytes: clamp(maxPackageBytes, bounds.maxPackageBytes),
      maxXMLDepth: clamp(maxXMLDepth, bounds.maxXMLDepth),
      maxTableDepth: clamp(maxTableDepth, bounds.maxTableDepth),
      maxAttributesPerElement: clamp(maxAttributesPerElement, bounds.maxAttributesPerElement),
      maxBlocks: clamp(maxBlocks, bounds.maxBlocks),
      maxTextBytes: clamp(maxTextBytes, bounds.maxTextBytes),
      maxParagraphBytes: clamp(maxParagraphBytes, bounds.maxParagraphBytes),
      maxJSONLineBytes: clamp(maxJSONLineBytes, bounds.maxJSONLineBytes))
  }
}

extension ReadLimits {
  /// The limits a configuration names, by property name: `{"maxEntryBytes": 52428800, …}`.
  static var configurable: [String: WritableKeyPath<ReadLimits, Int>] {
    [
      "maxEntryBytes": \.maxEntryBytes, "maxCompressionRatio": \.maxCompressionRatio,
      "ratioCheckThreshold": \.ratioCheckThreshold, "maxEntityExpansion": \.maxEntityExpansion,
      "maxEntries": \.maxEntries, "maxPackageBytes": \.maxPackageBytes, "maxXMLDepth": \.maxXMLDepth,
      "maxTableDepth": \.maxTableDepth, "maxAttributesPerElement": \.maxAttributesPerElement,
      "maxBlocks": \.maxBlocks, "maxTextBytes": \.maxTextBytes, "maxParagraphBytes": \.maxParagraphBytes,
      "maxJSONLineBytes": \.maxJSONLineBytes,
    ]
  }

  /// These limits with the ones a JSON object names replaced, then ``clamped`` into
  /// ``safeBounds``; an unknown name or a value that is not an integer is an error (a typo must not
  /// silently leave a limit at its default).
  package func overridden(byJSON bytes: [UInt8]) throws(ReadLimitsError) -> ReadLimits {
    guard bytes.count <= 64 * 1024,
      let object = try? JSONDecoder().decode([String: Int].self, from: Data(bytes))
    else {
      throw ReadLimitsError(reason: "not a JSON object of limit names and integers")
    }
    var limits = self
    for name in object.keys.sorted() {
      guard let path = Self.configurable[name] else {
        throw ReadLimitsError(
          reason:
            "unknown limit \"\(name)\" (known: \(Self.configurable.keys.sorted().joined(separator: ", ")))")
      }
      limits[keyPath: path] = object[name] ?? limits[keyPath: path]
    }
    return limits.clamped
  }
}

/// Why a limits configuration could not be used.
package struct ReadLimitsError: Error, Sendable, CustomStringConvertible {
  package var reason: String
  package var description: String { "read limits: \(reason)" }
}

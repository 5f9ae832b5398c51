import Fingerprints

/// Everything that decides what an index stores; fixed when the index is created.
///
/// Opening an index with different parameters is an error (``IndexError/parametersMismatch``),
/// because signatures, LSH keys and fingerprints built with other values cannot be compared.
public struct IndexParameters: Sendable, Codable, Equatable {
  /// Shingle size, signature size and hash seed.
  public var fingerprint: FingerprintParameters
  /// The whole-document Jaccard threshold the LSH bands are tuned for.
  public var lshThreshold: Double
  /// Bands × rows of the whole-document LSH tables.
  public var lsh: LSHParameters
  /// The finer level that finds one copied section inside an otherwise new document.
  public var granularity: Granularity

  public init(
    fingerprint: FingerprintParameters = .standard, lshThreshold: Double = 0.5,
    lsh: LSHParameters? = nil, granularity: Granularity = .standard
  ) {
    self.fingerprint = fingerprint
    self.lshThreshold = lshThreshold
    self.lsh =
      lsh ?? LSHParameters.optimal(threshold: lshThreshold, signatureSize: fingerprint.signatureSize)
    self.granularity = granularity
  }

  /// 128-value signatures, 5-token shingles, LSH tuned for Jaccard 0.5, winnowing window 48.
  public static let standard = IndexParameters()
}

/// The finer-than-document level: winnowed shingle fingerprints (Schleimer, Wilkerson and Aiken,
/// "Winnowing", SIGMOD 2003) in a posting table, searched by containment.
///
/// Winnowing keeps, in every window of `window` consecutive shingle hashes, the smallest one.
/// Any passage shared by two documents that spans at least `window + k - 1` tokens therefore
/// shares at least one stored fingerprint, whatever the rest of the two documents holds. The
/// expected density is 2 / (window + 1) of the shingles. See docs/index.md for the measurements
/// that chose this level over section signatures and fixed windows.
public struct Granularity: Sendable, Codable, Equatable {
  /// Winnowing window in shingles.
  public var window: Int
  /// A document is a candidate when it shares at least this many fingerprints with the query.
  public var minimumSharedFingerprints: Int
  /// Fingerprints held by more than this many documents are treated as boilerplate and skipped
  /// when searching (their posting lists are not read past this length).
  public var maximumPostings: Int

  public init(window: Int = 48, minimumSharedFingerprints: Int = 3, maximumPostings: Int = 64) {
    self.window = window
    self.minimumSharedFingerprints = minimumSharedFingerprints
    self.maximumPostings = maximumPostings
  }

  public static let standard = Granularity()
}

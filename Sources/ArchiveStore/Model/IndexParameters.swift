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
    fingerprint: FingerprintParameters = .standard, lshThreshold: Double = 0.4,
    lsh: LSHParameters? = nil, granularity: Granularity = .standard
  ) {
    self.fingerprint = fingerprint
    self.lshThreshold = lshThreshold
    self.lsh =
      lsh ?? KnownLSHParameters.optimal(threshold: lshThreshold, signatureSize: fingerprint.signatureSize)
    self.granularity = granularity
    let sectionLSH = granularity.sectionLSH
    if sectionLSH.bands * sectionLSH.rows > fingerprint.signatureSize {
      self.granularity.sectionLSH = KnownLSHParameters.optimal(
        threshold: granularity.sectionThreshold, signatureSize: fingerprint.signatureSize)
    }
  }

  /// 128-value signatures, 5-token shingles, whole-document LSH tuned for Jaccard 0.4 (32 × 4:
  /// a pair at J = 0.5 is a candidate with probability 0.87, at 0.6 with 0.99; 25 × 5, tuned
  /// for 0.5, gives 0.55 and 0.87), section signatures.
  package static let standard = IndexParameters()

  /// Why stored parameters cannot be right (a damaged or tampered index), or nil. The bounds are
  /// far beyond anything chachong writes and keep memory per document small.
  package var outOfRangeReason: String? {
    func outside(_ name: String, _ value: Int, _ range: ClosedRange<Int>) -> String? {
      range.contains(value) ? nil : "\(name) \(value) outside \(range.lowerBound)…\(range.upperBound)"
    }
    let checks: [String?] = [
      outside("signatureSize", fingerprint.signatureSize, 1...4096),
      outside("shingleSize", fingerprint.shingleSize, 1...64),
      outside("lsh.bands", lsh.bands, 1...4096), outside("lsh.rows", lsh.rows, 1...4096),
      // Checked arithmetic: the values come from the file.
      lsh.bands.multipliedReportingOverflow(by: lsh.rows).partialValue <= fingerprint.signatureSize
        && !lsh.bands.multipliedReportingOverflow(by: lsh.rows).overflow
        ? nil : "lsh bands × rows exceed signatureSize",
      outside("granularity.sectionLSH.bands", granularity.sectionLSH.bands, 1...4096),
      outside("granularity.sectionLSH.rows", granularity.sectionLSH.rows, 1...4096),
      outside("granularity.window", granularity.window, 0...1_000_000),
      outside("granularity.maximumPostings", granularity.maximumPostings, 0...10_000_000),
      lshThreshold.isFinite && (0...1).contains(lshThreshold)
        ? nil : "lshThreshold \(lshThreshold) outside 0…1",
    ]
    return checks.compactMap { $0 }.first
  }
}

/// The finer-than-document level. Chosen by measurement (docs/index.md, "Granularity"): one
/// MinHash signature per section (sections of at least `sectionMinimumTokens` tokens) in separate
/// LSH tables, and winnowed shingle fingerprints (Schleimer, Wilkerson and Aiken, SIGMOD 2003) in a
/// posting table: any passage of at least `window + k - 1` tokens shared by two documents shares a
/// stored fingerprint.
public struct Granularity: Sendable, Codable, Equatable {
  /// Winnowing window in shingles; 0 stores no winnowed fingerprints.
  ///
  /// 64 for a new index since stop 25 (0 before; an index keeps the window it was created with).
  /// Without fingerprints, the archive's documents are candidates only through whole-document
  /// LSH (tuned for Jaccard 0.4) and section LSH (a section copied near-verbatim), so a copied
  /// paragraph or a whole application rewritten by a '降重' tool (synonyms for 60–90 % of the
  /// words a thesaurus knows: shingle Jaccard 0.13–0.18) passed with no finding at all. With
  /// window 64, every shared run of 3 × 64 + 4 tokens shares at least 3 fingerprints (the
  /// candidate bar), so any verbatim copy of 200 characters, far below the 2023 policy's 500, is
  /// verified; rewritten copies keep enough unchanged runs (docs/BENCHMARKS.md, stop 25). About
  /// 3 % of a document's shingles are stored.
  public var window: Int
  /// A document is a candidate when it shares at least this many fingerprints with the query.
  public var minimumSharedFingerprints: Int
  /// Fingerprints held by more than this many documents are treated as boilerplate and skipped
  /// when searching (their posting lists are not read past this length).
  public var maximumPostings: Int

  /// Sections with fewer tokens get no signature of their own.
  public var sectionMinimumTokens: Int
  /// Section-level Jaccard the section LSH tables are tuned for. High, because a copied section
  /// is near-verbatim while sections of unrelated applications written from the same call share
  /// phrasing (on peerbench, tuning for 0.5 gave 110 candidates per query, 0.8 about 2).
  public var sectionThreshold: Double
  /// Bands × rows of the section LSH tables.
  public var sectionLSH: LSHParameters

  public init(
    window: Int = Granularity.standardWindow, minimumSharedFingerprints: Int = 3, maximumPostings: Int = 64,
    sectionMinimumTokens: Int = 100, sectionThreshold: Double = 0.8, signatureSize: Int = 128
  ) {
    self.sectionThreshold = sectionThreshold
    self.sectionLSH = KnownLSHParameters.optimal(
      threshold: sectionThreshold, signatureSize: signatureSize)
    self.window = window
    self.minimumSharedFingerprints = minimumSharedFingerprints
    self.maximumPostings = maximumPostings
    self.sectionMinimumTokens = sectionMinimumTokens
  }

  public static let standard = Granularity()
  /// The winnowing window of a new index (see `window`).
  public static let standardWindow = 64

  /// Whether documents are filed under winnowed passage fingerprints (`window` > 0).
  public var storesPassageFingerprints: Bool { window > 0 }
}

/// `LSHParameters.optimal` integrates numerically (about 0.1 s a call); the default parameters
/// are looked up instead. A test checks that the table equals what `optimal` computes.
package enum KnownLSHParameters {
  package static let table: [Double: LSHParameters] = [
    0.4: LSHParameters(bands: 32, rows: 4), 0.5: LSHParameters(bands: 25, rows: 5),
    0.8: LSHParameters(bands: 9, rows: 13),
  ]

  package static func optimal(threshold: Double, signatureSize: Int) -> LSHParameters {
    if signatureSize == 128, let known = table[threshold] {
      return known
    }
    return LSHParameters.optimal(threshold: threshold, signatureSize: signatureSize)
  }
}

import ChachongModel
import Fingerprints

/// One document ready to be stored: its metadata, its extracted text and its fingerprint.
package struct IndexedDocument: Sendable {
  package var metadata: DocumentRecord
  /// The extracted text; stored compressed, the normalised text and position map are rebuilt
  /// from it on demand (see docs/index.md, "Stored text").
  package var text: String
  package var fingerprint: DocumentFingerprint
  /// Signatures of ``SectionSignatures/shingleRanges(of:sections:parameters:)`` when the caller
  /// computed them with the fingerprint (one pass, see `Fingerprinter`); nil: computed on storing.
  package var sectionSignatures: [MinHashSignature]?

  package init(
    metadata: DocumentRecord, text: String, fingerprint: DocumentFingerprint,
    sectionSignatures: [MinHashSignature]? = nil
  ) {
    self.metadata = metadata
    self.text = text
    self.fingerprint = fingerprint
    self.sectionSignatures = sectionSignatures
  }
}

/// A document the LSH tables or the fingerprint postings put forward for verification.
package struct Candidate: Sendable, Equatable {
  package var id: String
  /// LSH bands in which the candidate and the query fall into the same bucket.
  package var bandMatches: Int
  /// Section-level LSH bands (any section of the query against any section of the candidate).
  package var sectionBandMatches: Int
  /// Winnowed fingerprints (below the boilerplate cut-off) the two share.
  package var sharedFingerprints: Int

  /// MinHash estimate of the whole-document Jaccard (stored signature against the query's).
  package var estimatedJaccard: Double

  package init(
    id: String, bandMatches: Int, sectionBandMatches: Int, sharedFingerprints: Int,
    estimatedJaccard: Double = 0
  ) {
    self.id = id
    self.estimatedJaccard = estimatedJaccard
    self.bandMatches = bandMatches
    self.sectionBandMatches = sectionBandMatches
    self.sharedFingerprints = sharedFingerprints
  }
}

/// Which documents ``DocumentIndex/list(_:)`` returns; nil fields match everything.
public struct DocumentFilter: Sendable, Equatable {
  public var program: String?
  public var year: Int?
  public var status: String?
  public var ids: [String]?
  /// false: the caller does not need `sections` (a check's rules over the whole archive), so a
  /// store may leave them empty instead of decoding them; a store may return them anyway.
  public var includeSections: Bool

  public init(
    program: String? = nil, year: Int? = nil, status: String? = nil, ids: [String]? = nil,
    includeSections: Bool = true
  ) {
    self.program = program
    self.year = year
    self.status = status
    self.ids = ids
    self.includeSections = includeSections
  }
}

/// Counts and sizes for `chachong stats`.
public struct IndexStats: Sendable, Codable, Equatable {
  public var documents: Int
  public var byProgram: [String: Int]
  public var byYear: [String: Int]
  public var byStatus: [String: Int]
  public var parameters: IndexParameters
  public var schemaVersion: Int
  public var lshBucketRows: Int
  public var sectionBucketRows: Int
  public var fingerprintPostingRows: Int
  public var templates: Int
  public var storedTextBytes: Int
  public var characters: Int
  /// The database file plus its write-ahead log, in bytes.
  public var fileBytes: Int

  public init(
    documents: Int, byProgram: [String: Int], byYear: [String: Int], byStatus: [String: Int],
    parameters: IndexParameters, schemaVersion: Int, lshBucketRows: Int, sectionBucketRows: Int,
    fingerprintPostingRows: Int, templates: Int, storedTextBytes: Int, characters: Int, fileBytes: Int
  ) {
    self.documents = documents
    self.byProgram = byProgram
    self.byYear = byYear
    self.byStatus = byStatus
    self.parameters = parameters
    self.schemaVersion = schemaVersion
    self.lshBucketRows = lshBucketRows
    self.sectionBucketRows = sectionBucketRows
    self.fingerprintPostingRows = fingerprintPostingRows
    self.templates = templates
    self.storedTextBytes = storedTextBytes
    self.characters = characters
    self.fileBytes = fileBytes
  }
}

import Integrity

/// An application of the batch as the similarity search sees it.
public struct BatchDocument: Sendable {
  /// The application's metadata as the rules see the other side of a pair.
  public var record: ArchiveRecord
  /// The extracted text (TextLayout.text).
  public var text: String

  public init(record: ArchiveRecord, text: String) {
    self.record = record
    self.text = text
  }
}

/// Where past documents come from: the index in production, a fake in tests.
public protocol ArchiveSource: Sendable {
  /// Every archived document's metadata (other than the batch's own ids).
  func records(excluding ids: Set<String>) throws -> [ArchiveRecord]
  /// The key archive records carry for a lead's ID number (the index's keyed hash).
  func leadIDKey(_ idNumber: String) -> String
  /// Verified pairs of batch documents with archived documents meeting `minimum`, scored from the
  /// batch document's side; archived documents with a batch id are skipped.
  func pairs(for batch: [BatchDocument], excludingShingles: Set<UInt64>, minimum: SimilarityThreshold) throws
    -> [SimilarPair]
  /// Shingles of the index's stored templates.
  func templateShingles() throws -> Set<UInt64>
  /// Shingle size and seed used for similarity.
  var shingleSize: Int { get }
  var seed: UInt64 { get }
  /// The index's parameters as text, for the report.
  var parametersDescription: String? { get }
}

extension SimilarityThreshold {
  /// The loosest of several thresholds: a pair meeting any of them meets this one.
  static func loosest(_ thresholds: [SimilarityThreshold]) -> SimilarityThreshold {
    guard let first = thresholds.first else { return .standard }
    return thresholds.dropFirst().reduce(first) { result, threshold in
      SimilarityThreshold(
        jaccard: min(result.jaccard, threshold.jaccard),
        containment: min(result.containment, threshold.containment),
        minimumSharedCharacters: min(result.minimumSharedCharacters, threshold.minimumSharedCharacters))
    }
  }
}

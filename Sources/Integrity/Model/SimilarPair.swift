import ChachongModel

/// A verified similar pair: an application of the batch and another document (of the batch or
/// the archive), scored from the application's side.
public struct SimilarPair: Sendable, Codable, Equatable {
  public var applicationID: String
  public var other: DocumentRecord
  /// True when the other document is in this batch.
  public var otherInBatch: Bool
  public var measures: SimilarityMeasures
  public var passages: [EvidencePassage]?

  public init(
    applicationID: String, other: DocumentRecord, otherInBatch: Bool, measures: SimilarityMeasures,
    passages: [EvidencePassage]? = nil
  ) {
    self.applicationID = applicationID
    self.other = other
    self.otherInBatch = otherInBatch
    self.measures = measures
    self.passages = passages
  }
}

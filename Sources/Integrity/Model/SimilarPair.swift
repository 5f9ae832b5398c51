import ChachongModel

/// A verified similar pair: an application of the batch and another document (of the batch or
/// the archive), scored from the application's side.
package struct SimilarPair: Sendable, Codable, Equatable {
  package var applicationID: String
  package var other: DocumentRecord
  /// True when the other document is in this batch.
  package var otherInBatch: Bool
  package var measures: SimilarityMeasures
  package var passages: [EvidencePassage]?

  package init(
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

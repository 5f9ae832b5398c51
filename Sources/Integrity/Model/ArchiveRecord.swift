/// What the rules need to know about a document of the archive (the index) or of the batch.
public struct ArchiveRecord: Sendable, Codable, Equatable {
  public var id: String
  public var program: String?
  public var year: Int?
  public var status: String?
  public var title: String?
  public var organisation: String?
  public var creditCode: String?
  public var lead: String?
  /// A key that is equal for equal ID numbers (the index's keyed hash, or the normalised number
  /// for batch documents); never reported.
  public var leadIDKey: String?
  public var leadIDMasked: String?

  public init(
    id: String, program: String? = nil, year: Int? = nil, status: String? = nil, title: String? = nil,
    organisation: String? = nil, creditCode: String? = nil, lead: String? = nil, leadIDKey: String? = nil,
    leadIDMasked: String? = nil
  ) {
    self.id = id
    self.program = program
    self.year = year
    self.status = status
    self.title = title
    self.organisation = organisation
    self.creditCode = creditCode
    self.lead = lead
    self.leadIDKey = leadIDKey
    self.leadIDMasked = leadIDMasked
  }
}

/// A verified similar pair: an application of the batch and another document (of the batch or
/// the archive), scored from the application's side.
public struct SimilarPair: Sendable, Codable, Equatable {
  public var applicationID: String
  public var other: ArchiveRecord
  /// True when the other document is in this batch.
  public var otherInBatch: Bool
  public var measures: SimilarityMeasures
  public var passages: [EvidencePassage]?

  public init(
    applicationID: String, other: ArchiveRecord, otherInBatch: Bool, measures: SimilarityMeasures,
    passages: [EvidencePassage]? = nil
  ) {
    self.applicationID = applicationID
    self.other = other
    self.otherInBatch = otherInBatch
    self.measures = measures
    self.passages = passages
  }
}

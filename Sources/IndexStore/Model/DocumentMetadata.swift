/// What the index records about one document besides its fingerprints.
///
/// `leadIDHash` is HMAC-SHA256 of the normalised ID number under the index's own random key
/// (see ``DocumentIndex/leadIDHash(of:)``); the plain ID number is never stored.
public struct DocumentMetadata: Sendable, Codable, Equatable {
  public var id: String
  public var program: String?
  public var year: Int?
  public var status: String?
  public var title: String?
  public var organisation: String?
  public var creditCode: String?
  public var lead: String?
  public var leadIDHash: String?
  public var leadIDMasked: String?
  public var sourcePath: String?
  public var sourceSHA256: String?
  /// Unicode scalars of the extracted text.
  public var characterCount: Int
  public var sections: [IndexedSection]
  /// Further fields (manifest columns, .jsonl keys) by name.
  public var extra: [String: String]

  public init(
    id: String, program: String? = nil, year: Int? = nil, status: String? = nil,
    title: String? = nil, organisation: String? = nil, creditCode: String? = nil,
    lead: String? = nil, leadIDHash: String? = nil, leadIDMasked: String? = nil,
    sourcePath: String? = nil, sourceSHA256: String? = nil, characterCount: Int = 0,
    sections: [IndexedSection] = [], extra: [String: String] = [:]
  ) {
    self.id = id
    self.program = program
    self.year = year
    self.status = status
    self.title = title
    self.organisation = organisation
    self.creditCode = creditCode
    self.lead = lead
    self.leadIDHash = leadIDHash
    self.leadIDMasked = leadIDMasked
    self.sourcePath = sourcePath
    self.sourceSHA256 = sourceSHA256
    self.characterCount = characterCount
    self.sections = sections
    self.extra = extra
  }
}

/// A section of the extracted text: its heading and code-point range.
public struct IndexedSection: Sendable, Codable, Equatable {
  public var title: String
  public var start: Int
  public var end: Int

  public init(title: String, start: Int, end: Int) {
    self.title = title
    self.start = start
    self.end = end
  }
}

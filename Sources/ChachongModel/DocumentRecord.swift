/// One document of the archive or of a batch, as every layer speaks of it: the store keeps it, the
/// rules read it, reports and the service show it.
///
/// `leadIDKey` is the keyed hash of the lead's ID number (``IdentityKey/keyed(_:hash:)``): equal
/// for equal numbers however they were written, never the number itself. `leadIDMasked` is the
/// only form of the number that is ever shown.
public struct DocumentRecord: Sendable, Codable, Equatable {
  public var id: String
  public var program: String?
  public var year: Int?
  public var status: String?
  public var title: String?
  public var organisation: String?
  public var creditCode: String?
  public var lead: String?
  public var leadIDKey: String?
  public var leadIDMasked: String?
  public var sourcePath: String?
  public var sourceSHA256: String?
  /// Unicode scalars of the extracted text.
  public var characterCount: Int
  public var sections: [TextSection]
  /// Further fields (manifest columns, .jsonl keys) by name; ID-like values are masked.
  public var extra: [String: String]

  public init(
    id: String, program: String? = nil, year: Int? = nil, status: String? = nil,
    title: String? = nil, organisation: String? = nil, creditCode: String? = nil,
    lead: String? = nil, leadIDKey: String? = nil, leadIDMasked: String? = nil,
    sourcePath: String? = nil, sourceSHA256: String? = nil, characterCount: Int = 0,
    sections: [TextSection] = [], extra: [String: String] = [:]
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
    self.sourcePath = sourcePath
    self.sourceSHA256 = sourceSHA256
    self.characterCount = characterCount
    self.sections = sections
    self.extra = extra
  }
}

import ChachongModel

/// Metadata that comes with an input: from a manifest row, a `.jsonl` record or command-line
/// options. Names are read through the one vocabulary, ``RecordField``; the fields a stored record
/// has no place for go to `extra`, with ID-like numbers masked.
public struct InputMetadata: Sendable, Equatable {
  public var id: String?
  public var program: String?
  public var year: Int?
  public var status: String?
  public var title: String?
  public var organisation: String?
  public var creditCode: String?
  public var lead: String?
  /// The plain ID number; never stored, only hashed and masked on ingest.
  public var leadID: String?
  public var extra: [String: String]

  public init(
    id: String? = nil, program: String? = nil, year: Int? = nil, status: String? = nil,
    title: String? = nil, organisation: String? = nil, creditCode: String? = nil,
    lead: String? = nil, leadID: String? = nil, extra: [String: String] = [:]
  ) {
    self.id = id
    self.program = program
    self.year = year
    self.status = status
    self.title = title
    self.organisation = organisation
    self.creditCode = creditCode
    self.lead = lead
    self.leadID = leadID
    self.extra = extra
  }

  /// Sets the field a manifest column or `.jsonl` key names; unknown names go to `extra`.
  /// Empty values are ignored.
  package mutating func set(name: String, value: String) {
    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return }
    if RecordField.isPersonalIDHeader(name), RecordField.column(forHeader: name) != .leadID {
      // Another person's ID number (联系人身份证号 …) is neither needed nor kept.
      return
    }
    switch RecordField.column(forHeader: name) {
    case .id: id = trimmed
    case .program: program = trimmed
    case .year: year = Int(trimmed) ?? year
    case .status: status = trimmed
    case .title: title = trimmed
    case .organisation: organisation = trimmed
    case .creditCode: creditCode = trimmed
    case .lead: lead = trimmed
    case .leadID: leadID = trimmed
    case .file, .text: break
    default: extra[name] = IdentityKey.maskingIDNumbers(in: trimmed)
    }
  }

  /// `other`'s fields where `self` has none (command-line defaults under manifest values).
  package func filling(from other: InputMetadata) -> InputMetadata {
    var merged = self
    merged.id = id ?? other.id
    merged.program = program ?? other.program
    merged.year = year ?? other.year
    merged.status = status ?? other.status
    merged.title = title ?? other.title
    merged.organisation = organisation ?? other.organisation
    merged.creditCode = creditCode ?? other.creditCode
    merged.lead = lead ?? other.lead
    merged.leadID = leadID ?? other.leadID
    merged.extra = other.extra.merging(extra) { _, mine in mine }
    return merged
  }
}

/// The JSON form (the service's submission metadata, docs/openapi.json `SubmissionMetadata`): the
/// fields by name, absent when nil, `extra` only when it holds something.
extension InputMetadata: Codable {
  private enum CodingKeys: String, CodingKey {
    case id, program, year, status, title, organisation, creditCode, lead, leadID, extra
  }

  public init(from decoder: any Decoder) throws {
    let fields = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try fields.decodeIfPresent(String.self, forKey: .id),
      program: try fields.decodeIfPresent(String.self, forKey: .program),
      year: try fields.decodeIfPresent(Int.self, forKey: .year),
      status: try fields.decodeIfPresent(String.self, forKey: .status),
      title: try fields.decodeIfPresent(String.self, forKey: .title),
      organisation: try fields.decodeIfPresent(String.self, forKey: .organisation),
      creditCode: try fields.decodeIfPresent(String.self, forKey: .creditCode),
      lead: try fields.decodeIfPresent(String.self, forKey: .lead),
      leadID: try fields.decodeIfPresent(String.self, forKey: .leadID),
      extra: try fields.decodeIfPresent([String: String].self, forKey: .extra) ?? [:])
  }

  public func encode(to encoder: any Encoder) throws {
    var fields = encoder.container(keyedBy: CodingKeys.self)
    try fields.encodeIfPresent(id, forKey: .id)
    try fields.encodeIfPresent(program, forKey: .program)
    try fields.encodeIfPresent(year, forKey: .year)
    try fields.encodeIfPresent(status, forKey: .status)
    try fields.encodeIfPresent(title, forKey: .title)
    try fields.encodeIfPresent(organisation, forKey: .organisation)
    try fields.encodeIfPresent(creditCode, forKey: .creditCode)
    try fields.encodeIfPresent(lead, forKey: .lead)
    try fields.encodeIfPresent(leadID, forKey: .leadID)
    if !extra.isEmpty { try fields.encode(extra, forKey: .extra) }
  }
}

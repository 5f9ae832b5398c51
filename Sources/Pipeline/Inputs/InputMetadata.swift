/// Metadata that comes with an input: from a manifest row, a `.jsonl` record or command-line
/// options. Field names are canonical (see ``MetadataField``); everything else goes to `extra`.
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
  public mutating func set(name: String, value: String) {
    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return }
    switch MetadataField(name: name) {
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
    case nil: extra[name] = trimmed
    }
  }

  /// `other`'s fields where `self` has none (command-line defaults under manifest values).
  public func filling(from other: InputMetadata) -> InputMetadata {
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

/// The metadata columns of a manifest (issue 4) with their English aliases.
public enum MetadataField: Sendable, CaseIterable {
  case id, file, text, program, year, status, title, organisation, creditCode, lead, leadID

  /// Column names and `.jsonl` keys that mean this field (compared without case, spaces,
  /// underscores and hyphens).
  public var names: [String] {
    switch self {
    case .id: return ["网上申报编号", "申报编号", "id", "applicationid"]
    case .file: return ["文件", "file", "path", "filename"]
    case .text: return ["text", "正文"]
    case .program: return ["计划类别", "program", "programme"]
    case .year: return ["年度", "year"]
    case .status: return ["状态", "status"]
    case .title: return ["项目名称", "title", "projecttitle"]
    case .organisation: return ["申报单位", "organisation", "organization", "applicant"]
    case .creditCode: return ["统一社会信用代码", "creditcode", "unifiedsocialcreditcode"]
    case .lead: return ["项目负责人", "lead", "projectlead", "pi"]
    case .leadID: return ["负责人身份证号", "身份证号", "leadid", "leadidnumber"]
    }
  }

  public init?(name: String) {
    let key = MetadataField.key(name)
    guard let field = MetadataField.allCases.first(where: { $0.names.contains(key) }) else {
      return nil
    }
    self = field
  }

  static func key(_ name: String) -> String {
    String(
      name.lowercased().unicodeScalars.filter {
        !($0 == " " || $0 == "_" || $0 == "-" || $0 == "\u{3000}" || $0 == "\u{FEFF}")
      })
  }
}

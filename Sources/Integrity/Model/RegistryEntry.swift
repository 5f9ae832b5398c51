/// A running or past project from the registry (CSV/xlsx), often without any document text.
public struct RegistryEntry: Sendable, Codable, Equatable {
  /// 1-based data row in the registry file, for messages.
  public var row: Int
  public var program: String?
  public var year: Int?
  public var status: String?
  public var title: String?
  public var organisation: String?
  public var creditCode: String?
  public var lead: String?
  /// The lead's ID number: kept in memory for matching, reported masked only.
  public var leadID: String?
  public var startDate: String?
  public var endDate: String?
  /// The project's own number (项目编号), when the registry has one.
  public var projectID: String?

  public init(
    row: Int, program: String? = nil, year: Int? = nil, status: String? = nil, title: String? = nil,
    organisation: String? = nil, creditCode: String? = nil, lead: String? = nil, leadID: String? = nil,
    startDate: String? = nil, endDate: String? = nil, projectID: String? = nil
  ) {
    self.row = row
    self.program = program
    self.year = year
    self.status = status
    self.title = title
    self.organisation = organisation
    self.creditCode = creditCode
    self.lead = lead
    self.leadID = leadID
    self.startDate = startDate
    self.endDate = endDate
    self.projectID = projectID
  }

  /// A stable id for findings: the project number, else `registry:<row>`.
  public var referenceID: String { projectID ?? "registry:\(row)" }
}

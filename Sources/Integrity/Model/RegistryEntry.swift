/// A running or past project from the registry (CSV/xlsx), often without any document text.
package struct RegistryEntry: Sendable, Codable, Equatable {
  /// 1-based data row in the registry file, for messages.
  package var row: Int
  package var program: String?
  package var year: Int?
  package var status: String?
  package var title: String?
  package var organisation: String?
  package var creditCode: String?
  package var lead: String?
  /// The lead's ID number: kept in memory for matching, reported masked only.
  package var leadID: String?
  package var startDate: String?
  package var endDate: String?
  /// The project's own number (项目编号), when the registry has one.
  package var projectID: String?

  package init(
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
  package var referenceID: String { projectID ?? "registry:\(row)" }
}

import ChachongModel
import Matching

/// What the HTML report shows, independent of how the check report stores it: the lead's
/// `CheckReport` (plus the extracted texts of the documents involved) converts into this.
package struct HTMLReportInput: Sendable, Codable, Equatable {
  package var title: String
  /// A line under the title (call, date of the run); nothing is added that is not given.
  package var subtitle: String?
  package var language: HTMLReportLanguage
  /// One row per application of the batch, in the order to show them first.
  package var applications: [HTMLApplicationRow]
  /// Findings of all applications; each may relate documents with passages.
  package var findings: [HTMLFinding]
  /// The texts that findings refer to (applications and related documents), by id.
  package var documents: [HTMLDocument]
  /// When set, the side-by-side texts show only this many characters around each passage (the
  /// rest elided with its length), which keeps a large batch's file small; nil shows whole texts.
  package var contextCharacters: Int?

  package init(
    title: String, subtitle: String? = nil, language: HTMLReportLanguage = .zh,
    applications: [HTMLApplicationRow], findings: [HTMLFinding], documents: [HTMLDocument],
    contextCharacters: Int? = nil
  ) {
    self.contextCharacters = contextCharacters
    self.title = title
    self.subtitle = subtitle
    self.language = language
    self.applications = applications
    self.findings = findings
    self.documents = documents
  }
}

package enum HTMLReportLanguage: String, Sendable, Codable {
  case zh
  case en
}

/// One application in the batch overview.
package struct HTMLApplicationRow: Sendable, Codable, Equatable {
  package var id: String
  package var title: String?
  package var organisation: String?
  package var lead: String?
  /// "error", "warning", "info" or nil (clean).
  package var highestSeverity: String?
  package var rules: [String]
  package var copyRatio: Double
  /// Full metrics when known (largest source, per source, per section).
  package var metrics: CopyMetrics?

  package init(
    id: String, title: String? = nil, organisation: String? = nil, lead: String? = nil,
    highestSeverity: String? = nil, rules: [String] = [], copyRatio: Double = 0, metrics: CopyMetrics? = nil
  ) {
    self.id = id
    self.title = title
    self.organisation = organisation
    self.lead = lead
    self.highestSeverity = highestSeverity
    self.rules = rules
    self.copyRatio = copyRatio
    self.metrics = metrics
  }
}

/// One finding about an application.
package struct HTMLFinding: Sendable, Codable, Equatable {
  package var applicationId: String
  package var rule: String
  package var severity: String
  package var message: String
  package var related: [HTMLRelatedDocument]

  package init(
    applicationId: String, rule: String, severity: String, message: String,
    related: [HTMLRelatedDocument] = []
  ) {
    self.applicationId = applicationId
    self.rule = rule
    self.severity = severity
    self.message = message
    self.related = related
  }
}

/// A document a finding relates to, with the scores and the aligned passages.
package struct HTMLRelatedDocument: Sendable, Codable, Equatable {
  package var id: String
  package var title: String?
  package var jaccard: Double?
  /// Share of the application copied from this document.
  package var copyRatio: Double?
  /// Offsets: `start`/`end` in the application's text, `sourceStart`/`sourceEnd` in this one's.
  package var passages: [Passage]

  package init(
    id: String, title: String? = nil, jaccard: Double? = nil, copyRatio: Double? = nil,
    passages: [Passage] = []
  ) {
    self.id = id
    self.title = title
    self.jaccard = jaccard
    self.copyRatio = copyRatio
    self.passages = passages
  }
}

/// The extracted text of a document and its sections.
public struct HTMLDocument: Sendable, Codable, Equatable {
  public var id: String
  public var title: String?
  public var text: String
  public var sections: [TextSection]

  public init(id: String, title: String? = nil, text: String, sections: [TextSection] = []) {
    self.id = id
    self.title = title
    self.text = text
    self.sections = sections
  }
}

import ChachongModel
import Integrity
import Matching

/// The `chachong check` report (docs/report.md, docs/report.schema.json). Fixed names other tools
/// read: `applications[].id`, `applications[].copyRatio`, `applications[].findings[].rule`,
/// `.severity`, `.related[].id`, `.related[].passages[]`, top-level `errors`.
public struct CheckReport: Sendable, Codable, Equatable {
  /// Bumped when a field changes meaning or disappears; added optional fields keep it.
  /// 2: `copyRatio` and `copyMetrics` count every verified source (1: only sources of findings);
  /// added `copyMetrics.copyRatioExcludingOwn`, `.passageKinds`, `related[].copyRatio`,
  /// `.passageKinds`, `passages[].kind`, and the high-copy-ratio rule.
  package static let currentSchemaVersion = 2

  public var schemaVersion: Int
  public var tool: ToolInfo
  public var call: CallInfo
  public var parameters: CheckParameters
  /// Every input file with its SHA-256, so a run can be reproduced.
  public var inputs: [InputFileInfo]
  /// Most serious first, then by id.
  public var applications: [ApplicationReport]
  public var summary: CheckSummary
  /// Inputs that could not be read; the rest of the batch was checked.
  public var errors: [InputErrorInfo]

  public init(
    tool: ToolInfo, call: CallInfo, parameters: CheckParameters, inputs: [InputFileInfo],
    applications: [ApplicationReport], summary: CheckSummary, errors: [InputErrorInfo]
  ) {
    self.schemaVersion = CheckReport.currentSchemaVersion
    self.tool = tool
    self.call = call
    self.parameters = parameters
    self.inputs = inputs
    self.applications = applications
    self.summary = summary
    self.errors = errors
  }
}

public struct ToolInfo: Sendable, Codable, Equatable {
  public var name: String
  public var version: String

  public init(name: String = "chachong", version: String) {
    self.name = name
    self.version = version
  }
}

/// The call the batch was checked against.
public struct CallInfo: Sendable, Codable, Equatable {
  public var program: String
  public var year: Int
  public var documentNumber: String?
  /// The configuration file, or "built-in nantong-2023.json".
  public var source: String
  /// SHA-256 of the configuration's bytes.
  public var sha256: String

  public init(program: String, year: Int, documentNumber: String?, source: String, sha256: String) {
    self.program = program
    self.year = year
    self.documentNumber = documentNumber
    self.source = source
    self.sha256 = sha256
  }
}

/// The options and thresholds of the run.
public struct CheckParameters: Sendable, Codable, Equatable {
  public var failOn: String
  public var language: ReportLanguage
  public var index: String?
  /// The index's fingerprint and LSH parameters as stored in it (sorted-keys JSON).
  public var indexParameters: String?
  public var similarity: [String: SimilarityThreshold]
  public var severities: [String: Severity]
  public var added: Bool
  /// `--common-share`, when given.
  public var commonShare: Double?
  /// The batch's own common text (`--batch-common-share`), when the batch was large enough for it.
  public var batchCommon: BatchCommonInfo?

  public init(
    failOn: String, language: ReportLanguage, index: String?, indexParameters: String?,
    similarity: [String: SimilarityThreshold], severities: [String: Severity], added: Bool,
    commonShare: Double? = nil, batchCommon: BatchCommonInfo? = nil
  ) {
    self.commonShare = commonShare
    self.batchCommon = batchCommon
    self.failOn = failOn
    self.language = language
    self.index = index
    self.indexParameters = indexParameters
    self.similarity = similarity
    self.severities = severities
    self.added = added
  }
}

/// Text in at least `required` of the batch's `applications` (`share` of them) was left out of
/// every score and passage like template text: `shingles` of it.
public struct BatchCommonInfo: Sendable, Codable, Equatable {
  public var share: Double
  public var applications: Int
  public var required: Int
  public var shingles: Int

  public init(share: Double, applications: Int, required: Int, shingles: Int) {
    self.share = share
    self.applications = applications
    self.required = required
    self.shingles = shingles
  }
}

public struct InputFileInfo: Sendable, Codable, Equatable {
  /// application, paper, manifest, registry, template or call.
  public var role: String
  public var path: String
  /// Lower-case hex SHA-256 of the file's bytes.
  public var sha256: String
  /// Set when the file's text was read by OCR (a scan): pages and mean confidence.
  public var ocr: OCRSummary?

  public init(role: String, path: String, sha256: String, ocr: OCRSummary? = nil) {
    self.role = role
    self.path = path
    self.sha256 = sha256
    self.ocr = ocr
  }
}

public struct InputErrorInfo: Sendable, Codable, Equatable {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
}

/// One application with its findings.
public struct ApplicationReport: Sendable, Codable, Equatable {
  public var id: String
  public var file: String
  public var title: String?
  public var organisation: String?
  public var creditCode: String?
  public var lead: String?
  /// `3206**********123X`; the number itself never appears in a report.
  public var leadIDMasked: String?
  public var recommendingUnit: String?
  public var guideCode: String?
  /// Share of the application's text copied from other documents (filled by the evidence stage;
  /// 0 when not computed).
  public var copyRatio: Double
  /// Copied characters, largest single-source ratio, per-source and per-section ratios, counted
  /// after template and common-text exclusion (docs/report.md); absent when not computed.
  public var copyMetrics: CopyMetrics?
  /// The most serious finding's severity; absent when clean.
  public var highestSeverity: Severity?
  public var findings: [FindingReport]

  public init(
    id: String, file: String, title: String? = nil, organisation: String? = nil, creditCode: String? = nil,
    lead: String? = nil, leadIDMasked: String? = nil, recommendingUnit: String? = nil,
    guideCode: String? = nil,
    copyRatio: Double = 0, highestSeverity: Severity? = nil, findings: [FindingReport] = [],
    copyMetrics: CopyMetrics? = nil
  ) {
    self.copyMetrics = copyMetrics
    self.id = id
    self.file = file
    self.title = title
    self.organisation = organisation
    self.creditCode = creditCode
    self.lead = lead
    self.leadIDMasked = leadIDMasked
    self.recommendingUnit = recommendingUnit
    self.guideCode = guideCode
    self.copyRatio = copyRatio
    self.highestSeverity = highestSeverity
    self.findings = findings
  }
}

/// A finding as reported: the message in the report's language.
public struct FindingReport: Sendable, Codable, Equatable {
  public var rule: RuleID
  public var severity: Severity
  public var message: String
  /// The notice sentence the rule enforces, quoted exactly.
  public var notice: String?
  public var related: [RelatedDocument]

  public init(rule: RuleID, severity: Severity, message: String, notice: String?, related: [RelatedDocument])
  {
    self.rule = rule
    self.severity = severity
    self.message = message
    self.notice = notice
    self.related = related
  }
}

/// Counts by rule and severity.
public struct CheckSummary: Sendable, Codable, Equatable {
  public var applications: Int
  /// Applications by their most serious finding: error, warning, info, clean.
  public var applicationsBySeverity: [String: Int]
  /// Findings by severity.
  public var findingsBySeverity: [String: Int]
  /// Findings by rule id, then severity.
  public var byRule: [String: [String: Int]]
  public var errors: Int

  public init(
    applications: Int, applicationsBySeverity: [String: Int], findingsBySeverity: [String: Int],
    byRule: [String: [String: Int]], errors: Int
  ) {
    self.applications = applications
    self.applicationsBySeverity = applicationsBySeverity
    self.findingsBySeverity = findingsBySeverity
    self.byRule = byRule
    self.errors = errors
  }
}

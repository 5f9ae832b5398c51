import Integrity

/// What `chachong check` was asked to do.
public struct CheckOptions: Sendable {
  public enum Format: String, Sendable, CaseIterable {
    case json, text, html
  }

  /// The lowest severity that makes the exit code 1 (`never`: always 0 unless input errors).
  public enum FailOn: String, Sendable, CaseIterable {
    case error, warning, never

    public func isMet(by severity: Severity) -> Bool {
      switch self {
      case .error: return severity >= .error
      case .warning: return severity >= .warning
      case .never: return false
      }
    }
  }

  public var format: Format
  public var failOn: FailOn
  public var language: ReportLanguage
  /// Store the batch in the archive (program, year, status 申报) after the check.
  public var add: Bool
  /// `--common-share`: shingles in more than this share of the archived documents are common text
  /// (nil: off).
  public var commonShare: Double?
  /// `--batch-common-share`: shingles in at least this share of a batch of 20 or more
  /// applications are the form's text, left out like a template (`BatchCommonText`; 0: off).
  public var batchCommonShare: Double
  /// Half the batch.
  public static let defaultBatchCommonShare = 0.5
  /// Documents read, fingerprinted and searched at once.
  public var workers: Int
  /// How the report names the store (`parameters.index`).
  public var storeDescription: String?
  /// Collect the texts the HTML view shows beside the findings whatever `format` is: the service
  /// renders every format from one run (its web pages show the evidence side by side).
  public var evidenceTexts: Bool

  /// Whether the result carries the evidence texts (`CheckResult.documents`).
  public var collectsEvidenceTexts: Bool { format == .html || evidenceTexts }

  public init(
    format: Format = .json, failOn: FailOn = .error, language: ReportLanguage = .zh, add: Bool = false,
    commonShare: Double? = nil, batchCommonShare: Double = CheckOptions.defaultBatchCommonShare,
    workers: Int = 1,
    storeDescription: String? = nil, evidenceTexts: Bool = false
  ) {
    self.batchCommonShare = batchCommonShare
    self.format = format
    self.failOn = failOn
    self.language = language
    self.add = add
    self.commonShare = commonShare
    self.workers = workers
    self.storeDescription = storeDescription
    self.evidenceTexts = evidenceTexts
  }
}

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

  public var indexDirectory: String
  /// nil: the built-in 2023 Nantong call.
  public var callPath: String?
  public var manifestPath: String?
  public var registryPath: String?
  public var templatePaths: [String]
  public var paths: [String]
  public var format: Format
  public var failOn: FailOn
  public var language: ReportLanguage
  /// Store the batch in the index (program, year, status 申报) after the check.
  public var add: Bool
  /// `--common-share`: shingles in more than this share of the archived documents are common text
  /// (nil: off).
  public var commonShare: Double?

  public init(
    indexDirectory: String, callPath: String? = nil, manifestPath: String? = nil, registryPath: String? = nil,
    templatePaths: [String] = [], paths: [String], format: Format = .json, failOn: FailOn = .error,
    language: ReportLanguage = .zh, add: Bool = false, commonShare: Double? = nil
  ) {
    self.commonShare = commonShare
    self.indexDirectory = indexDirectory
    self.callPath = callPath
    self.manifestPath = manifestPath
    self.registryPath = registryPath
    self.templatePaths = templatePaths
    self.paths = paths
    self.format = format
    self.failOn = failOn
    self.language = language
    self.add = add
  }
}

/// A problem that stops the check before any report (exit code 2): a missing index, a bad call
/// configuration, an unreadable manifest or registry.
public struct CheckError: Error, Sendable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) { self.description = description }
}

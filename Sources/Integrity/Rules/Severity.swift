/// How serious a finding is: error disqualifies, warning needs a look, info is for the record.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
  case error
  case warning
  case info

  /// Higher is more serious.
  package var rank: Int {
    switch self {
    case .error: return 3
    case .warning: return 2
    case .info: return 1
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

  package var displayName: LocalizedText {
    switch self {
    case .error: return LocalizedText(zh: "错误", en: "error")
    case .warning: return LocalizedText(zh: "警告", en: "warning")
    case .info: return LocalizedText(zh: "提示", en: "info")
    }
  }
}

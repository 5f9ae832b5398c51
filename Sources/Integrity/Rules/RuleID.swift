/// The stable ids of the integrity rules (the DESIGN.md table). Reports, configuration files
/// and other tools use the raw values.
public enum RuleID: String, Sendable, Codable, CaseIterable, Comparable, CodingKeyRepresentable {
  case duplicateSubmission = "duplicate-submission"
  case onePerEnterprise = "one-per-enterprise"
  case enterpriseRunningProject = "enterprise-running-project"
  case crossProgramSameYear = "cross-program-same-year"
  case previouslyFunded = "previously-funded"
  case onePerLead = "one-per-lead"
  case leadRunningProject = "lead-running-project"
  case leadOtherProgram = "lead-other-program"
  case plagiarism = "plagiarism"
  case paperOnlineMismatch = "paper-online-mismatch"
  case titleFormat = "title-format"
  case budget = "budget"
  case guideCode = "guide-code"
  case quota = "quota"
  case leadDegree = "lead-degree"
  case identityChecksum = "identity-checksum"
  case deadline = "deadline"
  case manifestMismatch = "manifest-mismatch"
  /// No silent high overlap: a large share of the text from one source that no other rule reports.
  case highCopyRatio = "high-copy-ratio"

  public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Rules whose evidence is a verified similar pair.
  package static let similarityRules: [RuleID] = [
    .duplicateSubmission, .crossProgramSameYear, .previouslyFunded, .plagiarism,
  ]

  /// Severity when a call configuration does not name one: disqualifying rules are errors, the
  /// notice's soft limits ("一般", "尽量") and data problems the bureau must look at are warnings.
  package var defaultSeverity: Severity {
    switch self {
    case .titleFormat, .quota, .manifestMismatch, .paperOnlineMismatch, .highCopyRatio: return .warning
    default: return .error
    }
  }

  /// A short name for tables, in both languages.
  package var displayName: LocalizedText {
    switch self {
    case .duplicateSubmission: return LocalizedText(zh: "重复申报", en: "duplicate submission")
    case .onePerEnterprise: return LocalizedText(zh: "一企一项", en: "one per enterprise")
    case .enterpriseRunningProject:
      return LocalizedText(zh: "企业有在研项目", en: "enterprise has a running project")
    case .crossProgramSameYear: return LocalizedText(zh: "同年多头申报", en: "same content, other program")
    case .previouslyFunded: return LocalizedText(zh: "已获立项支持", en: "previously funded")
    case .onePerLead: return LocalizedText(zh: "负责人限报一项", en: "one per lead")
    case .leadRunningProject: return LocalizedText(zh: "负责人有在研项目", en: "lead has a running project")
    case .leadOtherProgram: return LocalizedText(zh: "负责人同时申报其他计划", en: "lead in another program")
    case .plagiarism: return LocalizedText(zh: "剽窃", en: "plagiarism")
    case .paperOnlineMismatch: return LocalizedText(zh: "纸质与网上不一致", en: "paper/online mismatch")
    case .titleFormat: return LocalizedText(zh: "项目名称格式", en: "title format")
    case .budget: return LocalizedText(zh: "经费", en: "budget")
    case .guideCode: return LocalizedText(zh: "指南编号", en: "guide code")
    case .quota: return LocalizedText(zh: "推荐限额", en: "quota")
    case .leadDegree: return LocalizedText(zh: "负责人学历", en: "lead's degree")
    case .identityChecksum: return LocalizedText(zh: "证件号校验", en: "identity check digit")
    case .deadline: return LocalizedText(zh: "截止时间", en: "deadline")
    case .manifestMismatch: return LocalizedText(zh: "汇总表与申报书不一致", en: "manifest mismatch")
    case .highCopyRatio: return LocalizedText(zh: "文字复制比高", en: "high copy ratio")
    }
  }
}

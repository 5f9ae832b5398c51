import Foundation

extension CallConfiguration {
  /// Decodes and validates a configuration; `source` names it in errors.
  package static func decode(_ data: Data, source: String) throws(CallConfigurationError) -> CallConfiguration
  {
    let configuration: CallConfiguration
    do {
      configuration = try JSONDecoder().decode(CallConfiguration.self, from: data)
    } catch let error as DecodingError {
      throw CallConfigurationError(source: source, reason: .invalidJSON(describe(error)))
    } catch {
      throw CallConfigurationError(source: source, reason: .invalidJSON("\(error)"))
    }
    try configuration.validate(source: source)
    return configuration
  }

  /// Checks the values JSON decoding cannot: ranges, duplicates, dates.
  package func validate(source: String) throws(CallConfigurationError) {
    func invalid(_ field: String, _ reason: String) -> CallConfigurationError {
      CallConfigurationError(source: source, reason: .invalidValue(field: field, reason: reason))
    }
    guard schemaVersion == CallConfiguration.currentSchemaVersion else {
      throw CallConfigurationError(source: source, reason: .unsupportedSchemaVersion(schemaVersion))
    }
    guard !program.trimmingSpaces.isEmpty else { throw invalid("program", "must not be empty") }
    guard (1990...2100).contains(year) else { throw invalid("year", "\(year) is not a plausible year") }
    guard !guideCodes.isEmpty else { throw invalid("guideCodes", "must list at least one code") }
    var seen = Set<String>()
    for code in guideCodes {
      guard !code.code.trimmingSpaces.isEmpty else { throw invalid("guideCodes", "a code is empty") }
      guard seen.insert(code.code).inserted else {
        throw invalid("guideCodes", "code \(code.code) is listed twice")
      }
    }
    guard budget.minimumTotalExclusive >= 0, budget.maximumFunding >= 0 else {
      throw invalid("budget", "amounts must not be negative")
    }
    guard (0...1).contains(budget.maximumFundingShare) else {
      throw invalid("budget.maximumFundingShare", "must be between 0 and 1")
    }
    guard titleRule.minimumLength >= 0, titleRule.maximumLength >= titleRule.minimumLength else {
      throw invalid("titleRule", "minimumLength must be between 0 and maximumLength")
    }
    guard quotas.defaultLimit >= 0, quotas.classes.allSatisfy({ $0.limit >= 0 }) else {
      throw invalid("quotas", "limits must not be negative")
    }
    if let online = deadlines.online, Timestamp(parsing: online) == nil {
      throw invalid("deadlines.online", "'\(online)' is not a date or time (use 2024-01-31T23:59:59+08:00)")
    }
    if let paper = deadlines.paper, Timestamp(parsing: paper) == nil {
      throw invalid("deadlines.paper", "'\(paper)' is not a date or time (use 2024-02-05T23:59:59+08:00)")
    }
    for (rule, threshold) in similarity.sorted(by: { $0.key < $1.key }) {
      guard RuleID.similarityRules.contains(rule) else {
        throw invalid("similarity.\(rule.rawValue)", "not a similarity rule")
      }
      let values = threshold.criteria.values + (threshold.review?.values ?? [])
      guard values.allSatisfy({ (0...1).contains($0.1) }), threshold.minimumSharedCharacters >= 0 else {
        throw invalid("similarity.\(rule.rawValue)", "thresholds must be between 0 and 1")
      }
    }
    if let floor = overlapFloor, !(0...1).contains(floor.copyRatio) {
      throw invalid("overlapFloor.copyRatio", "must be between 0 and 1")
    }
    for (index, text) in (callText ?? []).enumerated() where text.text.isEmpty {
      throw invalid("callText[\(index)]", "text must not be empty")
    }
  }

  static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      let keys = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
      return keys.isEmpty ? "top level" : keys.joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
      let parent = path(context)
      return "missing key '\(key.stringValue)'" + (parent == "top level" ? "" : " in \(parent)")
    case .typeMismatch(let type, let context):
      return "\(path(context)): expected \(type)"
    case .valueNotFound(let type, let context):
      return "\(path(context)): expected \(type), found null"
    case .dataCorrupted(let context):
      let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
      return "\(path(context)): \(context.debugDescription)\(underlying)"
    @unknown default:
      return "\(error)"
    }
  }
}

import ChachongModel

/// Evaluates every rule of a call on a batch. Pure and deterministic: the same input gives the
/// same findings in the same order.
package struct RuleEngine: Sendable {
  /// Maps an ID number to the key archive records carry in `leadIDKey` (the index stores a keyed
  /// hash, not the number). Default: the normalised number itself, for in-memory comparison.
  package var leadIDKey: @Sendable (String) -> String

  package init(leadIDKey: @escaping @Sendable (String) -> String = { IdentityKey.normalize($0) }) {
    self.leadIDKey = leadIDKey
  }

  package func evaluate(_ input: RuleInput) -> [ApplicationFindings] {
    let context = RuleContext(input: input, leadIDKey: leadIDKey)
    var results: [ApplicationFindings] = []
    for application in input.applications {
      var findings: [Finding] = []
      findings += context.identityFindings(application)
      findings += context.titleFindings(application)
      findings += context.budgetFindings(application)
      findings += context.guideCodeFindings(application)
      findings += context.degreeFindings(application)
      findings += context.deadlineFindings(application)
      findings += context.manifestFindings(application)
      findings += context.paperFindings(application)
      findings += context.quotaFindings(application)
      findings += context.onePerEnterpriseFindings(application)
      findings += context.onePerLeadFindings(application)
      findings += context.registryFindings(application)
      findings += context.similarityFindings(application)
      let enabled = findings.filter { input.call.isEnabled($0.rule) }
      results.append(ApplicationFindings(application: application, findings: RuleEngine.ordered(enabled)))
    }
    return RuleEngine.ordered(results)
  }

  /// Most serious first, then by rule id, then by message.
  package static func ordered(_ findings: [Finding]) -> [Finding] {
    findings.sorted { lhs, rhs in
      if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
      if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
      if lhs.message.zh != rhs.message.zh { return lhs.message.zh < rhs.message.zh }
      return lhs.related.map(\.id).lexicographicallyPrecedes(rhs.related.map(\.id))
    }
  }

  /// Applications with the most serious finding first, then by id.
  package static func ordered(_ results: [ApplicationFindings]) -> [ApplicationFindings] {
    results.sorted { lhs, rhs in
      let left = lhs.highestSeverity?.rank ?? 0
      let right = rhs.highestSeverity?.rank ?? 0
      if left != right { return left > right }
      if lhs.application.id != rhs.application.id { return lhs.application.id < rhs.application.id }
      return lhs.application.file < rhs.application.file
    }
  }
}

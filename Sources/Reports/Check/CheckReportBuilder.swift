import ChachongModel
import Integrity
import Matching

/// Builds the report from the rule engine's results. Pure.
package enum CheckReportBuilder {
  package static func applications(
    _ results: [ApplicationFindings], language: ReportLanguage, copyRatios: [String: Double] = [:],
    copyMetrics: [String: CopyMetrics] = [:]
  ) -> [ApplicationReport] {
    RuleEngine.ordered(results).map { result in
      let application = result.application
      return ApplicationReport(
        id: application.id, file: application.file, title: application.title,
        organisation: application.organisation, creditCode: application.creditCode, lead: application.lead,
        leadIDMasked: application.leadIDMasked, recommendingUnit: application.recommendingUnit,
        guideCode: application.value(FormFieldName.guideCode),
        copyRatio: rounded(copyRatios[application.id] ?? copyMetrics[application.id]?.copyRatio ?? 0),
        highestSeverity: result.highestSeverity,
        findings: result.findings.map { finding in
          FindingReport(
            rule: finding.rule, severity: finding.severity, message: finding.message.text(in: language),
            notice: finding.notice, related: finding.related.map(roundedScores))
        }, copyMetrics: copyMetrics[application.id].map(roundedMetrics))
    }
  }

  package static func summary(_ applications: [ApplicationReport], errors: Int) -> CheckSummary {
    var byApplication: [String: Int] = ["error": 0, "warning": 0, "info": 0, "clean": 0]
    var bySeverity: [String: Int] = ["error": 0, "warning": 0, "info": 0]
    var byRule: [String: [String: Int]] = [:]
    for application in applications {
      byApplication[application.highestSeverity?.rawValue ?? "clean", default: 0] += 1
      for finding in application.findings {
        bySeverity[finding.severity.rawValue, default: 0] += 1
        byRule[finding.rule.rawValue, default: [:]][finding.severity.rawValue, default: 0] += 1
      }
    }
    return CheckSummary(
      applications: applications.count, applicationsBySeverity: byApplication, findingsBySeverity: bySeverity,
      byRule: byRule, errors: errors)
  }

  /// Scores to six decimals: enough for any threshold, stable across platforms' printing.
  static func roundedScores(_ document: RelatedDocument) -> RelatedDocument {
    var copy = document
    copy.jaccard = document.jaccard.map(rounded)
    copy.queryContainment = document.queryContainment.map(rounded)
    copy.matchContainment = document.matchContainment.map(rounded)
    copy.copyRatio = document.copyRatio.map(rounded)
    return copy
  }

  /// Ratios to six decimals, like the scores.
  static func roundedMetrics(_ metrics: CopyMetrics) -> CopyMetrics {
    var copy = metrics
    copy.copyRatio = rounded(metrics.copyRatio)
    copy.largestSourceRatio = rounded(metrics.largestSourceRatio)
    copy.copyRatioExcludingOwn = metrics.copyRatioExcludingOwn.map(rounded)
    copy.sources = metrics.sources.map {
      SourceCopy(id: $0.id, copiedCharacters: $0.copiedCharacters, ratio: rounded($0.ratio))
    }
    copy.sections = metrics.sections.map {
      SectionCopy(
        title: $0.title, start: $0.start, end: $0.end, characters: $0.characters,
        copiedCharacters: $0.copiedCharacters, ratio: rounded($0.ratio))
    }
    return copy
  }

  static func rounded(_ value: Double) -> Double {
    (value * 1_000_000).rounded() / 1_000_000
  }
}

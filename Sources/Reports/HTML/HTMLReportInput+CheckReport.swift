import Integrity
import Matching

extension HTMLReportInput {
  /// The HTML view of a check report. `documents` are the extracted texts (with sections) of the
  /// applications and related documents whose passages should be shown side by side; a finding
  /// whose texts are missing still lists its passages. `metrics` (by application id) adds the
  /// per-source and per-section ratios. `contextCharacters`: see the property (600 by default,
  /// nil for whole texts).
  package init(
    report: CheckReport, documents: [HTMLDocument], metrics: [String: CopyMetrics] = [:],
    title: String? = nil, contextCharacters: Int? = 600
  ) {
    let language: HTMLReportLanguage = report.parameters.language == .en ? .en : .zh
    let call = "\(report.call.year) \(report.call.program)"
    let number = report.call.documentNumber.map { "（\($0)）" } ?? ""
    var findings: [HTMLFinding] = []
    let applications = report.applications.map { application -> HTMLApplicationRow in
      var rules: [String] = []
      for finding in application.findings where !rules.contains(finding.rule.rawValue) {
        rules.append(finding.rule.rawValue)
      }
      for finding in application.findings {
        findings.append(
          HTMLFinding(
            applicationId: application.id, rule: finding.rule.rawValue, severity: finding.severity.rawValue,
            message: finding.message,
            related: finding.related.map { related in
              HTMLRelatedDocument(
                id: related.id, title: related.title, jaccard: related.jaccard,
                copyRatio: related.copyRatio
                  ?? metrics[application.id]?.sources.first { $0.id == related.id }?.ratio,
                passages: (related.passages ?? []).map {
                  Passage(
                    start: $0.start, end: $0.end, sourceStart: $0.sourceStart, sourceEnd: $0.sourceEnd,
                    chars: $0.chars, kind: $0.kind.flatMap { PassageKind(rawValue: $0.rawValue) })
                })
            }))
      }
      return HTMLApplicationRow(
        id: application.id, title: application.title, organisation: application.organisation,
        lead: application.lead, highestSeverity: application.highestSeverity?.rawValue, rules: rules,
        copyRatio: application.copyRatio, metrics: metrics[application.id])
    }
    self.init(
      title: title ?? (language == .zh ? "查重报告" : "Check report"),
      subtitle: call + number + OCRInputsNote.subtitle(report.inputs, zh: language == .zh),
      language: language,
      applications: applications, findings: findings, documents: documents,
      contextCharacters: contextCharacters)
  }
}

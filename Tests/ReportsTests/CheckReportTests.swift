import ChachongModel
import Foundation
import Integrity
import Testing

@testable import Reports

@Suite struct CheckReportTests {
  static let leadID = "320602198001011235"

  static func application(_ id: String, degree: String = "博士") -> Application {
    Application(
      id: id, file: "\(id).docx",
      fields: [
        FormFieldName.title: ApplicationField(manifest: "面向海上风电的新型储能系统关键技术研发"),
        FormFieldName.organisation: ApplicationField(manifest: "南通海风科技有限公司"),
        FormFieldName.lead: ApplicationField(manifest: "张伟"),
        FormFieldName.leadID: ApplicationField(manifest: leadID),
        FormFieldName.degree: ApplicationField(form: degree),
      ])
  }

  static func finding(_ rule: RuleID, _ severity: Severity, related: [RelatedDocument] = []) -> Finding {
    Finding(
      rule: rule, severity: severity,
      message: LocalizedText(zh: "中文\(rule.rawValue)", en: "english \(rule.rawValue)"),
      notice: "凡属重复申报的，取消评审资格。", related: related)
  }

  static func report(language: ReportLanguage = .zh) -> CheckReport {
    let related = RelatedDocument(
      id: "B", source: .batch, program: "P", year: 2023, status: "申报",
      measures: SimilarityMeasures(
        jaccard: 0.123456789, queryContainment: 0.5, matchContainment: 0.25, sharedCharacters: 900,
        passageCharacters: 800),
      passages: [EvidencePassage(start: 1, end: 801, sourceStart: 5, sourceEnd: 805, chars: 800)])
    let results = [
      ApplicationFindings(application: application("C"), findings: []),
      ApplicationFindings(application: application("B"), findings: [finding(.titleFormat, .warning)]),
      ApplicationFindings(
        application: application("A"),
        findings: [finding(.duplicateSubmission, .error, related: [related]), finding(.budget, .info)]),
    ]
    let applications = CheckReportBuilder.applications(results, language: language, copyRatios: ["A": 0.4])
    return CheckReport(
      tool: ToolInfo(version: "0.1.0"),
      call: CallInfo(
        program: "P", year: 2023, documentNumber: "通科资〔2023〕116号", source: "built-in", sha256: ""),
      parameters: CheckParameters(
        failOn: "error", language: language, index: "idx", indexParameters: nil,
        similarity: ["plagiarism": SimilarityThreshold(jaccard: 0.3, containment: 0.1)],
        severities: ["budget": .error], added: false),
      inputs: [InputFileInfo(role: "application", path: "A.docx", sha256: String(repeating: "0", count: 64))],
      applications: applications, summary: CheckReportBuilder.summary(applications, errors: 1),
      errors: [InputErrorInfo(path: "bad.doc", message: "legacy .doc")])
  }

  @Test func ordersBySeverityThenID() {
    let report = Self.report()
    #expect(report.applications.map(\.id) == ["A", "B", "C"])
    #expect(report.applications[0].highestSeverity == .error)
    #expect(report.applications[2].highestSeverity == nil)
    #expect(report.applications[0].copyRatio == 0.4)
    #expect(report.applications[0].findings.first?.message == "中文duplicate-submission")
    #expect(
      Self.report(language: .en).applications[0].findings.first?.message == "english duplicate-submission")
  }

  @Test func summarisesByRuleAndSeverity() {
    let summary = Self.report().summary
    #expect(summary.applications == 3)
    #expect(summary.applicationsBySeverity == ["error": 1, "warning": 1, "info": 0, "clean": 1])
    #expect(summary.findingsBySeverity == ["error": 1, "warning": 1, "info": 1])
    #expect(summary.byRule["duplicate-submission"] == ["error": 1])
    #expect(summary.byRule["budget"] == ["info": 1])
    #expect(summary.errors == 1)
  }

  @Test func jsonIsDeterministicAndUsesTheFixedNames() throws {
    let first = try Self.report().jsonData()
    let second = try Self.report().jsonData()
    #expect(first == second)
    let object = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
    #expect(object["schemaVersion"] as? Int == 2)
    #expect((object["errors"] as? [[String: Any]])?.first?["path"] as? String == "bad.doc")
    let applications = try #require(object["applications"] as? [[String: Any]])
    #expect(applications.first?["id"] as? String == "A")
    #expect(applications.first?["copyRatio"] as? Double == 0.4)
    let finding = try #require((applications.first?["findings"] as? [[String: Any]])?.first)
    #expect(finding["rule"] as? String == "duplicate-submission")
    #expect(finding["severity"] as? String == "error")
    let related = try #require((finding["related"] as? [[String: Any]])?.first)
    #expect(related["id"] as? String == "B")
    #expect(related["jaccard"] as? Double == 0.123457)
    let passage = try #require((related["passages"] as? [[String: Any]])?.first)
    #expect(
      passage["start"] as? Int == 1 && passage["sourceEnd"] as? Int == 805 && passage["chars"] as? Int == 800)
    #expect(try CheckReport.decode(first) == Self.report())
  }

  @Test func neverShowsTheIDNumber() throws {
    let json = String(decoding: try Self.report().jsonData(), as: UTF8.self)
    let text = CheckTextRenderer.render(Self.report(), language: .zh)
    for output in [json, text] {
      #expect(output.firstRange(of: Self.leadID) == nil)
      #expect(output.firstRange(of: "32**************35") != nil)
    }
  }

  @Test func textViewListsApplicationsAndFindings() {
    let zh = CheckTextRenderer.render(Self.report(), language: .zh)
    #expect(zh.hasPrefix("查重报告："))
    #expect(zh.firstRange(of: "共3项申报：错误1项，警告1项，提示0项，通过1项") != nil)
    #expect(zh.firstRange(of: "[错误] duplicate-submission: 中文duplicate-submission") != nil)
    #expect(zh.firstRange(of: "依据：凡属重复申报的，取消评审资格。") != nil)
    #expect(zh.firstRange(of: "J=12% C=50%/25% 800字") != nil)
    #expect(zh.firstRange(of: "bad.doc: legacy .doc") != nil)
    let en = CheckTextRenderer.render(Self.report(language: .en), language: .en)
    #expect(en.firstRange(of: "3 applications: 1 with errors, 1 with warnings") != nil)
  }

  @Test func measuresTerminalWidth() {
    #expect(CheckTextRenderer.displayWidth("abc") == 3)
    #expect(CheckTextRenderer.displayWidth("南通") == 4)
    #expect(CheckTextRenderer.clip("南通海风科技有限公司", 8) == "南通海风…")
  }
}

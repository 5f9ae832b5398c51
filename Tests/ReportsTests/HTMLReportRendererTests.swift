import ChachongModel
import Foundation
import Integrity
import Matching
import Testing

@testable import Reports

private func sampleInput() -> HTMLReportInput {
  let application = "一、项目概述\n本项目研究<量子密钥>分发技术，面向城域网络部署。\n二、研究内容\n突破高速率单光子探测器关键技术。"
  let source = "背景：本项目研究<量子密钥>分发技术，面向城域网络部署。其他内容。突破高速率单光子探测器关键技术。"
  let passages = [
    Passage(start: 7, end: 31, sourceStart: 3, sourceEnd: 27),
    Passage(start: 40, end: 55, sourceStart: 33, sourceEnd: 48),
  ]
  return HTMLReportInput(
    title: "查重报告 <script>alert(\"x\")</script>", subtitle: "2023 & test",
    applications: [
      HTMLApplicationRow(
        id: "A&1", title: "量子\"密钥\"", organisation: "南通<某>公司", highestSeverity: "warning",
        rules: ["plagiarism"], copyRatio: 0.5),
      HTMLApplicationRow(id: "B2", title: "其他项目", copyRatio: 0),
    ],
    findings: [
      HTMLFinding(
        applicationId: "A&1", rule: "plagiarism", severity: "warning", message: "相似 <b>",
        related: [
          HTMLRelatedDocument(id: "S'1", title: "来源", jaccard: 0.42, copyRatio: 0.5, passages: passages)
        ])
    ],
    documents: [
      HTMLDocument(
        id: "A&1", text: application,
        sections: [
          TextSection(title: "一、项目概述", start: 0, end: 33), TextSection(title: "二、研究内容", start: 33, end: 56),
        ]),
      HTMLDocument(id: "S'1", text: source),
    ])
}

private func matches(_ pattern: String, in text: String) throws -> [String] {
  let expression = try NSRegularExpression(pattern: pattern)
  let range = NSRange(text.startIndex..., in: text)
  return expression.matches(in: text, range: range).compactMap { match in
    Range(match.range(at: 1), in: text).map { String(text[$0]) }
  }
}

@Test func htmlReportIsSelfContainedAndEscaped() throws {
  let html = HTMLReportRenderer.render(sampleInput())
  #expect(html.hasPrefix("<!DOCTYPE html>"))
  #expect(try matches(#"(?:src|href)\s*=\s*"(https?:[^"]*)""#, in: html).isEmpty)
  #expect(try matches(#"<(link|iframe|img|object|embed)\b"#, in: html).isEmpty)
  #expect(try matches(#"<script\s+(src)"#, in: html).isEmpty)
  #expect(!html.contains("<script>alert"))
  #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
  #expect(html.contains("南通&lt;某&gt;公司"))
  #expect(html.contains("研究&lt;量子密钥&gt;分发"))
  #expect(html.contains("相似 &lt;b&gt;"))
  #expect(HTMLReportRenderer.render(sampleInput()) == html)
}

@Test func passagesAreHighlightedAndLinkedBothWays() throws {
  let html = HTMLReportRenderer.render(sampleInput())
  let ids = Set(try matches(#"\sid="([^"]+)""#, in: html))
  let targets = try matches(##"href="#([^"]+)""##, in: html)
  #expect(!targets.isEmpty)
  for target in targets { #expect(ids.contains(target), "dangling link #\(target)") }
  let passageIDs = ids.filter { $0.hasSuffix("-a") || $0.hasSuffix("-b") }
  #expect(passageIDs.count == 4)
  for id in passageIDs where id.hasSuffix("-a") {
    let partner = String(id.dropLast()) + "b"
    #expect(passageIDs.contains(partner))
    #expect(html.contains("id=\"\(id)\" href=\"#\(partner)\""))
    #expect(html.contains("id=\"\(partner)\" href=\"#\(id)\""))
  }
  // The highlighted text is exactly the passage text on both sides.
  #expect(html.contains("<sup>1</sup>本项目研究&lt;量子密钥&gt;分发技术，面向城域网络部署</a>"))
  #expect(html.contains("<sup>2</sup>突破高速率单光子探测器关键技术</a>"))
  #expect(try matches(#"class="(passage c\d)""#, in: html).count == 4)
}

@Test func overviewIsSortableAndSectionsAreLabelled() throws {
  let html = HTMLReportRenderer.render(sampleInput())
  #expect(html.contains("<table class=\"sortable-table\" id=\"overview\">"))
  #expect(try matches(#"<th class="(sortable)""#, in: html).count == 6)
  #expect(html.contains("data-sort=\"2\""))  // warning rank
  #expect(html.contains("data-sort=\"0.5\""))
  #expect(html.contains("<span class=\"section-label\">§ 一、项目概述</span>"))
  #expect(html.contains("<span class=\"section-label\">§ 二、研究内容</span>"))
  #expect(html.contains("href=\"#app-A_26_1\""))
  #expect(html.contains("50.0%"))
}

@Test func aCheckReportConvertsWithFindingsPassagesAndRatios() throws {
  let passage = EvidencePassage(start: 7, end: 31, sourceStart: 3, sourceEnd: 27, chars: 24)
  let related = RelatedDocument(id: "QZ2022-001", source: .archive, title: "旧项目", passages: [passage])
  let application = ApplicationReport(
    id: "QZ2023-001", file: "a.docx", title: "量子密钥", organisation: "南通某公司", copyRatio: 0.25,
    highestSeverity: .warning,
    findings: [
      FindingReport(rule: .plagiarism, severity: .warning, message: "抄袭", notice: nil, related: [related]),
      FindingReport(rule: .budget, severity: .info, message: "预算", notice: nil, related: []),
    ])
  let report = CheckReport(
    tool: ToolInfo(version: "0"),
    call: CallInfo(
      program: "前瞻性技术创新专项", year: 2023, documentNumber: "通科资〔2023〕116号", source: "x", sha256: "0"),
    parameters: CheckParameters(
      failOn: "error", language: .zh, index: nil, indexParameters: nil, similarity: [:], severities: [:],
      added: false),
    inputs: [], applications: [application], summary: CheckReportBuilder.summary([application], errors: 0),
    errors: [])
  let sample = sampleInput()
  let input = HTMLReportInput(
    report: report,
    documents: [
      HTMLDocument(id: "QZ2023-001", text: sample.documents[0].text, sections: sample.documents[0].sections),
      HTMLDocument(id: "QZ2022-001", text: sample.documents[1].text),
    ])
  #expect(input.applications.map(\.rules) == [["plagiarism", "budget"]])
  #expect(input.findings.count == 2)
  #expect(input.findings.first?.related.first?.passages.first?.chars == 24)
  #expect(input.subtitle == "2023 前瞻性技术创新专项（通科资〔2023〕116号）")
  let html = HTMLReportRenderer.render(input)
  #expect(html.contains("id=\"f1-r0-p1-a\" href=\"#f1-r0-p1-b\""))
  #expect(html.contains("25.0%"))
}

@Test func withContextOnlyTheTextAroundPassagesIsShown() {
  var input = sampleInput()
  let filler = String(repeating: "无关内容。", count: 200)
  input.documents[1].text = filler + input.documents[1].text + filler
  input.findings[0].related[0].passages = input.findings[0].related[0].passages.map {
    Passage(start: $0.start, end: $0.end, sourceStart: $0.sourceStart + 1000, sourceEnd: $0.sourceEnd + 1000)
  }
  input.contextCharacters = 10
  let html = HTMLReportRenderer.render(input)
  #expect(html.contains("<span class=\"elided\">……（略去993字）……</span>"))
  #expect(html.contains("<sup>1</sup>本项目研究&lt;量子密钥&gt;分发技术，面向城域网络部署</a>"))
  #expect(!html.contains(filler))
  input.contextCharacters = nil
  #expect(HTMLReportRenderer.render(input).contains(filler))
}

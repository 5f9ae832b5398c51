import ChachongModel
import ChachongServer
import Integrity
import Reports

/// One application of a batch (its findings with the notice sentences, then the side-by-side
/// evidence cut from the HTML report), and the print view of the whole batch.
enum ApplicationPages {
  static func detail(
    _ frame: PageFrame, batch: Batch, application: ApplicationReport, evidence: String?
  ) -> String {
    let language: ReportLanguage = frame.language == .zh ? .zh : .en
    let base = "/batches/\(urlEncode(batch.id))"
    let head = "<link rel=\"stylesheet\" href=\"/assets/report.css\">"
    return Layout.page(application.id, frame, extraHead: head) { html in
      html.element("p", [("class", "no-print")]) {
        html.element("a", [("href", base)], text: html.t("← 返回批次结果", "← Back to the batch results"))
      }
      html.element("h1") {
        Layout.severityBadge(application.highestSeverity?.rawValue, html)
        html.text(" \(application.id) · \(application.title ?? "")")
      }
      html.element("dl", [("class", "meta card")]) {
        meta(html, html.t("申报单位", "Organisation"), application.organisation)
        meta(html, html.t("项目负责人", "Lead"), application.lead)
        meta(html, html.t("负责人身份证号", "Lead's ID number"), application.leadIDMasked)
        meta(html, html.t("推荐单位", "Recommending unit"), application.recommendingUnit)
        meta(html, html.t("指南编号", "Guide code"), application.guideCode)
        meta(html, html.t("文字复制比", "Copy ratio"), WebFormat.percent(application.copyRatio))
        // The service stores uploads under scratch paths; the reviewer knows the file by its name.
        meta(html, html.t("文件", "File"), application.file.split(separator: "/").last.map(String.init))
      }
      html.element(
        "h2", text: html.t("发现（\(application.findings.count)）", "Findings (\(application.findings.count))"))
      if application.findings.isEmpty {
        html.element("p", [("class", "muted")], text: html.t("没有发现问题。", "No findings."))
      }
      html.element("ol", [("class", "findings")]) {
        for finding in application.findings {
          html.element("li", [("class", "card")]) {
            Layout.severityBadge(finding.severity.rawValue, html)
            html.text(" ")
            ResultsPage.ruleLabel(html, finding.rule, language)
            html.element("p", text: IdentityKey.maskingIDNumbers(in: finding.message))
            if let notice = finding.notice {
              html.element("blockquote", [("class", "notice")], text: html.t("通知原文：", "Notice: ") + notice)
            }
            if !finding.related.isEmpty {
              html.element("ul") {
                for related in finding.related {
                  html.element("li") {
                    html.element("b", text: related.id)
                    var facts = [
                      related.title, related.organisation, related.program, related.year.map(String.init),
                      related.status,
                    ]
                    .compactMap { $0 }
                    if let jaccard = related.jaccard { facts.append("Jaccard \(WebFormat.percent(jaccard))") }
                    if let passages = related.passages, !passages.isEmpty {
                      facts.append(html.t("\(passages.count) 段相同文字", "\(passages.count) passages"))
                    }
                    html.text(" · " + facts.joined(separator: " · "))
                  }
                }
              }
            }
          }
        }
      }
      html.element("h2", text: html.t("证据对照", "Evidence side by side"))
      if let evidence {
        html.element("div", [("class", "report-fragment")]) { html.trusted(evidence) }
        html.element("script", [("src", "/assets/report.js")]) {}
      } else {
        html.element("p", [("class", "muted")], text: html.t("没有可对照的文字。", "No passages to show."))
      }
    }
  }

  private static func meta(_ html: HTMLBuilder, _ label: String, _ value: String?) {
    guard let value, !value.isEmpty else { return }
    html.element("dt", text: label)
    html.element("dd", text: value)
  }

  /// The batch for the file: a header with the call and the date on every printed page (the
  /// table header repeats), every application with a finding and its findings, ID numbers masked,
  /// each application kept on one page where it fits.
  static func print(_ frame: PageFrame, batch: Batch, report: CheckReport, printedAt: Double) -> String {
    let language: ReportLanguage = frame.language == .zh ? .zh : .en
    let call =
      "\(report.call.year) \(report.call.program)" + (report.call.documentNumber.map { "（\($0)）" } ?? "")
    return Layout.page(frame.language == .zh ? "打印：查重结果" : "Print: check results", frame) { html in
      html.element("div", [("class", "actions")]) {
        html.element(
          "button", [("type", "button"), ("class", "primary"), ("id", "print-button")],
          text: html.t("打印 / 存为 PDF", "Print / save as PDF"))
        html.element(
          "a", [("class", "secondary"), ("href", "/batches/\(urlEncode(batch.id))")],
          text: html.t("返回", "Back"))
      }
      html.element("h1", text: html.t("科技项目申报查重结果", "Duplicate and integrity check results"))
      html.element(
        "p",
        text: "\(call) · \(batch.name ?? batch.id) · " + html.t("打印日期 ", "printed ")
          + BasicPages.timestamp(printedAt))
      ResultsPage.summary(html, report)
      html.element("table", [("class", "list print-table")]) {
        html.element("thead") {
          html.element("tr") {
            html.element(
              "th", [("colspan", "5")],
              text: "\(call) · " + html.t("查重结果", "check results") + " · " + BasicPages.timestamp(printedAt))
          }
          html.element("tr") {
            html.element("th", text: html.t("序号", "No."))
            html.element("th", text: html.t("申报编号 / 项目名称", "Application / title"))
            html.element("th", text: html.t("申报单位 / 负责人", "Organisation / lead"))
            html.element("th", class: "num", text: html.t("复制比", "Copy ratio"))
            html.element("th", text: html.t("发现", "Findings"))
          }
        }
        html.element("tbody") {
          for (index, application) in report.applications.enumerated() {
            html.element("tr") {
              html.element("td", text: String(index + 1))
              html.element("td") {
                html.element("b", text: application.id)
                html.element("div", text: application.title ?? "")
              }
              html.element("td") {
                html.element("div", text: application.organisation ?? "")
                html.element(
                  "div",
                  text: [application.lead, application.leadIDMasked].compactMap { $0 }.joined(separator: " "))
              }
              html.element("td", class: "num", text: WebFormat.percent(application.copyRatio))
              html.element("td") {
                if application.findings.isEmpty { html.text(html.t("无", "none")) }
                for finding in application.findings {
                  html.element("div") {
                    Layout.severityBadge(finding.severity.rawValue, html)
                    html.text(" ")
                    ResultsPage.ruleLabel(html, finding.rule, language)
                    html.text(IdentityKey.maskingIDNumbers(in: finding.message))
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

extension HTMLBuilder {
  /// `<name class="…">text</name>`.
  func element(_ name: StaticString, class className: String, text value: String) {
    element(name, [("class", className)], text: value)
  }
}

import ChachongModel
import ChachongServer
import Foundation
import Integrity
import Reports

/// The filters, order and page of a batch's results, from the query string.
struct ResultsQuery: Sendable, Equatable {
  enum Order: String, Sendable, CaseIterable {
    /// Most serious first, then the highest copy ratio (the report's ranking).
    case severity
    case ratio
    case id
    case findings
  }

  var severity: String?
  var rule: String?
  var text: String?
  var order: Order = .severity
  var page = 1
  static let pageSize = 50

  init(parameters: [String: String] = [:]) {
    severity = parameters["severity"].flatMap {
      ["error", "warning", "info", "clean"].contains($0) ? $0 : nil
    }
    rule = parameters["rule"].flatMap { RuleID(rawValue: $0)?.rawValue }
    text = parameters["q"].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
    order = parameters["sort"].flatMap(Order.init(rawValue:)) ?? .severity
    page = max(1, min(100_000, parameters["page"].flatMap { Int($0) } ?? 1))
  }

  /// The query string of these settings with `page` replaced.
  func queryString(page: Int) -> String {
    var parts: [String] = []
    if let severity { parts.append("severity=\(urlEncode(severity))") }
    if let rule { parts.append("rule=\(urlEncode(rule))") }
    if let text { parts.append("q=\(urlEncode(text))") }
    if order != .severity { parts.append("sort=\(order.rawValue)") }
    parts.append("page=\(page)")
    return "?" + parts.joined(separator: "&")
  }

  func matches(_ application: ApplicationReport) -> Bool {
    if let severity {
      guard (application.highestSeverity?.rawValue ?? "clean") == severity else { return false }
    }
    if let rule {
      guard application.findings.contains(where: { $0.rule.rawValue == rule }) else { return false }
    }
    if let text {
      let fields = [
        application.id, application.title ?? "", application.organisation ?? "", application.lead ?? "",
      ]
      guard fields.contains(where: { $0.localizedStandardContains(text) }) else { return false }
    }
    return true
  }

  func sorted(_ applications: [ApplicationReport]) -> [ApplicationReport] {
    switch order {
    case .severity:
      return applications.sorted {
        let left = ($0.highestSeverity?.rank ?? 0, $0.copyRatio)
        let right = ($1.highestSeverity?.rank ?? 0, $1.copyRatio)
        return left != right ? left > right : $0.id < $1.id
      }
    case .ratio:
      return applications.sorted {
        $0.copyRatio != $1.copyRatio ? $0.copyRatio > $1.copyRatio : $0.id < $1.id
      }
    case .id:
      return applications.sorted { $0.id < $1.id }
    case .findings:
      return applications.sorted {
        $0.findings.count != $1.findings.count ? $0.findings.count > $1.findings.count : $0.id < $1.id
      }
    }
  }
}

/// The ranked results of a finished batch: counts, filters, one page of applications with each
/// finding's rule id beside its Chinese name, links to each application's evidence, export and
/// print.
enum ResultsPage {
  static func render(_ frame: PageFrame, batch: Batch, report: CheckReport, query: ResultsQuery) -> String {
    let language: ReportLanguage = frame.language == .zh ? .zh : .en
    let filtered = query.sorted(report.applications.filter(query.matches))
    let pages = max(1, (filtered.count + ResultsQuery.pageSize - 1) / ResultsQuery.pageSize)
    let page = min(query.page, pages)
    let shown = filtered.dropFirst((page - 1) * ResultsQuery.pageSize).prefix(ResultsQuery.pageSize)
    let base = "/batches/\(urlEncode(batch.id))"
    return Layout.page(batch.name ?? batch.id, frame) { html in
      html.element("h1", text: batch.name ?? html.t("批次 \(batch.id)", "Batch \(batch.id)"))
      html.element(
        "p", [("class", "muted")],
        text: "\(report.call.year) \(report.call.program)"
          + (report.call.documentNumber.map { "（\($0)）" } ?? "")
          + " · " + BasicPages.timestamp(batch.updatedAt))
      summary(html, report)
      html.element("div", [("class", "actions")]) {
        html.element(
          "a", [("class", "button"), ("href", "\(base)/export.xlsx")],
          text: html.t("导出 Excel (.xlsx)", "Export to Excel (.xlsx)"))
        html.element(
          "a", [("class", "secondary"), ("href", "\(base)/print")], text: html.t("打印视图", "Print view"))
      }
      if !report.errors.isEmpty {
        html.element("div", [("class", "flash error"), ("role", "alert")]) {
          html.element("b", text: html.t("无法读取的文件：", "Files that could not be read: "))
          html.element("ul") {
            for error in report.errors.prefix(50) {
              html.element("li", text: "\(error.path): \(error.message)")
            }
          }
        }
      }
      filters(html, report: report, query: query, base: base)
      html.element(
        "p", [("class", "muted"), ("id", "result-count")],
        text: html.t(
          "共 \(filtered.count) 份申报书（全部 \(report.applications.count) 份），第 \(page) / \(pages) 页",
          "\(filtered.count) of \(report.applications.count) applications, page \(page) of \(pages)"))
      html.element("table", [("class", "list"), ("id", "results")]) {
        html.element("thead") {
          html.element("tr") {
            html.element("th", [("scope", "col")], text: html.t("严重程度", "Severity"))
            html.element("th", [("scope", "col")], text: html.t("申报编号", "Application"))
            html.element("th", [("scope", "col")], text: html.t("项目名称 / 申报单位", "Title / organisation"))
            html.element("th", [("scope", "col")], text: html.t("规则", "Rules"))
            html.element("th", [("scope", "col"), ("class", "num")], text: html.t("文字复制比", "Copy ratio"))
            html.element("th", [("scope", "col"), ("class", "num")], text: html.t("发现", "Findings"))
          }
        }
        html.element("tbody") {
          for application in shown {
            row(html, application, base: base, language: language)
          }
        }
      }
      pager(html, query: query, page: page, pages: pages, base: base)
    }
  }

  static func summary(_ html: HTMLBuilder, _ report: CheckReport) {
    html.element("div", [("class", "summary")]) {
      for (key, zh, en) in [
        ("error", "错误", "errors"), ("warning", "警告", "warnings"), ("info", "提示", "info"),
        ("clean", "无问题", "clean"),
      ] {
        html.element("div", [("class", "count")]) {
          html.element("b", text: String(report.summary.applicationsBySeverity[key] ?? 0))
          html.text(html.t("申报书·", "applications · ") + html.t(zh, en))
        }
      }
    }
  }

  static func ruleLabel(_ html: HTMLBuilder, _ rule: RuleID, _ language: ReportLanguage) {
    html.element("span", [("class", "rule")]) {
      html.element("code", text: rule.rawValue)
      html.text(" " + rule.displayName.text(in: language))
    }
  }

  private static func row(
    _ html: HTMLBuilder, _ application: ApplicationReport, base: String, language: ReportLanguage
  ) {
    html.element("tr", [("data-application", application.id)]) {
      html.element("td") { Layout.severityBadge(application.highestSeverity?.rawValue, html) }
      html.element("td", [("class", "id")]) {
        html.element(
          "a", [("href", "\(base)/applications/\(urlEncode(application.id))")], text: application.id)
      }
      html.element("td") {
        html.text(application.title ?? "—")
        html.element("div", [("class", "muted")], text: application.organisation ?? "")
      }
      html.element("td") {
        var seen = Set<RuleID>()
        for finding in application.findings where seen.insert(finding.rule).inserted {
          ruleLabel(html, finding.rule, language)
        }
        if application.findings.isEmpty { html.text("—") }
      }
      html.element("td", [("class", "num")], text: WebFormat.percent(application.copyRatio))
      html.element("td", [("class", "num")], text: String(application.findings.count))
    }
  }

  private static func filters(_ html: HTMLBuilder, report: CheckReport, query: ResultsQuery, base: String) {
    let language: ReportLanguage = html.language == .zh ? .zh : .en
    html.element("form", [("method", "get"), ("action", base), ("class", "filters"), ("role", "search")]) {
      if html.language == .en { html.void("input", [("type", "hidden"), ("name", "lang"), ("value", "en")]) }
      html.element("label", [("for", "f-severity")]) {
        html.text(html.t("严重程度", "Severity"))
        html.element("select", [("id", "f-severity"), ("name", "severity")]) {
          option(html, "", html.t("全部", "all"), query.severity == nil)
          for (key, zh, en) in [
            ("error", "错误", "error"), ("warning", "警告", "warning"), ("info", "提示", "info"),
            ("clean", "无问题", "clean"),
          ] {
            option(html, key, html.t(zh, en), query.severity == key)
          }
        }
      }
      html.element("label", [("for", "f-rule")]) {
        html.text(html.t("规则", "Rule"))
        html.element("select", [("id", "f-rule"), ("name", "rule")]) {
          option(html, "", html.t("全部", "all"), query.rule == nil)
          let rules = Set(report.applications.flatMap { $0.findings.map(\.rule) }).sorted()
          for rule in rules {
            option(
              html, rule.rawValue, "\(rule.rawValue) \(rule.displayName.text(in: language))",
              query.rule == rule.rawValue)
          }
        }
      }
      html.element("label", [("for", "f-q")]) {
        html.text(html.t("编号、名称、单位或负责人", "Id, title, organisation or lead"))
        html.void("input", [("type", "search"), ("id", "f-q"), ("name", "q"), ("value", query.text ?? "")])
      }
      html.element("label", [("for", "f-sort")]) {
        html.text(html.t("排序", "Sort by"))
        html.element("select", [("id", "f-sort"), ("name", "sort")]) {
          option(
            html, "severity", html.t("严重程度，再按复制比", "severity, then copy ratio"), query.order == .severity)
          option(html, "ratio", html.t("文字复制比", "copy ratio"), query.order == .ratio)
          option(html, "findings", html.t("发现数", "number of findings"), query.order == .findings)
          option(html, "id", html.t("申报编号", "application id"), query.order == .id)
        }
      }
      html.element("button", [("type", "submit"), ("class", "secondary")], text: html.t("筛选", "Apply"))
    }
  }

  private static func option(_ html: HTMLBuilder, _ value: String, _ label: String, _ selected: Bool) {
    html.element("option", [("value", value), ("selected", selected ? "" : nil)], text: label)
  }

  private static func pager(_ html: HTMLBuilder, query: ResultsQuery, page: Int, pages: Int, base: String) {
    guard pages > 1 else { return }
    let lang = html.language == .en ? "&lang=en" : ""
    html.element("nav", [("class", "pager"), ("aria-label", html.t("分页", "Pages"))]) {
      if page > 1 {
        html.element(
          "a", [("href", base + query.queryString(page: page - 1) + lang), ("rel", "prev")],
          text: html.t("上一页", "Previous"))
      }
      html.element("span", text: "\(page) / \(pages)")
      if page < pages {
        html.element(
          "a", [("href", base + query.queryString(page: page + 1) + lang), ("rel", "next")],
          text: html.t("下一页", "Next"))
      }
    }
  }
}

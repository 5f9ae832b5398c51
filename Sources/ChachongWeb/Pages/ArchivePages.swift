import ArchiveStore
import ChachongCore
import ChachongModel
import ChachongServer
import Foundation
import Matching

/// What the archive search asks: the store filters program, year and status; title,
/// organisation and lead are matched as substrings.
struct ArchiveQuery: Sendable, Equatable {
  var title: String?
  var organisation: String?
  var lead: String?
  var program: String?
  var year: Int?
  var status: String?
  var page = 1
  static let pageSize = 50

  init(parameters: [String: String] = [:]) {
    func value(_ key: String) -> String? {
      parameters[key].map { String($0.trimmingCharacters(in: .whitespaces).prefix(200)) }.flatMap {
        $0.isEmpty ? nil : $0
      }
    }
    title = value("title")
    organisation = value("organisation")
    lead = value("lead")
    program = value("program")
    year = value("year").flatMap { Int($0) }
    status = value("status")
    page = max(1, min(100_000, parameters["page"].flatMap { Int($0) } ?? 1))
  }

  var isEmpty: Bool {
    title == nil && organisation == nil && lead == nil && program == nil && year == nil && status == nil
  }

  func matches(_ record: DocumentRecord) -> Bool {
    func contains(_ field: String?, _ wanted: String?) -> Bool {
      guard let wanted else { return true }
      return field?.localizedStandardContains(wanted) ?? false
    }
    return contains(record.title, title) && contains(record.organisation, organisation)
      && contains(record.lead, lead)
  }

  func queryString(page: Int) -> String {
    var parts: [String] = []
    for (key, value) in [
      ("title", title), ("organisation", organisation), ("lead", lead), ("program", program),
      ("year", year.map(String.init)), ("status", status),
    ] {
      if let value { parts.append("\(key)=\(urlEncode(value))") }
    }
    parts.append("page=\(page)")
    return "?" + parts.joined(separator: "&")
  }
}

/// The auditors' pages: archive search, a document's metadata and text, query by upload, and
/// the comparison of two uploaded versions.
enum ArchivePages {
  /// `withoutPassageFingerprints`: the archive stores no winnowed passage fingerprints (created
  /// with window 0, or by an earlier chachong), so auditors are told what its checks cannot find.
  static func search(
    _ frame: PageFrame, query: ArchiveQuery, results: [DocumentRecord]?,
    withoutPassageFingerprints: Bool = false
  ) -> String {
    Layout.page(frame.language == .zh ? "档案检索" : "Archive", frame) { html in
      html.element("h1", text: html.t("档案检索", "Search the archive"))
      if withoutPassageFingerprints {
        html.element(
          "p", [("class", "notice"), ("id", "no-passage-fingerprints")],
          text: html.t(
            "本档案库未存储段落指纹：仅当大部分全文或整节相同时才能发现复制，复制的段落和经降重改写的申报书查不出。请管理员用 chachong reindex 重建档案库。",
            "This archive stores no passage fingerprints: a copy is found only when most of a document or a whole section matches, so copied paragraphs and applications rewritten by 降重 tools are missed. An administrator rebuilds it with chachong reindex."
          ))
      }
      html.element("div", [("class", "actions")]) {
        html.element(
          "a", [("class", "secondary"), ("href", "/archive/query")], text: html.t("上传文件查询", "Query by upload")
        )
        html.element(
          "a", [("class", "secondary"), ("href", "/archive/compare")],
          text: html.t("比较两个版本", "Compare two versions"))
      }
      html.element(
        "form", [("method", "get"), ("action", "/archive"), ("class", "filters"), ("role", "search")]
      ) {
        for (key, zh, en, value) in [
          ("title", "项目名称", "Title", query.title), ("organisation", "单位", "Organisation", query.organisation),
          ("lead", "负责人", "Lead", query.lead), ("program", "计划类别", "Program", query.program),
          ("year", "年度", "Year", query.year.map(String.init)), ("status", "状态", "Status", query.status),
        ] {
          html.element("label", [("for", "a-\(key)")]) {
            html.text(html.t(zh, en))
            html.void(
              "input",
              [
                ("type", key == "year" ? "number" : "text"), ("id", "a-\(key)"), ("name", key),
                ("value", value ?? ""),
              ])
          }
        }
        html.element("button", [("type", "submit"), ("class", "secondary")], text: html.t("检索", "Search"))
      }
      guard let results else { return }
      let pages = max(1, (results.count + ArchiveQuery.pageSize - 1) / ArchiveQuery.pageSize)
      let page = min(query.page, pages)
      html.element(
        "p", [("class", "muted")], text: html.t("找到 \(results.count) 份文档", "\(results.count) documents found")
      )
      html.element("table", [("class", "list")]) {
        html.element("thead") {
          html.element("tr") {
            for (zh, en) in [
              ("编号", "Id"), ("项目名称", "Title"), ("单位", "Organisation"), ("负责人", "Lead"), ("计划类别", "Program"),
              ("年度", "Year"), ("状态", "Status"),
            ] {
              html.element("th", [("scope", "col")], text: html.t(zh, en))
            }
          }
        }
        html.element("tbody") {
          for record in results.dropFirst((page - 1) * ArchiveQuery.pageSize).prefix(ArchiveQuery.pageSize) {
            html.element("tr") {
              html.element("td") {
                html.element("a", [("href", "/archive/documents/\(urlEncode(record.id))")], text: record.id)
              }
              html.element("td", text: record.title ?? "")
              html.element("td", text: record.organisation ?? "")
              html.element("td", text: record.lead ?? "")
              html.element("td", text: record.program ?? "")
              html.element("td", text: record.year.map(String.init) ?? "")
              html.element("td", text: record.status ?? "")
            }
          }
        }
      }
      if pages > 1 {
        html.element("nav", [("class", "pager")]) {
          if page > 1 {
            html.element(
              "a", [("href", "/archive" + query.queryString(page: page - 1))], text: html.t("上一页", "Previous")
            )
          }
          html.element("span", text: "\(page) / \(pages)")
          if page < pages {
            html.element(
              "a", [("href", "/archive" + query.queryString(page: page + 1))], text: html.t("下一页", "Next"))
          }
        }
      }
    }
  }

  static func document(_ frame: PageFrame, document: ArchivedDocument) -> String {
    Layout.page(document.id, frame) { html in
      html.element("p") { html.element("a", [("href", "/archive")], text: html.t("← 档案检索", "← Archive")) }
      let record = document.record
      html.element("h1", text: record.title ?? document.id)
      html.element("dl", [("class", "meta card")]) {
        let rows: [(String, String, String?)] = [
          ("编号", "Id", document.id), ("项目名称", "Title", record.title),
          ("单位", "Organisation", record.organisation),
          ("统一社会信用代码", "Credit code", record.creditCode), ("负责人", "Lead", record.lead),
          ("负责人身份证号", "Lead's ID number", record.leadIDMasked), ("计划类别", "Program", record.program),
          ("年度", "Year", record.year.map(String.init)), ("状态", "Status", record.status),
          ("字数", "Characters", String(record.characterCount)), ("来源文件", "Source file", record.sourcePath),
        ]
        for (zh, en, value) in rows {
          guard let value, !value.isEmpty else { continue }
          html.element("dt", text: html.t(zh, en))
          html.element("dd", text: IdentityKey.maskingIDNumbers(in: value))
        }
        for key in record.extra.keys.sorted() where !RecordField.isPersonalIDHeader(key) {
          guard let value = record.extra[key], !value.isEmpty else { continue }
          html.element("dt", text: key)
          html.element("dd", text: IdentityKey.maskingIDNumbers(in: value))
        }
      }
      if !record.sections.isEmpty {
        html.element(
          "p", [("class", "muted")],
          text: html.t("章节：", "Sections: ")
            + record.sections.map(\.title).filter { !$0.isEmpty }.joined(separator: " · "))
      }
      html.element("h2", text: html.t("正文", "Text"))
      html.element("pre", [("class", "text")], text: IdentityKey.maskingIDNumbers(in: document.text))
    }
  }

  static func queryForm(_ frame: PageFrame, report: QueryReport?) -> String {
    Layout.page(frame.language == .zh ? "上传文件查询" : "Query by upload", frame) { html in
      html.element("h1", text: html.t("上传文件查询相似文档", "Query the archive with a document"))
      html.element(
        "form",
        [
          ("method", "post"), ("action", "/archive/query"), ("enctype", "multipart/form-data"),
          ("class", "stack card"),
        ]
      ) {
        if let token = frame.csrfToken { Layout.csrfField(html, token) }
        html.element(
          "label", [("for", "document")], text: html.t("文档（Word、文本或 PDF）", "Document (Word, text or PDF)"))
        html.void("input", [("type", "file"), ("id", "document"), ("name", "document"), ("required", "")])
        html.element("p") {
          html.element("button", [("type", "submit"), ("class", "primary")], text: html.t("查询", "Query"))
        }
      }
      guard let report else { return }
      for error in report.errors {
        html.element("p", [("class", "flash error")], text: "\(error)")
      }
      for result in report.results {
        html.element(
          "h2",
          text: "\(result.id) · " + html.t("文字复制比 ", "copy ratio ") + WebFormat.percent(result.copyRatio))
        if result.matches.isEmpty {
          html.element("p", [("class", "muted")], text: html.t("没有相似文档。", "No similar documents."))
          continue
        }
        html.element("table", [("class", "list")]) {
          html.element("thead") {
            html.element("tr") {
              for (zh, en) in [("相似文档", "Document"), ("项目名称", "Title"), ("计划 / 年度", "Program / year")] {
                html.element("th", text: html.t(zh, en))
              }
              for (zh, en) in [
                ("Jaccard", "Jaccard"), ("包含度", "Containment"), ("复制比", "Copy ratio"), ("相同段落", "Passages"),
              ] {
                html.element("th", class: "num", text: html.t(zh, en))
              }
            }
          }
          html.element("tbody") {
            for match in result.matches {
              html.element("tr") {
                html.element("td") {
                  html.element("a", [("href", "/archive/documents/\(urlEncode(match.id))")], text: match.id)
                }
                html.element("td", text: match.title ?? "")
                html.element(
                  "td",
                  text: [match.program, match.year.map(String.init)].compactMap { $0 }.joined(separator: " "))
                html.element("td", class: "num", text: WebFormat.percent(match.jaccard))
                html.element("td", class: "num", text: WebFormat.percent(match.queryContainment))
                html.element("td", class: "num", text: WebFormat.percent(match.copyRatio))
                html.element("td", class: "num", text: String(match.passages.count))
              }
            }
          }
        }
      }
    }
  }

  /// The compare form and, after a comparison, the similarity figures of the two texts and the
  /// version differences the core found (fields, then inserted, deleted and changed text).
  static func compareForm(_ frame: PageFrame, report: CompareReport?, versions: VersionCompareReport? = nil)
    -> String
  {
    Layout.page(frame.language == .zh ? "比较两个版本" : "Compare two versions", frame) { html in
      html.element("h1", text: html.t("比较两个版本（纸质与网上）", "Compare two versions (paper and online)"))
      html.element(
        "form",
        [
          ("method", "post"), ("action", "/archive/compare"), ("enctype", "multipart/form-data"),
          ("class", "stack card"),
        ]
      ) {
        if let token = frame.csrfToken { Layout.csrfField(html, token) }
        html.element("label", [("for", "first")], text: html.t("网上填报版本", "Online version"))
        html.void("input", [("type", "file"), ("id", "first"), ("name", "first"), ("required", "")])
        html.element("label", [("for", "second")], text: html.t("纸质版本", "Paper version"))
        html.void("input", [("type", "file"), ("id", "second"), ("name", "second"), ("required", "")])
        html.element("p") {
          html.element("button", [("type", "submit"), ("class", "primary")], text: html.t("比较", "Compare"))
        }
      }
      guard let report else { return }
      html.element("div", [("class", "card"), ("id", "compare-result")]) {
        html.element("dl", [("class", "meta")]) {
          for (label, value) in [
            (
              html.t("网上版本", "Online"),
              "\(report.a.path) · \(report.a.characters) " + html.t("字", "characters")
            ),
            (
              html.t("纸质版本", "Paper"),
              "\(report.b.path) · \(report.b.characters) " + html.t("字", "characters")
            ),
            ("Jaccard", WebFormat.percent(report.jaccard)),
            (html.t("网上版在纸质版中的包含度", "Online in paper"), WebFormat.percent(report.queryContainment)),
            (html.t("纸质版在网上版中的包含度", "Paper in online"), WebFormat.percent(report.matchContainment)),
            (html.t("相同段落", "Shared passages"), String(report.passages.count)),
          ] {
            html.element("dt", text: label)
            html.element("dd", text: value)
          }
        }
        let identical =
          versions?.identical
          ?? (report.jaccard >= 0.9999 && report.queryContainment >= 0.9999
            && report.matchContainment >= 0.9999)
        html.element(
          "p", [("class", identical ? "flash ok" : "flash error")],
          text: identical
            ? html.t("两个版本的文字和表单字段一致。", "The two versions have the same text and form fields.")
            : html.t(
              "两个版本不一致（纸质材料和网上填报的内容须完全一致）。",
              "The two versions differ (paper and online must be identical)."))
      }
      if let versions { differences(html, versions) }
    }
  }

  /// At most this many differences are listed (two unrelated documents differ everywhere).
  static let shownDifferences = 300

  /// The version differences as a table: kind, section or field, positions in both texts, the
  /// online text struck through and the paper text underlined.
  static func differences(_ html: HTMLBuilder, _ versions: VersionCompareReport) {
    html.element("section", [("class", "card"), ("id", "version-differences")]) {
      html.element("h2", text: html.t("版本差异", "Differences between the versions"))
      let noise = versions.ocrNoise?.count ?? 0
      var counts = "\(versions.differences.count) " + html.t("处不一致", "difference(s)")
      if noise > 0 {
        counts += html.t(
          "；另有 \(noise) 处细微差异判为识别误差（OCR），未计入",
          "; \(noise) small difference(s) taken for OCR errors, not counted")
      }
      html.element("p", [("class", "muted")], text: counts)
      guard !versions.differences.isEmpty else { return }
      if versions.differences.count > shownDifferences {
        html.element(
          "p", [("class", "muted")],
          text: html.t(
            "仅列出前 \(shownDifferences) 处。", "Only the first \(shownDifferences) are listed."))
      }
      html.element("table", [("class", "list diffs")]) {
        html.element("thead") {
          html.element("tr") {
            html.element("th", [("class", "num")], text: "#")
            html.element("th", [("class", "kind")], text: html.t("类型", "Kind"))
            html.element("th", [("class", "place")], text: html.t("章节或字段", "Section or field"))
            html.element("th", text: html.t("网上版本", "Online version"))
            html.element("th", text: html.t("纸质版本", "Paper version"))
          }
        }
        html.element("tbody") {
          for (index, difference) in versions.differences.prefix(shownDifferences).enumerated() {
            html.element("tr", [("data-kind", difference.kind.rawValue)]) {
              html.element("td", [("class", "num")], text: String(index + 1))
              html.element("td", [("class", "kind")], text: kindName(difference.kind, html))
              let place =
                difference.field
                ?? [difference.sectionA, difference.sectionB].compactMap { $0 }.first { !$0.isEmpty } ?? ""
              html.element("td", text: place)
              side(
                html, tag: "del", text: difference.field == nil ? difference.textA : difference.valueA,
                start: difference.aStart, end: difference.aEnd)
              side(
                html, tag: "ins", text: difference.field == nil ? difference.textB : difference.valueB,
                start: difference.bStart, end: difference.bEnd)
            }
          }
        }
      }
    }
  }

  /// One version's side of a difference: its offsets and its text (marked as removed or added).
  static func side(_ html: HTMLBuilder, tag: StaticString, text: String?, start: Int?, end: Int?) {
    html.element("td", [("class", "diff-text")]) {
      if let start, let end {
        html.element("span", [("class", "offsets")], text: "\(start)–\(end)")
      }
      guard let text, !text.isEmpty else {
        html.element("span", [("class", "muted")], text: "—")
        return
      }
      html.element(tag, text: excerpt(text))
    }
  }

  /// A long changed passage is cut (the offsets locate it in the whole text).
  static func excerpt(_ text: String, limit: Int = 400) -> String {
    text.count <= limit ? text : String(text.prefix(limit)) + "…（\(text.count)）"
  }

  static func kindName(_ kind: VersionDifference.Kind, _ html: HTMLBuilder) -> String {
    switch kind {
    case .fieldChanged: html.t("字段不同", "field changed")
    case .fieldOnlyInA: html.t("仅网上版有此字段", "field only online")
    case .fieldOnlyInB: html.t("仅纸质版有此字段", "field only on paper")
    case .inserted: html.t("纸质版增加", "added on paper")
    case .deleted: html.t("纸质版删除", "removed on paper")
    case .changed: html.t("改动", "changed")
    }
  }
}

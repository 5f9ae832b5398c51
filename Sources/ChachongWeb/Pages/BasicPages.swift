import ChachongServer
import Foundation

/// Login, home, the new-batch form, the progress view and error pages.
enum BasicPages {
  static func login(_ frame: PageFrame, loginToken: String, username: String = "", message: String? = nil)
    -> String
  {
    var frame = frame
    if let message { frame.flash = .init(ok: false, message: message) }
    return Layout.page(frame.language == .zh ? "登录" : "Log in", frame) { html in
      html.element("div", [("class", "card login")]) {
        html.element("h1", text: html.t("登录", "Log in"))
        html.element("form", [("method", "post"), ("action", "/login"), ("class", "stack")]) {
          Layout.csrfField(html, loginToken)
          html.element("label", [("for", "username")], text: html.t("用户名", "User name"))
          html.void(
            "input",
            [
              ("type", "text"), ("id", "username"), ("name", "username"), ("value", username),
              ("autocomplete", "username"), ("required", ""), ("autofocus", ""),
            ])
          html.element("label", [("for", "password")], text: html.t("密码", "Password"))
          html.void(
            "input",
            [
              ("type", "password"), ("id", "password"), ("name", "password"),
              ("autocomplete", "current-password"),
              ("required", ""),
            ])
          html.element("p") {
            html.element("button", [("type", "submit"), ("class", "primary")], text: html.t("登录", "Log in"))
          }
        }
      }
    }
  }

  static func home(_ frame: PageFrame, batches: [Batch]?) -> String {
    Layout.page(frame.language == .zh ? "首页" : "Home", frame) { html in
      html.element("h1", text: html.t("首页", "Home"))
      guard let role = frame.role else { return }
      if WebPermissions.canReview(role) {
        html.element("div", [("class", "actions")]) {
          html.element(
            "a", [("class", "button"), ("href", "/batches/new")], text: html.t("新建批次查重", "New batch check"))
        }
        html.element("h2", text: html.t("最近的批次", "Recent batches"))
        batchTable(html, batches ?? [])
      }
      if WebPermissions.canAudit(role) {
        html.element("h2", text: html.t("稽核", "Audit"))
        html.element("ul") {
          html.element("li") {
            html.element("a", [("href", "/archive")], text: html.t("档案检索", "Search the archive"))
          }
          html.element("li") {
            html.element("a", [("href", "/archive/query")], text: html.t("上传文件查询相似文档", "Query by upload"))
          }
          html.element("li") {
            html.element(
              "a", [("href", "/archive/compare")], text: html.t("比较两个版本（纸质/网上）", "Compare two versions"))
          }
        }
      }
      if WebPermissions.canAdminister(role) {
        html.element("h2", text: html.t("管理", "Administration"))
        html.element("p") {
          html.element(
            "a", [("href", "/admin")], text: html.t("用户、API 密钥和审计日志", "Users, API keys and the audit log"))
        }
      }
    }
  }

  static func batchTable(_ html: HTMLBuilder, _ batches: [Batch]) {
    guard !batches.isEmpty else {
      html.element("p", [("class", "muted")], text: html.t("还没有批次。", "No batches yet."))
      return
    }
    html.element("table", [("class", "list")]) {
      html.element("thead") {
        html.element("tr") {
          html.element("th", [("scope", "col")], text: html.t("批次", "Batch"))
          html.element("th", [("scope", "col")], text: html.t("状态", "State"))
          html.element("th", [("scope", "col"), ("class", "num")], text: html.t("申报书", "Applications"))
          html.element("th", [("scope", "col")], text: html.t("创建时间", "Created"))
        }
      }
      html.element("tbody") {
        for batch in batches {
          html.element("tr") {
            html.element("td") {
              html.element("a", [("href", "/batches/\(urlEncode(batch.id))")], text: batch.name ?? batch.id)
            }
            html.element("td") { stateLabel(html, batch.state) }
            html.element("td", [("class", "num")], text: String(batch.applications.count))
            html.element("td", text: timestamp(batch.createdAt))
          }
        }
      }
    }
  }

  static func stateLabel(_ html: HTMLBuilder, _ state: BatchState) {
    let name: String =
      switch state {
      case .created: html.t("待上传", "created")
      case .queued: html.t("排队中", "queued")
      case .running: html.t("运行中", "running")
      case .complete: html.t("已完成", "complete")
      case .error: html.t("出错", "error")
      case .cancelled: html.t("已取消", "cancelled")
      }
    html.element("span", [("class", "state state-\(state.rawValue.lowercased())")], text: name)
  }

  /// `yyyy-MM-dd HH:mm` in UTC+8 (the bureau's time), locale-free.
  static func timestamp(_ seconds: Double) -> String {
    let local = Int(seconds) + 8 * 3600
    let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
    let secondsOfDay = local - days * 86400
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthPrime = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
    let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    return "\(year)-\(two(month))-\(two(day)) \(two(secondsOfDay / 3600)):\(two(secondsOfDay % 3600 / 60))"
  }

  static func newBatch(_ frame: PageFrame, maxUploadBytes: Int) -> String {
    Layout.page(frame.language == .zh ? "新建批次查重" : "New batch check", frame) { html in
      html.element("h1", text: html.t("新建批次查重", "New batch check"))
      html.element(
        "form",
        [
          ("method", "post"), ("action", "/batches"), ("enctype", "multipart/form-data"),
          ("class", "stack card"),
        ]
      ) {
        if let token = frame.csrfToken { Layout.csrfField(html, token) }
        html.element("label", [("for", "name")]) {
          html.text(html.t("批次名称", "Batch name"))
          html.element("span", [("class", "hint")], text: html.t("可选，例如“2023 前瞻性技术创新专项”", "optional"))
        }
        html.void("input", [("type", "text"), ("id", "name"), ("name", "name"), ("maxlength", "200")])
        fileInput(
          html, name: "applications", zh: "申报书", en: "Applications",
          hintZH: "可多选 Word/文本文件，或一个 .zip 压缩包", hintEN: "several Word/text files, or one .zip",
          multiple: true,
          required: true)
        fileInput(
          html, name: "manifest", zh: "汇总表（附件2，CSV 或 xlsx）", en: "Summary table (附件2, CSV or xlsx)",
          hintZH: "网上申报编号、项目名称、申报单位……", hintEN: "application ids, titles, organisations …")
        fileInput(
          html, name: "registry", zh: "在研及已立项项目库（CSV）", en: "Registry of running and funded projects (CSV)",
          hintZH: "可选", hintEN: "optional")
        fileInput(
          html, name: "template", zh: "空白申报书模板", en: "Blank application template", hintZH: "可选，模板文字不计入复制比",
          hintEN: "optional; template text does not count as copied")
        fileInput(
          html, name: "call", zh: "申报通知配置（JSON）", en: "Call configuration (JSON)",
          hintZH: "可选，默认 2023 南通前瞻性技术创新专项", hintEN: "optional; default: the 2023 Nantong call")
        html.element(
          "p", [("class", "muted")],
          text: html.t(
            "单个文件最大 \(maxUploadBytes >> 20) MB。", "At most \(maxUploadBytes >> 20) MB per file."))
        html.element("p") {
          html.element(
            "button", [("type", "submit"), ("class", "primary")], text: html.t("上传并开始查重", "Upload and check"))
        }
      }
    }
  }

  private static func fileInput(
    _ html: HTMLBuilder, name: String, zh: String, en: String, hintZH: String, hintEN: String,
    multiple: Bool = false, required: Bool = false
  ) {
    html.element("label", [("for", name)]) {
      html.text(html.t(zh, en))
      html.element("span", [("class", "hint")], text: html.t(hintZH, hintEN))
    }
    html.void(
      "input",
      [
        ("type", "file"), ("id", name), ("name", name), ("multiple", multiple ? "" : nil),
        ("required", required ? "" : nil),
      ])
  }

  static func stageName(_ stage: String?, _ language: WebLanguage) -> String {
    let zh = language == .zh
    switch stage {
    case "reading": return zh ? "读取文件" : "reading"
    case "storing": return zh ? "入库" : "storing"
    case "searching": return zh ? "相似检索" : "searching"
    case "rules": return zh ? "规则检查" : "rules"
    case "evidence": return zh ? "证据比对" : "evidence"
    case "done": return zh ? "完成" : "done"
    case nil: return zh ? "等待开始" : "waiting"
    case let other?: return other
    }
  }

  static func progressText(_ batch: Batch, _ language: WebLanguage) -> String {
    guard let progress = batch.progress else {
      return language == .zh ? "\(batch.applications.count) 份申报书" : "\(batch.applications.count) applications"
    }
    if let total = progress.total { return "\(progress.done) / \(total)" }
    return String(progress.done)
  }

  /// The batch while it is queued or running: live progress (polled JSON) and a cancel button.
  static func progress(_ frame: PageFrame, batch: Batch) -> String {
    Layout.page(batch.name ?? batch.id, frame) { html in
      html.element("h1", text: batch.name ?? batch.id)
      html.element("div", [("class", "card")]) {
        html.element("p") {
          html.text(html.t("状态：", "State: "))
          stateLabel(html, batch.state)
        }
        if let message = batch.message, batch.state == .error || batch.state == .cancelled {
          html.element("p", [("class", "flash error")], text: message)
        }
        let running = batch.state == .queued || batch.state == .running
        html.element(
          "div",
          [("id", running ? "progress" : nil), ("data-url", "/batches/\(urlEncode(batch.id))/progress.json")]
        ) {
          html.element("p", [("aria-live", "polite")]) {
            html.element(
              "span", [("id", "progress-stage")], text: stageName(batch.progress?.stage, html.language))
            html.text(" · ")
            html.element("span", [("id", "progress-text")], text: progressText(batch, html.language))
          }
          let total = batch.progress?.total ?? 0
          html.element(
            "progress",
            [
              ("id", "progress-bar"), ("aria-label", html.t("进度", "Progress")),
              ("max", String(max(1, total))), ("value", total > 0 ? String(batch.progress?.done ?? 0) : nil),
            ]
          ) {}
        }
        if running, let token = frame.csrfToken {
          html.element(
            "form",
            [
              ("method", "post"), ("action", "/batches/\(urlEncode(batch.id))/cancel"),
              ("data-confirm", html.t("确定取消这个批次吗？", "Cancel this batch?")),
            ]
          ) {
            Layout.csrfField(html, token)
            html.element("button", [("type", "submit"), ("class", "danger")], text: html.t("取消查重", "Cancel"))
          }
        }
        html.element("h2", text: html.t("已上传的文件", "Uploaded files"))
        html.element("ul") {
          for file in batch.applications.prefix(200) {
            html.element("li", text: "\(file.name)（\(file.size) B）")
          }
          if batch.applications.count > 200 {
            html.element("li", text: "… \(batch.applications.count - 200)")
          }
          for (label, file) in [
            ("汇总表 / manifest", batch.manifest), ("项目库 / registry", batch.registry),
            ("通知配置 / call", batch.call),
          ] {
            if let file { html.element("li", text: "\(label)：\(file.name)") }
          }
          for template in batch.templates { html.element("li", text: "模板 / template：\(template.name)") }
        }
      }
    }
  }

  static func error(_ frame: PageFrame, status: Int, message: String) -> String {
    Layout.page(String(status), frame) { html in
      html.element("h1", text: "\(status)")
      html.element("p", [("class", "flash error"), ("role", "alert")], text: message)
      html.element("p") { html.element("a", [("href", "/")], text: html.t("返回首页", "Back to the home page")) }
    }
  }
}

/// What every page's frame needs: who is logged in, their form token, the language and where
/// the page is (for the language switch and the current navigation item).
struct PageFrame: Sendable {
  var language: WebLanguage
  var user: String?
  var role: WebRole?
  var csrfToken: String?
  /// The path and query of this page (the language switch links to it with `lang=`).
  var path: String
  var flash: Flash?

  struct Flash: Sendable {
    var ok: Bool
    var message: String
  }
}

/// The page frame: head with our own stylesheet, a top bar with navigation by role, the
/// language switch and logout, then the page's main content.
enum Layout {
  static func page(_ title: String, _ frame: PageFrame, extraHead: String = "", _ body: (HTMLBuilder) -> Void)
    -> String
  {
    let html = HTMLBuilder(language: frame.language)
    html.trusted("<!DOCTYPE html>\n")
    html.element("html", [("lang", frame.language.tag)]) {
      html.element("head") {
        html.void("meta", [("charset", "utf-8")])
        html.void("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        html.element("title", text: title + " · " + html.t("查重", "chachong"))
        html.void("link", [("rel", "stylesheet"), ("href", "/assets/web.css")])
        html.trusted(extraHead)
      }
      html.element("body") {
        html.element("a", [("class", "skip"), ("href", "#main")], text: html.t("跳到正文", "Skip to content"))
        topBar(html, frame)
        html.element("main", [("id", "main")]) {
          if let flash = frame.flash {
            html.element(
              "div",
              [("class", flash.ok ? "flash ok" : "flash error"), ("role", flash.ok ? "status" : "alert")],
              text: flash.message)
          }
          body(html)
        }
        html.element("script", [("src", "/assets/web.js")]) {}
      }
    }
    return html.output
  }

  private static func topBar(_ html: HTMLBuilder, _ frame: PageFrame) {
    html.element("header", [("class", "top")]) {
      html.element("div", [("class", "bar")]) {
        html.element("a", [("class", "brand"), ("href", "/")], text: html.t("查重 · 科技项目申报查重", "chachong"))
        if let role = frame.role {
          html.element("nav", [("aria-label", html.t("主导航", "Main"))]) {
            for (path, zh, en, allowed) in navigation where allowed(role) {
              let current = frame.path == path || (path != "/" && frame.path.hasPrefix(path))
              html.element(
                "a", [("href", path), ("aria-current", current ? "page" : nil)], text: html.t(zh, en))
            }
          }
        } else {
          html.element("nav") {}
        }
        html.element("div", [("class", "who")]) {
          let other: WebLanguage = frame.language == .zh ? .en : .zh
          html.element("span", [("class", "lang")]) {
            html.element(
              "a", [("href", withLanguage(frame.path, other)), ("lang", other.tag)],
              text: other == .en ? "English" : "中文")
          }
          if let user = frame.user, let role = frame.role, let token = frame.csrfToken {
            html.element("span", text: "\(user)（\(roleName(role, html))）")
            html.element("form", [("method", "post"), ("action", "/logout")]) {
              csrfField(html, token)
              html.element("button", [("type", "submit")], text: html.t("退出", "Log out"))
            }
          }
        }
      }
    }
  }

  /// Navigation items with the role test that shows them (the routes check again).
  static let navigation: [(String, String, String, @Sendable (WebRole) -> Bool)] = [
    ("/", "首页", "Home", { _ in true }),
    ("/batches/new", "新建批次查重", "New batch check", { WebPermissions.canReview($0) }),
    ("/archive", "档案检索", "Archive", { WebPermissions.canAudit($0) }),
    ("/admin", "管理", "Admin", { WebPermissions.canAdminister($0) }),
  ]

  static func roleName(_ role: WebRole, _ html: HTMLBuilder) -> String {
    switch role {
    case .reviewer: html.t("审核员", "reviewer")
    case .auditor: html.t("稽核员", "auditor")
    case .admin: html.t("管理员", "admin")
    }
  }

  static func csrfField(_ html: HTMLBuilder, _ token: String) {
    html.void("input", [("type", "hidden"), ("name", "csrf"), ("value", token)])
  }

  /// `path` with `lang=` set (replacing any).
  static func withLanguage(_ path: String, _ language: WebLanguage) -> String {
    let parts = path.split(separator: "?", maxSplits: 1)
    let base = parts.first.map(String.init) ?? "/"
    var query = parts.count > 1 ? parts[1].split(separator: "&").map(String.init) : []
    query.removeAll { $0.hasPrefix("lang=") }
    query.append("lang=\(language.rawValue)")
    return base + "?" + query.joined(separator: "&")
  }

  static func severityBadge(_ severity: String?, _ html: HTMLBuilder) {
    let key = severity ?? "clean"
    let name: String =
      switch key {
      case "error": html.t("错误", "error")
      case "warning": html.t("警告", "warning")
      case "info": html.t("提示", "info")
      default: html.t("无问题", "clean")
      }
    let known = ["error", "warning", "info", "clean"].contains(key) ? key : "info"
    html.element("span", [("class", "badge \(known)")], text: name)
  }
}

/// Which role may do what; the routes check these on the server for every page and action.
/// An admin may do everything (like the API's `admin` scope).
enum WebPermissions {
  static func canReview(_ role: WebRole) -> Bool { role == .reviewer || role == .admin }
  static func canAudit(_ role: WebRole) -> Bool { role == .auditor || role == .admin }
  static func canAdminister(_ role: WebRole) -> Bool { role == .admin }
}

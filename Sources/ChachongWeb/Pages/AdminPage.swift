import ArchiveStore
import ChachongServer

/// The admins' page: users (create, disable, enable), API keys (create, revoke; a new key's
/// secret is shown once), and the audit log, newest first, paged by sequence.
enum AdminPage {
  static func render(
    _ frame: PageFrame, users: [WebUser], keys: [APIKeyInfo], audit: [AuditEntry], newSecret: String?
  ) -> String {
    Layout.page(frame.language == .zh ? "管理" : "Admin", frame) { html in
      let token = frame.csrfToken ?? ""
      html.element("h1", text: html.t("管理", "Administration"))
      if let newSecret {
        html.element("div", [("class", "flash ok"), ("role", "status")]) {
          html.text(html.t("新密钥（只显示这一次，请立即保存）：", "New key (shown only once, store it now): "))
          html.element("code", [("id", "new-secret")], text: newSecret)
        }
      }
      html.element("h2", [("id", "users")], text: html.t("用户", "Users"))
      html.element("table", [("class", "list")]) {
        html.element("thead") {
          html.element("tr") {
            for (zh, en) in [
              ("用户名", "Name"), ("角色", "Role"), ("状态", "State"), ("最近登录", "Last login"), ("操作", "Action"),
            ] {
              html.element("th", [("scope", "col")], text: html.t(zh, en))
            }
          }
        }
        html.element("tbody") {
          for user in users {
            html.element("tr") {
              html.element("td", text: user.name)
              html.element("td", text: Layout.roleName(user.role, html))
              html.element("td", text: user.disabled ? html.t("已停用", "disabled") : html.t("正常", "active"))
              html.element("td", text: user.lastLogin.map(BasicPages.timestamp) ?? "—")
              html.element("td") {
                html.element(
                  "form",
                  [
                    ("method", "post"),
                    (
                      "action", "/admin/users/\(urlEncode(user.name))/\(user.disabled ? "enable" : "disable")"
                    ),
                  ]
                ) {
                  Layout.csrfField(html, token)
                  html.element(
                    "button", [("type", "submit"), ("class", user.disabled ? "secondary" : "danger")],
                    text: user.disabled ? html.t("启用", "Enable") : html.t("停用", "Disable"))
                }
              }
            }
          }
        }
      }
      html.element("form", [("method", "post"), ("action", "/admin/users"), ("class", "filters card")]) {
        Layout.csrfField(html, token)
        html.element("label", [("for", "new-name")]) {
          html.text(html.t("新用户名", "New user name"))
          html.void(
            "input",
            [
              ("type", "text"), ("id", "new-name"), ("name", "name"), ("required", ""),
              ("autocomplete", "off"),
            ])
        }
        html.element("label", [("for", "new-role")]) {
          html.text(html.t("角色", "Role"))
          html.element("select", [("id", "new-role"), ("name", "role")]) {
            for role in WebRole.allCases {
              html.element("option", [("value", role.rawValue)], text: Layout.roleName(role, html))
            }
          }
        }
        html.element("label", [("for", "new-password")]) {
          html.text(
            html.t(
              "初始密码（至少 \(Accounts.minimumPasswordLength) 位）",
              "Initial password (≥ \(Accounts.minimumPasswordLength) characters)"))
          html.void(
            "input",
            [
              ("type", "password"), ("id", "new-password"), ("name", "password"), ("required", ""),
              ("autocomplete", "new-password"),
            ])
        }
        html.element(
          "button", [("type", "submit"), ("class", "primary")], text: html.t("创建用户", "Create user"))
      }

      html.element("h2", [("id", "keys")], text: html.t("API 密钥", "API keys"))
      html.element("table", [("class", "list")]) {
        html.element("thead") {
          html.element("tr") {
            for (zh, en) in [
              ("编号", "Id"), ("名称", "Name"), ("权限", "Scopes"), ("创建", "Created"), ("状态", "State"),
              ("操作", "Action"),
            ] {
              html.element("th", [("scope", "col")], text: html.t(zh, en))
            }
          }
        }
        html.element("tbody") {
          for key in keys {
            html.element("tr") {
              html.element("td") { html.element("code", text: key.id) }
              html.element("td", text: key.name)
              html.element("td", text: key.scopes.map(\.rawValue).joined(separator: ", "))
              html.element("td", text: BasicPages.timestamp(key.createdAt))
              html.element(
                "td",
                text: key.revokedAt.map { html.t("已吊销 ", "revoked ") + BasicPages.timestamp($0) }
                  ?? html.t("有效", "active"))
              html.element("td") {
                if key.revokedAt == nil {
                  html.element(
                    "form",
                    [
                      ("method", "post"), ("action", "/admin/keys/\(urlEncode(key.id))/revoke"),
                      ("data-confirm", html.t("确定吊销这个密钥吗？", "Revoke this key?")),
                    ]
                  ) {
                    Layout.csrfField(html, token)
                    html.element(
                      "button", [("type", "submit"), ("class", "danger")], text: html.t("吊销", "Revoke"))
                  }
                }
              }
            }
          }
        }
      }
      html.element("form", [("method", "post"), ("action", "/admin/keys"), ("class", "filters card")]) {
        Layout.csrfField(html, token)
        html.element("label", [("for", "key-name")]) {
          html.text(html.t("密钥名称", "Key name"))
          html.void("input", [("type", "text"), ("id", "key-name"), ("name", "name"), ("required", "")])
        }
        html.element("fieldset") {
          html.element("legend", text: html.t("权限", "Scopes"))
          for scope in Scope.allCases {
            html.element("label") {
              html.void("input", [("type", "checkbox"), ("name", "scope"), ("value", scope.rawValue)])
              html.text(" " + scope.rawValue)
            }
          }
        }
        html.element(
          "button", [("type", "submit"), ("class", "primary")], text: html.t("创建密钥", "Create key"))
      }

      html.element("h2", [("id", "audit")], text: html.t("审计日志", "Audit log"))
      html.element("table", [("class", "list"), ("id", "audit-log")]) {
        html.element("thead") {
          html.element("tr") {
            for (zh, en) in [
              ("序号", "#"), ("时间", "Time"), ("操作者", "Actor"), ("操作", "Action"), ("对象", "Target"),
              ("来源地址", "From"), ("详情", "Detail"),
            ] {
              html.element("th", [("scope", "col")], text: html.t(zh, en))
            }
          }
        }
        html.element("tbody") {
          for entry in audit {
            html.element("tr") {
              html.element("td", class: "num", text: String(entry.sequence))
              html.element("td", text: BasicPages.timestamp(entry.time))
              html.element("td", text: entry.actor)
              html.element("td", text: entry.action)
              html.element("td", text: entry.target)
              html.element("td", text: entry.clientAddress ?? "")
              html.element("td", text: entry.detail ?? "")
            }
          }
        }
      }
      if let last = audit.last, audit.count >= AdminPage.auditPageSize {
        html.element("p") {
          html.element(
            "a", [("href", "/admin?before=\(last.sequence)#audit")], text: html.t("更早的记录", "Older entries"))
        }
      }
    }
  }

  static let auditPageSize = 100
}

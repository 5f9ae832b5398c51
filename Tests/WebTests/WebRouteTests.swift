import ArchiveStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ChachongServer
@testable import ChachongWeb

/// The web interface's routes in-process (HummingbirdTesting's router framework): sessions,
/// roles, CSRF, escaping. Users are made with bcrypt cost 10 (the lowest the CLI allows).
@Suite("Web routes")
struct WebRouteTests {
  static let password = "correct horse battery"

  /// A service over memory stores with the web interface mounted, and users of every role.
  static func makeApplication(
    options: WebOptions = WebOptions(failedLoginDelay: .milliseconds(5), bcryptCost: 10),
    archive: MemoryArchive = MemoryArchive()
  ) async throws -> (some ApplicationProtocol, ChachongService) {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "web-tests-\(UUID().uuidString)"
    ).path
    let service = ChachongService(
      configuration: ServerConfiguration(), archive: archive, jobs: MemoryJobQueue(),
      state: MemoryServiceState(), scratchDirectory: scratch)
    let accounts = Accounts(store: service.state, cost: 10)
    for role in WebRole.allCases {
      _ = try await accounts.create(name: role.rawValue + "1", role: role, password: password)
    }
    let web = WebInterface(options: options)
    let router = ServerApplication.router(service: service, extensions: [web])
    return (Application(router: router), service)
  }

  /// `name=value` pairs of the response's Set-Cookie headers, and the raw headers.
  static func cookies(_ response: TestResponse) -> (values: [String: String], raw: [String]) {
    let raw = response.headers[values: .setCookie]
    var values: [String: String] = [:]
    for header in raw {
      let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
      values[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
    }
    return (values, raw)
  }

  /// The value of the first `<input name="csrf" value="…">` of a page.
  static func csrfToken(_ html: String) -> String? {
    guard let field = html.firstRange(of: "name=\"csrf\" value=\"") else { return nil }
    let rest = html[field.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  /// Logs `user` in; returns the session cookie header value and the session's CSRF token.
  static func logIn(_ client: some TestClientProtocol, user: String, password: String = password) async throws
    -> (cookie: String, csrf: String)
  {
    let page = try await client.execute(uri: "/login", method: .get)
    let loginCookie = try #require(cookies(page).values["chachong_login"])
    let token = try #require(csrfToken(String(buffer: page.body)))
    let body = "username=\(user)&password=\(password.replacingOccurrences(of: " ", with: "+"))&csrf=\(token)"
    let answer = try await client.execute(
      uri: "/login", method: .post,
      headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "chachong_login=\(loginCookie)"],
      body: ByteBuffer(string: body))
    #expect(answer.status == .seeOther)
    let session = try #require(cookies(answer).values["chachong_session"])
    let cookie = "chachong_session=\(session)"
    let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
    let csrf = try #require(csrfToken(String(buffer: home.body)))
    return (cookie, csrf)
  }

  @Test("Pages without a session redirect to /login")
  func redirectsWithoutSession() async throws {
    let (app, _) = try await Self.makeApplication()
    try await app.test(.router) { client in
      for path in ["/", "/batches/new", "/batches/abc", "/archive", "/admin", "/batches/abc/export.xlsx"] {
        let response = try await client.execute(uri: path, method: .get)
        #expect(response.status == .seeOther, "\(path)")
        #expect(response.headers[.location]?.hasPrefix("/login") == true, "\(path)")
      }
      let login = try await client.execute(uri: "/login", method: .get)
      #expect(login.status == .ok)
      let html = String(buffer: login.body)
      #expect(html.contains("name=\"username\"") && html.contains("name=\"password\""))
      #expect(html.contains("<label for=\"username\""))
    }
  }

  @Test("Login sets an HttpOnly SameSite=Strict session cookie; logout ends the session")
  func loginAndLogout() async throws {
    let (app, service) = try await Self.makeApplication()
    try await app.test(.router) { client in
      let (cookie, csrf) = try await Self.logIn(client, user: "reviewer1")
      let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
      #expect(home.status == .ok)
      #expect(String(buffer: home.body).contains("reviewer1"))
      // The store keeps the token's hash, never the token.
      let token = String(cookie.dropFirst("chachong_session=".count))
      let sessions = try await service.state.records(
        collection: "sessions", owner: "reviewer1", after: nil, limit: 10)
      #expect(sessions.count == 1)
      #expect(sessions.first?.id != token && sessions.first?.id.count == 64)
      #expect(!sessions.contains { String(decoding: $0.body, as: UTF8.self).contains(token) })

      let out = try await client.execute(
        uri: "/logout", method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
        body: ByteBuffer(string: "csrf=\(csrf)"))
      #expect(out.status == .seeOther)
      let after = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
      #expect(after.status == .seeOther)
      #expect(after.headers[.location]?.hasPrefix("/login") == true)
    }
    // Cookie attributes, on a fresh login.
    try await app.test(.router) { client in
      let page = try await client.execute(uri: "/login", method: .get)
      let loginCookie = try #require(Self.cookies(page).values["chachong_login"])
      let token = try #require(Self.csrfToken(String(buffer: page.body)))
      let answer = try await client.execute(
        uri: "/login", method: .post,
        headers: [
          .contentType: "application/x-www-form-urlencoded", .cookie: "chachong_login=\(loginCookie)",
        ],
        body: ByteBuffer(string: "username=admin1&password=correct+horse+battery&csrf=\(token)"))
      let header = try #require(Self.cookies(answer).raw.first { $0.hasPrefix("chachong_session=") })
      #expect(header.contains("HttpOnly"))
      #expect(header.contains("SameSite=Strict"))
      #expect(!header.contains("Secure"))
      // Behind a TLS proxy the cookie is Secure.
      let secure = try await client.execute(
        uri: "/login", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
      #expect(Self.cookies(secure).raw.contains { $0.hasPrefix("chachong_login=") && $0.contains("Secure") })
    }
  }

  @Test("Wrong passwords are refused, and repeated failures lock the account")
  func lockout() async throws {
    let (app, _) = try await Self.makeApplication()
    try await app.test(.router) { client in
      func attempt(_ password: String) async throws -> TestResponse {
        let page = try await client.execute(uri: "/login", method: .get)
        let loginCookie = try #require(Self.cookies(page).values["chachong_login"])
        let token = try #require(Self.csrfToken(String(buffer: page.body)))
        return try await client.execute(
          uri: "/login", method: .post,
          headers: [
            .contentType: "application/x-www-form-urlencoded", .cookie: "chachong_login=\(loginCookie)",
          ],
          body: ByteBuffer(string: "username=auditor1&password=\(password)&csrf=\(token)"))
      }
      for _ in 0..<(Accounts.lockoutThreshold - 1) {
        let refused = try await attempt("wrong-password")
        #expect(refused.status == .unauthorized)
        #expect(Self.cookies(refused).values["chachong_session"] == nil)
      }
      let locked = try await attempt("wrong-password")
      #expect(locked.status == .unauthorized)
      #expect(String(buffer: locked.body).contains("锁定"))
      // Locked: even the right password is refused now.
      let right = try await attempt("correct+horse+battery")
      #expect(right.status == .unauthorized)
      #expect(Self.cookies(right).values["chachong_session"] == nil)
    }
  }

  @Test("A login or form POST without its CSRF token is refused with 403")
  func csrf() async throws {
    let (app, _) = try await Self.makeApplication()
    try await app.test(.router) { client in
      let noToken = try await client.execute(
        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "username=reviewer1&password=correct+horse+battery"))
      #expect(noToken.status == .forbidden)

      let (cookie, csrf) = try await Self.logIn(client, user: "admin1")
      for body in ["", "csrf=", "csrf=" + String(repeating: "0", count: 64), "csrf=\(csrf.dropLast())"] {
        let response = try await client.execute(
          uri: "/admin/users", method: .post,
          headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
          body: ByteBuffer(string: body + "&name=mallory&role=admin&password=long+enough+password"))
        #expect(response.status == .forbidden, "\(body)")
      }
      let out = try await client.execute(
        uri: "/logout", method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
        body: ByteBuffer(string: ""))
      #expect(out.status == .forbidden)
      // With the token the same form works.
      let created = try await client.execute(
        uri: "/admin/users", method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
        body: ByteBuffer(string: "csrf=\(csrf)&name=newuser&role=reviewer&password=long+enough+password"))
      #expect(created.status == .seeOther)
      let admin = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: cookie])
      #expect(String(buffer: admin.body).contains("newuser"))
    }
  }

  @Test("Every role reaches its own pages and no other")
  func roles() async throws {
    let (app, _) = try await Self.makeApplication()
    try await app.test(.router) { client in
      let expectations: [(String, [String: HTTPResponse.Status])] = [
        (
          "reviewer1",
          ["/batches/new": .ok, "/archive": .forbidden, "/admin": .forbidden, "/archive/query": .forbidden]
        ),
        (
          "auditor1",
          ["/batches/new": .forbidden, "/archive": .ok, "/admin": .forbidden, "/archive/compare": .ok]
        ),
        ("admin1", ["/batches/new": .ok, "/archive": .ok, "/admin": .ok]),
      ]
      for (user, pages) in expectations {
        let (cookie, _) = try await Self.logIn(client, user: user)
        for (path, status) in pages {
          let response = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
          #expect(response.status == status, "\(user) \(path)")
          if path == "/admin" && status == .forbidden {
            #expect(!String(buffer: response.body).contains("id=\"audit-log\""))
          }
        }
      }
    }
  }

  @Test("The archive page tells auditors when the archive stores no passage fingerprints")
  func archiveWithoutPassageFingerprints() async throws {
    var parameters = IndexParameters.standard
    parameters.granularity.window = 0
    for (archive, shown) in [(MemoryArchive(parameters: parameters), true), (MemoryArchive(), false)] {
      let (app, _) = try await Self.makeApplication(archive: archive)
      try await app.test(.router) { client in
        let (cookie, _) = try await Self.logIn(client, user: "auditor1")
        let response = try await client.execute(uri: "/archive", method: .get, headers: [.cookie: cookie])
        #expect(response.status == .ok)
        let body = String(buffer: response.body)
        #expect(
          body.contains("id=\"no-passage-fingerprints\"") == shown,
          "window \(archive.parameters.granularity.window)")
        if shown { #expect(body.contains("chachong reindex")) }
      }
    }
  }

  @Test("A batch name containing <script> is shown escaped; ../ in an upload name stays in the batch")
  func escapingAndUploadNames() async throws {
    let (app, service) = try await Self.makeApplication()
    try await app.test(.router) { client in
      let (cookie, csrf) = try await Self.logIn(client, user: "reviewer1")
      let boundary = "XBOUNDARYX"
      let body =
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n"
        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n<script>alert(1)</script>批次\r\n"
        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"applications\"; filename=\"../../escape.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\n基于路径穿越的测试研发\n一、项目概述\n文件名带有上级目录。\n\r\n"
        + "--\(boundary)--\r\n"
      let created = try await client.execute(
        uri: "/batches", method: .post,
        headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: cookie],
        body: ByteBuffer(string: body))
      #expect(created.status == .seeOther)
      let location = try #require(created.headers[.location])
      let id = String(location.dropFirst("/batches/".count))
      let batch = try await service.batch(id: id, caller: .system)
      #expect(batch.applications.map(\.name) == ["escape.txt"])
      #expect(!FileManager.default.fileExists(atPath: service.scratchDirectory + "/../escape.txt"))

      let home = String(
        buffer: try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).body)
      #expect(home.contains("&lt;script&gt;alert(1)&lt;/script&gt;批次"))
      #expect(!home.contains("<script>alert(1)"))

      // The same upload without the token is refused.
      let refused = try await client.execute(
        uri: "/batches", method: .post,
        headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: cookie],
        body: ByteBuffer(string: body.replacingOccurrences(of: csrf, with: "bad")))
      #expect(refused.status == .forbidden)
    }
  }

  @Test("The language switch: Chinese by default, ?lang=en sets a cookie")
  func language() async throws {
    let (app, _) = try await Self.makeApplication()
    try await app.test(.router) { client in
      let chinese = try await client.execute(uri: "/login", method: .get)
      #expect(String(buffer: chinese.body).contains("登录"))
      let english = try await client.execute(uri: "/login?lang=en", method: .get)
      #expect(String(buffer: english.body).contains("Log in"))
      #expect(Self.cookies(english).values["chachong_lang"] == "en")
      let remembered = try await client.execute(
        uri: "/login", method: .get, headers: [.cookie: "chachong_lang=en"])
      #expect(String(buffer: remembered.body).contains("Log in"))
    }
  }

  @Test("Assets are served by chachong itself; pages name no external resource")
  func assets() async throws {
    let (app, _) = try await Self.makeApplication()
    try await app.test(.router) { client in
      for path in ["/assets/web.css", "/assets/web.js", "/assets/report.css", "/assets/report.js"] {
        let response = try await client.execute(uri: path, method: .get)
        #expect(response.status == .ok, "\(path)")
      }
      let login = String(buffer: try await client.execute(uri: "/login", method: .get).body)
      #expect(!login.contains("http://") && !login.contains("https://"))
    }
  }
}

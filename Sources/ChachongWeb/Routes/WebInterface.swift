import ArchiveStore
import ChachongCore
import ChachongModel
import ChachongServer
import DocumentText
import Foundation
import HTTPTypes
import Hummingbird
import Integrity
import Reports

/// Settings of the web interface.
package struct WebOptions: Sendable {
  /// Mark cookies `Secure` (the server or its proxy speaks TLS). Also set per request when a
  /// proxy says `X-Forwarded-Proto: https`.
  package var secureCookies: Bool
  /// The largest multipart body of a batch upload (all files together).
  package var maxBatchUploadBytes: Int
  /// Delay before answering a failed login.
  package var failedLoginDelay: Duration
  /// bcrypt cost of passwords set through the admin page.
  package var bcryptCost: UInt8
  /// Failed logins one client address may make in a window (whatever the user names) before
  /// it is answered 429 with `Retry-After`.
  package var addressLoginLimits: AddressLoginLimits
  /// Seconds since 1970: the lockout's, the sessions' and the address throttle's clock (tests
  /// inject their own; nothing in the web interface reads the wall clock otherwise).
  package var clock: @Sendable () -> Double

  package init(
    secureCookies: Bool = false, maxBatchUploadBytes: Int = 1 << 30, failedLoginDelay: Duration = .seconds(1),
    bcryptCost: UInt8 = 12, addressLoginLimits: AddressLoginLimits = AddressLoginLimits(),
    clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.secureCookies = secureCookies
    self.maxBatchUploadBytes = maxBatchUploadBytes
    self.failedLoginDelay = failedLoginDelay
    self.bcryptCost = bcryptCost
    self.addressLoginLimits = addressLoginLimits
    self.clock = clock
  }

  /// From the environment: `CHACHONG_WEB_SECURE_COOKIES=1`, `CHACHONG_WEB_MAX_BATCH_UPLOAD_BYTES`,
  /// `CHACHONG_WEB_LOGIN_FAILURES_PER_ADDRESS` (failed logins per address in 10 minutes).
  package static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> WebOptions
  {
    var options = WebOptions()
    if let value = environment["CHACHONG_WEB_SECURE_COOKIES"] {
      options.secureCookies = value == "1" || value == "true"
    }
    if let value = environment["CHACHONG_WEB_MAX_BATCH_UPLOAD_BYTES"].flatMap({ Int($0) }), value > 0 {
      options.maxBatchUploadBytes = value
    }
    if let value = environment["CHACHONG_WEB_LOGIN_FAILURES_PER_ADDRESS"].flatMap({ Int($0) }), value > 0 {
      options.addressLoginLimits.failures = value
    }
    return options
  }
}

/// The web interface for reviewers, auditors and admins, mounted on `chachong serve`'s router
/// (``ServerExtension``): server-rendered pages, sessions in the service state store, CSRF
/// tokens on every form, roles checked on every page and action.
package struct WebInterface: ServerExtension {
  let options: WebOptions

  package init(options: WebOptions = WebOptions()) {
    self.options = options
  }

  package func register(on router: Router<ChachongRequestContext>, service: ChachongService) {
    let routes = WebRoutes(service: service, options: options)
    routes.register(on: router)
  }
}

/// A response that ends a handler early (a redirect to the login page, 403, 404).
struct EarlyResponse: Error {
  var response: Response
}

/// The signed-in user of a request.
struct SignedIn: Sendable {
  var user: WebUser
  var session: WebSession
  var token: String
  var caller: Caller
  var frame: PageFrame
}

struct WebRoutes: Sendable {
  let service: ChachongService
  let options: WebOptions
  let accounts: Accounts
  let sessions: Sessions
  let throttle: LoginThrottle
  static let sessionCookie = "chachong_session"
  static let loginCookie = "chachong_login"
  static let languageCookie = "chachong_lang"
  // Header names that are constants (valid tokens), so the initialiser never fails on them.
  static let referrerPolicy = HTTPField.Name("Referrer-Policy") ?? .cacheControl
  static let frameOptions = HTTPField.Name("X-Frame-Options") ?? .cacheControl
  static let forwardedProto = HTTPField.Name("X-Forwarded-Proto") ?? .via
  static let retryAfter = HTTPField.Name("Retry-After") ?? .cacheControl

  init(service: ChachongService, options: WebOptions) {
    self.service = service
    self.options = options
    self.accounts = Accounts(store: service.state, cost: options.bcryptCost, clock: options.clock)
    self.sessions = Sessions(store: service.state, clock: options.clock)
    self.throttle = LoginThrottle(limits: options.addressLoginLimits, clock: options.clock)
  }

  func register(on router: Router<ChachongRequestContext>) {
    router.get("/assets/web.css") { _, _ in Self.asset(WebAssets.css, type: "text/css; charset=utf-8") }
    router.get("/assets/web.js") { _, _ in
      Self.asset(WebAssets.javascript, type: "text/javascript; charset=utf-8")
    }
    router.get("/assets/report.css") { _, _ in
      Self.asset(WebAssets.reportCSS, type: "text/css; charset=utf-8")
    }
    router.get("/assets/report.js") { _, _ in
      Self.asset(WebAssets.reportScript, type: "text/javascript; charset=utf-8")
    }

    get(router, "/login", loginPage)
    post(router, "/login", login)
    post(router, "/logout", logout)
    get(router, "/", home)
    get(router, "/batches/new", newBatch)
    post(router, "/batches", createBatch)
    get(router, "/batches/:id", batchPage)
    get(router, "/batches/:id/progress.json", progress)
    post(router, "/batches/:id/cancel", cancel)
    get(router, "/batches/:id/applications/:application", applicationPage)
    get(router, "/batches/:id/export.xlsx", export)
    get(router, "/batches/:id/print", printView)
    get(router, "/archive", archive)
    get(router, "/archive/documents/:id", archivedDocument)
    get(router, "/archive/query", queryPage)
    post(router, "/archive/query", query)
    get(router, "/archive/compare", comparePage)
    post(router, "/archive/compare", compare)
    get(router, "/admin", { try await admin($0, $1) })
    post(router, "/admin/users", createUser)
    post(router, "/admin/users/:name/disable", { try await setDisabled($0, $1, true) })
    post(router, "/admin/users/:name/enable", { try await setDisabled($0, $1, false) })
    post(router, "/admin/keys", createKey)
    post(router, "/admin/keys/:id/revoke", revokeKey)
  }

  /// A handler of a page or action; its errors are answered by ``guarded(_:_:)``.
  typealias Handler = @Sendable (Request, ChachongRequestContext) async throws -> Response

  func get(_ router: Router<ChachongRequestContext>, _ path: RouterPath, _ handler: @escaping Handler) {
    router.get(path) { request, context in await guarded(request) { try await handler(request, context) } }
  }

  func post(_ router: Router<ChachongRequestContext>, _ path: RouterPath, _ handler: @escaping Handler) {
    router.post(path) { request, context in await guarded(request) { try await handler(request, context) } }
  }

  // MARK: Plumbing

  /// Runs a handler; early responses are answered as they are, facade errors become an error
  /// page with their status, anything else a 500 page (never a stack trace).
  func guarded(_ request: Request, _ body: () async throws -> Response) async -> Response {
    do {
      return try await body()
    } catch let early as EarlyResponse {
      return early.response
    } catch let error as APIError {
      let language = language(request)
      return errorPage(
        request, status: Int(error.status.code), message: error.message(english: language == .en))
    } catch let error as UploadError {
      return errorPage(request, status: error.status, message: error.message)
    } catch {
      return errorPage(request, status: 500, message: "\(error)")
    }
  }

  func errorPage(_ request: Request, status: Int, message: String) -> Response {
    let frame = PageFrame(
      language: language(request), user: nil, role: nil, csrfToken: nil, path: request.uri.path)
    return Self.html(BasicPages.error(frame, status: status, message: message), status: .init(code: status))
  }

  static func asset(_ text: String, type: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = type
    headers[.cacheControl] = "public, max-age=3600"
    headers[.xContentTypeOptions] = "nosniff"
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func html(_ text: String, status: HTTPResponse.Status = .ok, cookies: [Cookie] = []) -> Response {
    var headers = securityHeaders()
    headers[.contentType] = "text/html; charset=utf-8"
    var response = Response(
      status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    for cookie in cookies { response.setCookie(cookie) }
    return response
  }

  static func securityHeaders() -> HTTPFields {
    var headers = HTTPFields()
    headers[.contentSecurityPolicy] =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
      + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    headers[.xContentTypeOptions] = "nosniff"
    headers[.cacheControl] = "no-store"
    headers[WebRoutes.referrerPolicy] = "same-origin"
    headers[WebRoutes.frameOptions] = "DENY"
    return headers
  }

  static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
    var headers = securityHeaders()
    headers[.location] = location
    var response = Response(status: .seeOther, headers: headers)
    for cookie in cookies { response.setCookie(cookie) }
    return response
  }

  /// The page language: `?lang=` wins, then the cookie, then Chinese.
  func language(_ request: Request) -> WebLanguage {
    if let query = request.uri.query, let value = FormFields(encoded: query)["lang"],
      let language = WebLanguage(rawValue: value)
    {
      return language
    }
    if let value = request.cookies[Self.languageCookie]?.value, let language = WebLanguage(rawValue: value) {
      return language
    }
    return .zh
  }

  /// A cookie to remember `?lang=` when it is given.
  func languageCookies(_ request: Request) -> [Cookie] {
    guard let query = request.uri.query, let value = FormFields(encoded: query)["lang"],
      WebLanguage(rawValue: value) != nil
    else { return [] }
    return [cookie(Self.languageCookie, value, request, maxAge: 365 * 86400, httpOnly: false)]
  }

  func secure(_ request: Request) -> Bool {
    options.secureCookies || request.headers[WebRoutes.forwardedProto]?.lowercased() == "https"
  }

  func cookie(_ name: String, _ value: String, _ request: Request, maxAge: Int?, httpOnly: Bool = true)
    -> Cookie
  {
    Cookie(
      name: name, value: value, maxAge: maxAge, path: "/", secure: secure(request), httpOnly: httpOnly,
      sameSite: .strict)
  }

  func pathWithQuery(_ request: Request) -> String {
    request.uri.query.map { request.uri.path + "?" + $0 } ?? request.uri.path
  }

  func queryFields(_ request: Request) -> FormFields { FormFields(encoded: request.uri.query ?? "") }

  /// The signed-in user with one of `allowed` roles. No session: a redirect to `/login` (for a
  /// GET, remembering where to come back); a role that may not: 403.
  func signedIn(_ request: Request, _ context: ChachongRequestContext, _ allowed: (WebRole) -> Bool)
    async throws
    -> SignedIn
  {
    let language = language(request)
    guard let token = request.cookies[Self.sessionCookie]?.value,
      let session = try await sessions.find(token: token),
      let user = try await accounts.user(session.user), !user.disabled
    else {
      let back = request.method == .get ? "?next=" + urlEncode(pathWithQuery(request)) : ""
      throw EarlyResponse(response: Self.redirect("/login" + back))
    }
    let frame = PageFrame(
      language: language, user: user.name, role: user.role, csrfToken: session.csrfToken,
      path: pathWithQuery(request))
    guard allowed(user.role) else {
      throw EarlyResponse(
        response: Self.html(
          BasicPages.error(
            frame, status: 403,
            message: language == .zh ? "您的角色无权访问此页面。" : "Your role may not open this page."),
          status: .forbidden))
    }
    let scopes: Set<Scope> =
      switch user.role {
      case .reviewer: [.review]
      case .auditor: [.audit]
      case .admin: [.admin]
      }
    let caller = Caller(id: "user:\(user.name)", scopes: scopes, clientAddress: context.clientAddress)
    return SignedIn(user: user, session: session, token: token, caller: caller, frame: frame)
  }

  /// The signed-in user (see ``signedIn(_:_:_:)``) and the form they posted, its CSRF token checked.
  func signedInForm(_ request: Request, _ context: ChachongRequestContext, _ allowed: (WebRole) -> Bool)
    async throws -> (SignedIn, FormFields)
  {
    let signedIn = try await signedIn(request, context, allowed)
    let fields = try await formBody(request)
    try requireCSRF(fields, signedIn)
    return (signedIn, fields)
  }

  /// The signed-in user and the parts of their multipart upload, the CSRF token of its fields
  /// checked. The caller removes the parts' scratch files (``removeScratch(_:)``).
  func signedInUpload(_ request: Request, _ context: ChachongRequestContext, _ allowed: (WebRole) -> Bool)
    async throws -> (SignedIn, [MultipartPart])
  {
    let signedIn = try await signedIn(request, context, allowed)
    let parts = try await multipart(request)
    do {
      try requireCSRF(
        FormFields(pairs: parts.filter { $0.fileName == nil }.map { ($0.name, $0.value) }), signedIn)
    } catch {
      Self.removeScratch(parts)
      throw error
    }
    return (signedIn, parts)
  }

  /// A page for a signed-in user, remembering a `?lang=` switch.
  func page(_ request: Request, _ html: String) -> Response {
    Self.html(html, cookies: languageCookies(request))
  }

  /// Refuses (403) a POST whose `csrf` field is not the session's token.
  func requireCSRF(_ fields: FormFields, _ signedIn: SignedIn) throws {
    guard let sent = fields["csrf"], constantTimeEquals(sent, signedIn.session.csrfToken) else {
      throw EarlyResponse(response: csrfRefusal(signedIn.frame))
    }
  }

  func csrfRefusal(_ frame: PageFrame) -> Response {
    Self.html(
      BasicPages.error(
        frame, status: 403,
        message: frame.language == .zh
          ? "表单已过期或来源不明（缺少有效的表单令牌），请返回重新提交。"
          : "The form has expired or did not come from this site (no valid form token)."),
      status: .forbidden)
  }

  /// A URL-encoded form body (at most 64 KB).
  func formBody(_ request: Request) async throws -> FormFields {
    var request = request
    let buffer: ByteBuffer
    do {
      buffer = try await request.collectBody(upTo: 64 << 10)
    } catch {
      throw UploadError(status: 413, message: "the form is too large")
    }
    return FormFields(encoded: String(buffer: buffer))
  }

  /// The web's own audit entries (logins, logouts, user changes, exports), written straight to
  /// the service state: a failed login has no caller the facade would accept.
  func audit(_ action: String, target: String, caller: Caller, detail: String? = nil) async {
    let entry = AuditEntry(
      time: options.clock(), actor: caller.id, action: action,
      target: IdentityKey.maskingIDNumbers(in: target), clientAddress: caller.clientAddress,
      detail: detail.map(IdentityKey.maskingIDNumbers(in:)))
    _ = try? await service.state.appendAudit(entry)
  }

  // MARK: Login

  func loginPage(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let token = Sessions.randomToken()
    let frame = PageFrame(language: language(request), path: pathWithQuery(request))
    return Self.html(
      BasicPages.login(frame, loginToken: token),
      cookies: [cookie(Self.loginCookie, token, request, maxAge: 3600)] + languageCookies(request))
  }

  func login(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let fields = try await formBody(request)
    let language = language(request)
    let frame = PageFrame(language: language, path: "/login")
    guard let sent = fields["csrf"], let expected = request.cookies[Self.loginCookie]?.value,
      constantTimeEquals(sent, expected)
    else { return csrfRefusal(frame) }
    let name = fields["username"] ?? ""
    let password = fields["password"] ?? ""
    let address = context.clientAddress
    let system = Caller(
      id: "user:\(Accounts.validName(name) ? name : "?")", scopes: [], clientAddress: address)
    // An address with too many recent failures is stopped before any password is checked.
    if let seconds = await throttle.retryAfter(address) {
      await audit("login.throttled", target: Accounts.validName(name) ? name : "?", caller: system)
      return throttledLogin(frame, username: name, retryAfter: seconds, request)
    }
    let outcome = try await accounts.verify(name: name, password: password)
    switch outcome {
    case .success(let user):
      let (token, _) = try await sessions.start(user: user.name)
      await audit("login", target: user.name, caller: system)
      let next =
        queryFields(request)["next"].flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/"
      return Self.redirect(
        next,
        cookies: [
          cookie(Self.sessionCookie, token, request, maxAge: Int(Sessions.lifetime)),
          cookie(Self.loginCookie, "", request, maxAge: 0),
        ])
    case .refused, .locked:
      await throttle.recordFailure(address)
      await audit("login.failed", target: Accounts.validName(name) ? name : "?", caller: system)
      // A fixed delay after every failure slows guessing; the lockout stops it.
      try? await Task.sleep(for: options.failedLoginDelay)
      let message: String
      if case .locked = outcome {
        message =
          language == .zh
          ? "登录失败次数过多，账户已暂时锁定，请 \(Int(Accounts.lockoutSeconds / 60)) 分钟后再试。"
          : "Too many failed logins: the account is locked for \(Int(Accounts.lockoutSeconds / 60)) minutes."
      } else {
        message = language == .zh ? "用户名或密码不正确。" : "Wrong user name or password."
      }
      let token = Sessions.randomToken()
      return Self.html(
        BasicPages.login(frame, loginToken: token, username: name, message: message), status: .unauthorized,
        cookies: [cookie(Self.loginCookie, token, request, maxAge: 3600)])
    }
  }

  /// 429 for an address that failed too often: the login form again, with when to retry.
  func throttledLogin(_ frame: PageFrame, username: String, retryAfter seconds: Int, _ request: Request)
    -> Response
  {
    let minutes = max(1, (seconds + 59) / 60)
    let message =
      frame.language == .zh
      ? "此地址登录失败次数过多，请 \(minutes) 分钟后再试。"
      : "Too many failed logins from this address: try again in \(minutes) minute(s)."
    let token = Sessions.randomToken()
    var response = Self.html(
      BasicPages.login(frame, loginToken: token, username: username, message: message),
      status: .tooManyRequests,
      cookies: [cookie(Self.loginCookie, token, request, maxAge: 3600)])
    response.headers[Self.retryAfter] = String(seconds)
    return response
  }

  func logout(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let (signedIn, _) = try await signedInForm(request, context) { _ in true }
    try await sessions.end(token: signedIn.token)
    await audit("logout", target: signedIn.user.name, caller: signedIn.caller)
    return Self.redirect("/login", cookies: [cookie(Self.sessionCookie, "", request, maxAge: 0)])
  }

  // MARK: Home and batches

  func home(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context) { _ in true }
    var batches: [Batch]?
    if WebPermissions.canReview(signedIn.user.role) {
      batches = try await service.batches(caller: signedIn.caller, limit: 20)
    }
    return page(request, BasicPages.home(signedIn.frame, batches: batches))
  }

  func newBatch(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context, WebPermissions.canReview)
    return page(
      request, BasicPages.newBatch(signedIn.frame, maxUploadBytes: service.configuration.maxUploadBytes))
  }

  func createBatch(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let (signedIn, parts) = try await signedInUpload(request, context, WebPermissions.canReview)
    defer { Self.removeScratch(parts) }
    let applications = parts.filter { $0.name == "applications" && $0.path != nil }
    guard !applications.isEmpty else {
      throw UploadError(
        status: 422,
        message: signedIn.frame.language == .zh ? "请选择至少一份申报书。" : "Choose at least one application file.")
    }
    let name = parts.first { $0.name == "name" && $0.fileName == nil }?.value.trimmingCharacters(
      in: .whitespacesAndNewlines)
    let (batch, _) = try await service.createBatch(
      BatchCreation(name: name.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }), caller: signedIn.caller
    )
    for part in applications {
      guard let path = part.path else { continue }
      _ = try await service.addBatchFile(
        batchID: batch.id, name: SafeFileName.make(part.fileName ?? ""), fromFile: path,
        caller: signedIn.caller)
    }
    for role in BatchInputRole.allCases {
      for part in parts where part.name == role.rawValue {
        guard let path = part.path else { continue }
        if role == .manifest {
          // Kept for the export's 附件2 columns (the report carries only some of them).
          try await service.keepManifestForExport(batchID: batch.id, fromFile: path)
        }
        _ = try await service.setBatchInput(
          batchID: batch.id, role: role, name: SafeFileName.make(part.fileName ?? ""), fromFile: path,
          caller: signedIn.caller)
      }
    }
    _ = try await service.runBatch(id: batch.id, caller: signedIn.caller)
    return Self.redirect("/batches/\(urlEncode(batch.id))")
  }

  /// Streams a multipart body to a scratch file (bounded), then parses it into parts.
  func multipart(_ request: Request) async throws -> [MultipartPart] {
    guard let contentType = request.headers[.contentType],
      let boundary = MultipartParser.boundary(contentType: contentType)
    else { throw UploadError(status: 415, message: "expected multipart/form-data") }
    let scratch = service.scratchDirectory
    try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    let bodyPath = scratch + "/web-body-" + UUID().uuidString
    guard FileManager.default.createFile(atPath: bodyPath, contents: nil),
      let handle = FileHandle(forWritingAtPath: bodyPath)
    else { throw UploadError(status: 500, message: "cannot store the upload") }
    defer { try? FileManager.default.removeItem(atPath: bodyPath) }
    var written = 0
    do {
      for try await buffer in request.body {
        written += buffer.readableBytes
        guard written <= options.maxBatchUploadBytes else {
          try? handle.close()
          throw UploadError(
            status: 413, message: "the upload is larger than \(options.maxBatchUploadBytes >> 20) MB")
        }
        let bytes = Data(buffer.readableBytesView)
        try await BlockingPool.shared.run { try handle.write(contentsOf: bytes) }
      }
      try handle.close()
    } catch let error as UploadError {
      throw error
    } catch {
      try? handle.close()
      throw UploadError(status: 400, message: "the upload was interrupted")
    }
    let maximumFileBytes = service.configuration.maxUploadBytes
    return try await BlockingPool.shared.run { () throws(UploadError) -> [MultipartPart] in
      try MultipartParser.parse(
        bodyPath: bodyPath, boundary: boundary, scratchDirectory: scratch, maximumFileBytes: maximumFileBytes)
    }
  }

  static func removeScratch(_ parts: [MultipartPart]) {
    for part in parts { if let path = part.path { try? FileManager.default.removeItem(atPath: path) } }
  }

  func batchPage(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context, WebPermissions.canReview)
    let id = try context.parameters.require("id")
    let batch = try await service.batch(id: id, caller: signedIn.caller)
    guard batch.state == .complete,
      let report = try await service.batchCheckReport(id: id, caller: signedIn.caller)
    else {
      return page(request, BasicPages.progress(signedIn.frame, batch: batch))
    }
    let query = ResultsQuery(parameters: queryFields(request).dictionary)
    return page(request, ResultsPage.render(signedIn.frame, batch: batch, report: report, query: query))
  }

  func progress(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context, WebPermissions.canReview)
    let batch = try await service.batch(id: try context.parameters.require("id"), caller: signedIn.caller)
    let language = signedIn.frame.language
    let body = ProgressBody(
      state: batch.state.rawValue, stage: batch.progress?.stage,
      stageLabel: BasicPages.stageName(batch.progress?.stage, language), done: batch.progress?.done ?? 0,
      total: batch.progress?.total, text: BasicPages.progressText(batch, language),
      finished: ![.queued, .running].contains(batch.state))
    var headers = Self.securityHeaders()
    headers[.contentType] = "application/json; charset=utf-8"
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return Response(
      status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
  }

  /// The progress view's poll answer.
  struct ProgressBody: Encodable {
    var state: String
    var stage: String?
    var stageLabel: String
    var done: Int
    var total: Int?
    var text: String
    var finished: Bool
  }

  func cancel(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let (signedIn, _) = try await signedInForm(request, context, WebPermissions.canReview)
    let id = try context.parameters.require("id")
    _ = try await service.cancelBatch(id: id, caller: signedIn.caller)
    return Self.redirect("/batches/\(urlEncode(id))")
  }

  func finishedReport(_ id: String, _ signedIn: SignedIn) async throws -> (Batch, CheckReport) {
    let batch = try await service.batch(id: id, caller: signedIn.caller)
    guard let report = try await service.batchCheckReport(id: id, caller: signedIn.caller) else {
      throw EarlyResponse(response: Self.redirect("/batches/\(urlEncode(id))"))
    }
    return (batch, report)
  }

  func applicationPage(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context, WebPermissions.canReview)
    let id = try context.parameters.require("id")
    let applicationID = try context.parameters.require("application")
    let (batch, report) = try await finishedReport(id, signedIn)
    guard let application = report.applications.first(where: { $0.id == applicationID }) else {
      throw APIError.notFound("application", applicationID)
    }
    var evidence: String?
    let hasPassages = application.findings.contains { $0.related.contains { !($0.passages ?? []).isEmpty } }
    // A copy ratio without a finding (below every threshold) still shows where it comes from:
    // the report's section has the ratios and the per-section table.
    if hasPassages || application.copyRatio > 0 {
      let reading = try await service.batchReport(
        id: id, format: .html, language: signedIn.frame.language == .zh ? .zh : .en, caller: signedIn.caller)
      if case .ready(let body, _) = reading {
        let html = String(decoding: body, as: UTF8.self)
        evidence = HTMLReportFragments.applicationSection(in: html, applicationID: applicationID).map(
          String.init)
      }
    }
    return page(
      request,
      ApplicationPages.detail(signedIn.frame, batch: batch, application: application, evidence: evidence))
  }

  func export(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context, WebPermissions.canReview)
    let id = try context.parameters.require("id")
    let (batch, report) = try await finishedReport(id, signedIn)
    var header: [String] = []
    var rows: [[String]] = []
    if let manifest = batch.manifest, let bytes = try await service.manifestForExport(batchID: id) {
      if let table = try? TableFileReader.read(bytes: bytes, name: manifest.name) {
        header = table.header
        rows = table.rows
      }
    }
    let workbook: [UInt8]
    do {
      workbook = try BatchExport.workbook(
        report: report, manifestHeader: header, manifestRows: rows, language: signedIn.frame.language)
    } catch {
      throw APIError.internalError("the workbook is too large")
    }
    await audit("report.export", target: id, caller: signedIn.caller, detail: "xlsx")
    var headers = Self.securityHeaders()
    headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    let fileName = "chachong-\(SafeFileName.make(batch.id)).xlsx"
    headers[.contentDisposition] = "attachment; filename=\"\(fileName.filter { $0.isASCII && $0 != "\"" })\""
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: workbook)))
  }

  func printView(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context, WebPermissions.canReview)
    let (batch, report) = try await finishedReport(try context.parameters.require("id"), signedIn)
    return Self.html(
      ApplicationPages.print(
        signedIn.frame, batch: batch, report: report, printedAt: options.clock()))
  }

  // MARK: Archive (auditors)

  func archive(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context, WebPermissions.canAudit)
    let query = ArchiveQuery(parameters: queryFields(request).dictionary)
    var results: [DocumentRecord]?
    if !query.isEmpty {
      results = try await service.searchArchive(query, caller: signedIn.caller)
    }
    return page(
      request,
      ArchivePages.search(
        signedIn.frame, query: query, results: results,
        withoutPassageFingerprints: !service.archive.parameters.granularity.storesPassageFingerprints))
  }

  func archivedDocument(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context, WebPermissions.canAudit)
    let document = try await service.archivedDocument(
      id: try context.parameters.require("id"), caller: signedIn.caller)
    return page(request, ArchivePages.document(signedIn.frame, document: document))
  }

  func queryPage(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context, WebPermissions.canAudit)
    return page(request, ArchivePages.queryForm(signedIn.frame, report: nil))
  }

  func query(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let (signedIn, parts) = try await signedInUpload(request, context, WebPermissions.canAudit)
    defer { Self.removeScratch(parts) }
    guard let part = parts.first(where: { $0.name == "document" }), let document = try uploaded(part) else {
      throw UploadError(status: 422, message: signedIn.frame.language == .zh ? "请选择一个文件。" : "Choose a file.")
    }
    let report = try await service.query(document, caller: signedIn.caller)
    return Self.html(ArchivePages.queryForm(signedIn.frame, report: report))
  }

  func comparePage(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let signedIn = try await signedIn(request, context, WebPermissions.canAudit)
    return page(request, ArchivePages.compareForm(signedIn.frame, report: nil))
  }

  func compare(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let (signedIn, parts) = try await signedInUpload(request, context, WebPermissions.canAudit)
    defer { Self.removeScratch(parts) }
    guard let firstPart = parts.first(where: { $0.name == "first" }), let first = try uploaded(firstPart),
      let secondPart = parts.first(where: { $0.name == "second" }), let second = try uploaded(secondPart)
    else {
      throw UploadError(
        status: 422, message: signedIn.frame.language == .zh ? "请选择两个文件。" : "Choose two files.")
    }
    let report = try await service.compare(first, second, caller: signedIn.caller)
    let versions = try await service.compareVersions(first, second, caller: signedIn.caller)
    return Self.html(ArchivePages.compareForm(signedIn.frame, report: report, versions: versions))
  }

  /// An uploaded file part's bytes (bounded by the query limit) with its safe name.
  func uploaded(_ part: MultipartPart) throws -> NamedBytes? {
    guard let path = part.path else { return nil }
    guard part.size <= service.configuration.maxQueryBytes else {
      throw UploadError(
        status: 413, message: "the document is larger than \(service.configuration.maxQueryBytes >> 20) MB")
    }
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return NamedBytes(name: SafeFileName.make(part.fileName ?? ""), bytes: Array(data))
  }

  // MARK: Admin

  func admin(_ request: Request, _ context: ChachongRequestContext, newSecret: String? = nil) async throws
    -> Response
  {
    let signedIn = try await signedIn(request, context, WebPermissions.canAdminister)
    let before = queryFields(request)["before"].flatMap { Int64($0) }
    let users = try await accounts.list()
    let keys = try await service.keys(caller: signedIn.caller)
    let audit = try await service.auditEntries(
      before: before, limit: AdminPage.auditPageSize, caller: signedIn.caller)
    return page(
      request, AdminPage.render(signedIn.frame, users: users, keys: keys, audit: audit, newSecret: newSecret))
  }

  func createUser(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let (signedIn, fields) = try await signedInForm(request, context, WebPermissions.canAdminister)
    guard let name = fields["name"], let role = fields["role"].flatMap(WebRole.init(rawValue:)),
      let password = fields["password"]
    else { throw UploadError(status: 422, message: "name, role and password are required") }
    do {
      _ = try await accounts.create(name: name, role: role, password: password)
    } catch {
      throw UploadError(status: error.reason == .exists ? 409 : 422, message: error.description)
    }
    await audit("user.create", target: name, caller: signedIn.caller, detail: role.rawValue)
    return Self.redirect("/admin#users")
  }

  func setDisabled(_ request: Request, _ context: ChachongRequestContext, _ disabled: Bool) async throws
    -> Response
  {
    let (signedIn, _) = try await signedInForm(request, context, WebPermissions.canAdminister)
    let name = try context.parameters.require("name")
    do {
      try await accounts.setDisabled(name, disabled)
    } catch {
      throw UploadError(status: error.reason == .notFound ? 404 : 500, message: error.description)
    }
    if disabled { try await sessions.endAll(user: name) }
    await audit(disabled ? "user.disable" : "user.enable", target: name, caller: signedIn.caller)
    return Self.redirect("/admin#users")
  }

  func createKey(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let (signedIn, fields) = try await signedInForm(request, context, WebPermissions.canAdminister)
    let scopes = Set(fields.all("scope").compactMap(Scope.init(rawValue:)))
    guard let name = fields["name"], !name.isEmpty, !scopes.isEmpty else {
      throw UploadError(status: 422, message: "a key needs a name and at least one scope")
    }
    let (_, secret) = try await service.createKey(
      name: String(name.prefix(100)), scopes: scopes, caller: signedIn.caller)
    // The secret is shown once, on this answer, and never stored in plain form.
    return try await admin(request, context, newSecret: secret)
  }

  func revokeKey(_ request: Request, _ context: ChachongRequestContext) async throws -> Response {
    let (signedIn, _) = try await signedInForm(request, context, WebPermissions.canAdminister)
    _ = try await service.revokeKey(id: try context.parameters.require("id"), caller: signedIn.caller)
    return Self.redirect("/admin#keys")
  }
}

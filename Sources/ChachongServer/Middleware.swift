import Foundation
import Hummingbird
import Logging

extension APIError: HTTPResponseError {
  package func response(from request: Request, context: some RequestContext) throws -> Response {
    errorResponse(english: request.prefersEnglish)
  }

  /// `{"error": {"code": …, "message": …}}` with the status and, for 429/503, `Retry-After`.
  package func errorResponse(english: Bool) -> Response {
    let body = StoredJSON.encode(["error": ["code": code, "message": message(english: english)]])
    var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
    if let retryAfter { headers[.retryAfter] = String(retryAfter) }
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
  }
}

extension Request {
  /// `Accept-Language: en…` asks for English messages; anything else gets Chinese.
  package var prefersEnglish: Bool {
    guard let value = headers[.acceptLanguage]?.lowercased() else { return false }
    let first = value.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    return first.hasPrefix("en")
  }
}

/// Every error as the API's JSON error (Hummingbird's own 404/405/413 included), and the
/// request's metrics (route template, status, latency).
struct ErrorAndMetricsMiddleware: RouterMiddleware {
  typealias Context = ChachongRequestContext
  let metrics: ServerMetrics
  let logger: Logger

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws
    -> Response
  {
    let started = ContinuousClock.now
    let response: Response
    do {
      response = try await next(request, context)
    } catch let error as APIError {
      response = error.errorResponse(english: request.prefersEnglish)
    } catch let error as HTTPError {
      response = Self.apiError(for: error.status).errorResponse(english: request.prefersEnglish)
    } catch let error as any HTTPResponseError {
      response = Self.apiError(for: error.status).errorResponse(english: request.prefersEnglish)
    } catch {
      logger.error(
        "request \(request.method) \(ServerMetrics.route(request.uri.path)) failed: \(String(describing: error))"
      )
      response = APIError.internalError("unexpected error").errorResponse(english: request.prefersEnglish)
    }
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    metrics.recordRequest(
      method: request.method.rawValue, route: ServerMetrics.route(request.uri.path),
      status: Int(response.status.code),
      seconds: seconds)
    return response
  }

  static func apiError(for status: HTTPResponse.Status) -> APIError {
    switch status {
    case .notFound: APIError(.notFound, code: "not_found", zh: "没有这个地址", en: "no such resource")
    case .methodNotAllowed:
      APIError(.methodNotAllowed, code: "method_not_allowed", zh: "不支持此方法", en: "method not allowed")
    case .contentTooLarge: APIError.tooLarge(limit: 1 << 20)
    case .badRequest: APIError.badRequest("请求无效", "bad request")
    case .unsupportedMediaType:
      APIError(
        .unsupportedMediaType, code: "unsupported_media_type", zh: "不支持的内容类型", en: "unsupported content type")
    default: APIError(status, code: "http_\(status.code)", zh: status.reasonPhrase, en: status.reasonPhrase)
    }
  }
}

/// `Authorization: Bearer KEY`: a known key sets the caller; a bad key is 401; no header leaves
/// the request unauthenticated (routes that need a caller answer 401). Also the per-key rate
/// limit and 503 for new work while draining.
struct APIKeyMiddleware: RouterMiddleware {
  typealias Context = ChachongRequestContext
  let service: ChachongService

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws
    -> Response
  {
    var context = context
    // Health, readiness, metrics and the API document answer whatever the header says.
    let publicPaths: Set<String> = ["/healthz", "/readyz", "/metrics", "/v1/openapi.json"]
    if let header = request.headers[.authorization], !publicPaths.contains(request.uri.path) {
      let parts = header.split(separator: " ", maxSplits: 1)
      guard parts.count == 2, parts[0].lowercased() == "bearer",
        let caller = try await service.authenticate(
          bearer: String(parts[1]).trimmingCharacters(in: .whitespaces), clientAddress: context.clientAddress)
      else { throw APIError.unauthorized }
      try service.checkRateLimit(caller)
      context.caller = caller
    }
    return try await next(request, context)
  }
}

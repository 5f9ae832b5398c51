import ArchiveStore
import ChachongCore
import Foundation
import Hummingbird
import Integrity
import NIOCore

/// The API's routes: each parses HTTP, calls one facade operation and writes its answer.
struct APIRoutes {
  let service: ChachongService
  let metrics: ServerMetrics

  func register(on router: Router<ChachongRequestContext>) {
    router.get("healthz") { _, _ in json(["status": "ok"]) }
    router.get("readyz") { _, _ in try await ready() }
    router.get("metrics") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: await metrics.scrape(service: service))))
    }
    router.get("v1/openapi.json") { _, _ in
      guard let document = OpenAPIDocument.bytes else {
        throw APIError.internalError(
          "the OpenAPI document is not installed: \(OpenAPIDocument.resourceFolder) belongs beside the binary"
        )
      }
      return Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }
    registerSubmissions(router)
    registerBatches(router)
    registerArchive(router)
    registerAdministration(router)
  }

  func ready() async throws(APIError) -> Response {
    guard !service.isDraining else { throw APIError.draining }
    do {
      _ = try await service.jobs.counts()
      _ = try await service.archive.documentCount()
    } catch {
      throw APIError(
        .serviceUnavailable, code: "not_ready", zh: "存储不可用", en: "the store is not available", retryAfter: 5)
    }
    return json(["status": "ready"])
  }

  // MARK: Submissions

  func registerSubmissions(_ router: Router<ChachongRequestContext>) {
    router.post("v1/submissions") { request, context in
      let caller = try context.requireCaller()
      let metadata = try await decode(InputMetadata.self, request, context)
      let (submission, created) = try await service.createSubmission(metadata, caller: caller)
      return try json(submission, status: created ? .created : .ok)
    }
    router.get("v1/submissions") { request, context in
      let caller = try context.requireCaller()
      return try json(["submissions": try await service.submissions(caller: caller, limit: limit(request))])
    }
    router.get("v1/submissions/{id}") { _, context in
      let caller = try context.requireCaller()
      return try json(try await service.submission(id: try parameter(context, "id"), caller: caller))
    }
    router.put("v1/submissions/{id}/file") { request, context in
      let caller = try context.requireCaller()
      let id = try parameter(context, "id")
      _ = try await service.submission(id: id, caller: caller)
      let name = Uploads.fileName(request) ?? "\(id).docx"
      let path = try await Uploads.receive(
        request, context: context, service: service, limit: service.configuration.maxUploadBytes)
      defer { try? FileManager.default.removeItem(atPath: path) }
      let submission = try await service.uploadSubmissionFile(
        id: id, fileName: name, fromFile: path, caller: caller)
      return try json(submission, status: .accepted)
    }
    router.post("v1/submissions/{id}/check") { request, context in
      let caller = try context.requireCaller()
      let options =
        try await decodeOptional(SubmissionCheckOptions.self, request, context) ?? SubmissionCheckOptions()
      let submission = try await service.requestSubmissionCheck(
        id: try parameter(context, "id"), options: options, caller: caller)
      return try json(submission, status: .accepted)
    }
    router.get("v1/submissions/{id}/report") { request, context in
      let caller = try context.requireCaller()
      let format = try reportFormat(request, allowed: [.json, .html])
      return try reading(
        try await service.submissionReport(id: try parameter(context, "id"), format: format, caller: caller))
    }
    router.delete("v1/submissions/{id}") { _, context in
      let caller = try context.requireCaller()
      try await service.deleteSubmission(id: try parameter(context, "id"), caller: caller)
      return Response(status: .noContent)
    }
  }

  // MARK: Batches

  func registerBatches(_ router: Router<ChachongRequestContext>) {
    router.post("v1/batches") { request, context in
      let caller = try context.requireCaller()
      let creation = try await decodeOptional(BatchCreation.self, request, context) ?? BatchCreation()
      let (batch, created) = try await service.createBatch(creation, caller: caller)
      return try json(batch, status: created ? .created : .ok)
    }
    router.get("v1/batches") { request, context in
      let caller = try context.requireCaller()
      return try json(["batches": try await service.batches(caller: caller, limit: limit(request))])
    }
    router.get("v1/batches/{id}") { _, context in
      let caller = try context.requireCaller()
      return try json(try await service.batch(id: try parameter(context, "id"), caller: caller))
    }
    router.put("v1/batches/{id}/files/{name}") { request, context in
      let caller = try context.requireCaller()
      let id = try parameter(context, "id")
      _ = try await service.batch(id: id, caller: caller)
      let name = try parameter(context, "name").removingPercentEncoding ?? ""
      let path = try await Uploads.receive(
        request, context: context, service: service, limit: service.configuration.maxUploadBytes)
      defer { try? FileManager.default.removeItem(atPath: path) }
      return try json(try await service.addBatchFile(batchID: id, name: name, fromFile: path, caller: caller))
    }
    for role in BatchInputRole.allCases {
      router.put("v1/batches/{id}/\(role.rawValue)") { request, context in
        let caller = try context.requireCaller()
        let id = try parameter(context, "id")
        _ = try await service.batch(id: id, caller: caller)
        let name = Uploads.fileName(request) ?? defaultName(role)
        let path = try await Uploads.receive(
          request, context: context, service: service, limit: service.configuration.maxUploadBytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try json(
          try await service.setBatchInput(batchID: id, role: role, name: name, fromFile: path, caller: caller)
        )
      }
    }
    router.post("v1/batches/{id}/run") { _, context in
      let caller = try context.requireCaller()
      return try json(
        try await service.runBatch(id: try parameter(context, "id"), caller: caller), status: .accepted)
    }
    router.delete("v1/batches/{id}/run") { _, context in
      let caller = try context.requireCaller()
      return try json(try await service.cancelBatch(id: try parameter(context, "id"), caller: caller))
    }
    router.get("v1/batches/{id}/report") { request, context in
      let caller = try context.requireCaller()
      let format = try reportFormat(request, allowed: ReportFormat.allCases)
      let language: ReportLanguage =
        request.uri.queryParameters["lang"].map { $0 == "en" } ?? request.prefersEnglish ? .en : .zh
      return try reading(
        try await service.batchReport(
          id: try parameter(context, "id"), format: format, language: language, caller: caller))
    }
  }

  // MARK: Query, compare, archive

  func registerArchive(_ router: Router<ChachongRequestContext>) {
    router.post("v1/query") { request, context in
      let caller = try context.requireCaller()
      try caller.require(.audit)
      let name = Uploads.fileName(request) ?? "query.docx"
      let path = try await Uploads.receive(
        request, context: context, service: service, limit: service.configuration.maxQueryBytes)
      defer { try? FileManager.default.removeItem(atPath: path) }
      let bytes = try await readScratch(path)
      return try json(try await service.query(NamedBytes(name: name, bytes: bytes), caller: caller))
    }
    router.post("v1/compare") { request, context in
      let caller = try context.requireCaller()
      try caller.require(.audit)
      let body = try await decode(
        CompareRequest.self, request, context, limit: 2 * service.configuration.maxQueryBytes)
      var files: [NamedBytes] = []
      for side in [body.a, body.b] {
        guard let data = Data(base64Encoded: side.contentBase64) else {
          throw APIError.unprocessable("contentBase64 不是有效的 base64", "contentBase64 is not valid base64")
        }
        files.append(NamedBytes(name: side.name, bytes: [UInt8](data)))
      }
      return try json(try await service.compare(files[0], files[1], caller: caller))
    }
    router.get("v1/documents/{id}") { _, context in
      let caller = try context.requireCaller()
      return try json(try await service.archivedDocument(id: try parameter(context, "id"), caller: caller))
    }
  }

  // MARK: Keys, audit, webhooks

  func registerAdministration(_ router: Router<ChachongRequestContext>) {
    router.get("v1/keys") { _, context in
      let caller = try context.requireCaller()
      return try json(["keys": try await service.keys(caller: caller)])
    }
    router.post("v1/keys") { request, context in
      let caller = try context.requireCaller()
      try caller.require(.admin)
      let body = try await decode(KeyCreation.self, request, context)
      var scopes = Set<Scope>()
      for name in body.scopes {
        guard let scope = Scope(rawValue: name) else {
          throw APIError.unprocessable("未知权限范围 \(name)", "unknown scope \(name)")
        }
        scopes.insert(scope)
      }
      let (key, secret) = try await service.createKey(name: body.name, scopes: scopes, caller: caller)
      return try json(CreatedKey(key: key, secret: secret), status: .created)
    }
    router.delete("v1/keys/{id}") { _, context in
      let caller = try context.requireCaller()
      return try json(try await service.revokeKey(id: try parameter(context, "id"), caller: caller))
    }
    router.get("v1/audit") { request, context in
      let caller = try context.requireCaller()
      let before = request.uri.queryParameters["before"].flatMap { Int64(String($0)) }
      return try json(
        ["entries": try await service.auditEntries(before: before, limit: limit(request), caller: caller)])
    }
    router.post("v1/webhooks") { request, context in
      let caller = try context.requireCaller()
      let registration = try await decode(WebhookRegistration.self, request, context)
      return try json(try await service.registerWebhook(registration, caller: caller), status: .created)
    }
    router.get("v1/webhooks") { _, context in
      let caller = try context.requireCaller()
      return try json(["webhooks": try await service.webhooks(caller: caller)])
    }
    router.get("v1/webhooks/{id}/deliveries") { _, context in
      let caller = try context.requireCaller()
      return try json([
        "deliveries": try await service.deliveries(webhook: try parameter(context, "id"), caller: caller)
      ])
    }
    router.post("v1/webhooks/{id}/deliveries/{delivery}/resend") { _, context in
      let caller = try context.requireCaller()
      return try json(
        try await service.resendDelivery(
          webhook: try parameter(context, "id"), delivery: try parameter(context, "delivery"), caller: caller),
        status: .accepted)
    }
  }

  // MARK: Helpers

  func defaultName(_ role: BatchInputRole) -> String {
    switch role {
    case .manifest: "manifest.csv"
    case .registry: "registry.csv"
    case .template: "template.docx"
    case .call: "call.json"
    }
  }

  func reading(_ reading: ReportReading) throws(APIError) -> Response {
    switch reading {
    case .pending(let state, let progress):
      return try json(PendingReport(state: state, progress: progress), status: .accepted)
    case .ready(let body, let contentType):
      return Response(
        status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
  }

  func reportFormat(_ request: Request, allowed: [ReportFormat]) throws(APIError) -> ReportFormat {
    guard let value = request.uri.queryParameters["format"] else { return .json }
    guard let format = ReportFormat(rawValue: String(value)), allowed.contains(format) else {
      throw APIError.badRequest(
        "format 须为 \(allowed.map(\.rawValue).joined(separator: "、"))",
        "format must be one of \(allowed.map(\.rawValue).joined(separator: ", "))")
    }
    return format
  }

  func limit(_ request: Request) throws(APIError) -> Int {
    guard let value = request.uri.queryParameters["limit"] else { return 100 }
    guard let number = Int(String(value)), (1...1000).contains(number) else {
      throw APIError.badRequest("limit 须为 1–1000", "limit must be 1 to 1000")
    }
    return number
  }

  func readScratch(_ path: String) async throws(APIError) -> [UInt8] {
    let result: Result<[UInt8], APIError> = await BlockingPool.shared.run {
      do {
        return .success([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
      } catch {
        return .failure(APIError.internalError("cannot read the upload"))
      }
    }
    return try result.get()
  }
}

func parameter(_ context: ChachongRequestContext, _ name: String) throws(APIError) -> String {
  guard let value = context.parameters.get(name) else {
    throw APIError.badRequest("缺少参数 \(name)", "missing parameter \(name)")
  }
  return value
}

func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws(APIError) -> Response {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  let data: Data
  do {
    data = try encoder.encode(value)
  } catch {
    throw APIError.internalError("cannot encode the answer")
  }
  return Response(
    status: status, headers: [.contentType: "application/json; charset=utf-8"],
    body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

func json(_ value: [String: String]) -> Response {
  Response(
    status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
    body: .init(byteBuffer: ByteBuffer(bytes: StoredJSON.encode(value))))
}

/// A JSON body: 415 unless `Content-Type` is JSON, 413 over `limit`, 400 when it is not JSON,
/// 422 when it does not have the expected fields.
func decode<T: Decodable>(
  _ type: T.Type, _ request: Request, _ context: ChachongRequestContext, limit: Int = 1 << 20
) async throws(APIError) -> T {
  guard let value = try await decodeOptional(type, request, context, limit: limit) else {
    throw APIError.badRequest("缺少 JSON 请求体", "a JSON body is required")
  }
  return value
}

func decodeOptional<T: Decodable>(
  _ type: T.Type, _ request: Request, _ context: ChachongRequestContext, limit: Int = 1 << 20
) async throws(APIError) -> T? {
  var request = request
  let buffer: ByteBuffer
  do {
    buffer = try await request.collectBody(upTo: limit)
  } catch {
    throw APIError.tooLarge(limit: limit)
  }
  if buffer.readableBytes == 0 { return nil }
  let contentType = request.headers[.contentType]?.lowercased() ?? ""
  guard contentType.hasPrefix("application/json") else {
    throw APIError(
      .unsupportedMediaType, code: "unsupported_media_type", zh: "请求体须为 application/json",
      en: "the body must be application/json")
  }
  let data = Data(buffer: buffer)
  guard (try? JSONSerialization.jsonObject(with: data)) != nil else {
    throw APIError.badRequest("请求体不是有效的 JSON", "the body is not valid JSON")
  }
  do {
    return try JSONDecoder().decode(type, from: data)
  } catch {
    throw APIError.unprocessable(
      "请求体字段不符合要求：\(error)", "the body does not have the expected fields: \(error)")
  }
}

struct PendingReport: Encodable {
  var state: String
  var progress: JobProgress?
}

struct CompareRequest: Decodable {
  struct Side: Decodable {
    var name: String
    var contentBase64: String
  }
  var a: Side
  var b: Side
}

struct KeyCreation: Decodable {
  var name: String
  var scopes: [String]
}

struct CreatedKey: Encodable {
  var key: APIKeyInfo
  var secret: String
}

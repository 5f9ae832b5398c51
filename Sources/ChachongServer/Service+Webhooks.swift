import ArchiveStore
import AsyncHTTPClient
import Digest
import Foundation
import NIOCore
import NIOHTTP1

/// A JSON value of a webhook body.
enum JSONValue: Codable, Sendable {
  case string(String)
  case bool(Bool)

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .bool(let value): try container.encode(value)
    }
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else {
      self = .string(try container.decode(String.self))
    }
  }
}

/// `POST /v1/webhooks`.
package struct WebhookRegistration: Sendable, Codable, Equatable {
  package var url: String
  package var events: [String]
  package var secret: String

  package init(url: String, events: [String], secret: String) {
    self.url = url
    self.events = events
    self.secret = secret
  }
}

extension ChachongService {
  func allowedWebhookURL(_ url: String) -> Bool {
    guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
      scheme == "http" || scheme == "https",
      parsed.host != nil
    else { return false }
    return configuration.webhooks.allowedURLPrefixes.contains { url.hasPrefix($0) }
  }

  package func registerWebhook(_ registration: WebhookRegistration, caller: Caller) async throws(APIError)
    -> Webhook
  {
    try caller.require(.submit)
    guard allowedWebhookURL(registration.url) else {
      throw APIError.unprocessable(
        "回调地址不在配置允许的范围内", "the webhook URL is not one the configuration allows (webhooks.allowedURLPrefixes)")
    }
    let known = Set(WebhookEvent.allCases.map(\.rawValue))
    guard !registration.events.isEmpty, registration.events.allSatisfy(known.contains) else {
      throw APIError.unprocessable(
        "事件必须是 \(known.sorted().joined(separator: ", ")) 之一",
        "events must be among \(known.sorted().joined(separator: ", "))")
    }
    guard (16...256).contains(registration.secret.utf8.count) else {
      throw APIError.unprocessable("密钥长度须为 16–256 字节", "the secret must be 16 to 256 bytes")
    }
    let id = "wh_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    let stored = StoredWebhook(
      url: registration.url, events: registration.events.sorted(), secret: registration.secret)
    let record: StateRecord
    do {
      record = try await state.create(
        collection: Collection.webhooks, id: String(id), owner: caller.id, body: StoredJSON.encode(stored)
      ).record
    } catch {
      throw APIError.from(error)
    }
    try await appendAudit(
      action: "webhook.create", target: String(id), detail: registration.url, caller: caller)
    return Webhook(id: record.id, url: stored.url, events: stored.events, createdAt: record.createdAt)
  }

  package func webhooks(caller: Caller) async throws(APIError) -> [Webhook] {
    try caller.require(.submit)
    do {
      return try await state.records(
        collection: Collection.webhooks, owner: caller.has(.admin) ? nil : caller.id, after: nil, limit: 1000
      ).map { record throws(APIError) in
        let stored = try StoredJSON.decode(StoredWebhook.self, record.body)
        return Webhook(id: record.id, url: stored.url, events: stored.events, createdAt: record.createdAt)
      }
    } catch let error as StateStoreError {
      throw APIError.from(error)
    } catch let error as APIError {
      throw error
    } catch {
      throw APIError.internalError("\(error)")
    }
  }

  func deliveryView(_ record: StateRecord, _ stored: StoredDelivery) -> WebhookDelivery {
    WebhookDelivery(
      id: record.id, webhook: stored.webhook, event: stored.event, state: stored.state,
      attempts: stored.attempts,
      lastStatus: stored.lastStatus, lastError: stored.lastError, createdAt: record.createdAt,
      updatedAt: record.updatedAt)
  }

  package func deliveries(webhook: String, caller: Caller) async throws(APIError) -> [WebhookDelivery] {
    try caller.require(.submit)
    guard let hook = try await record(Collection.webhooks, webhook),
      hook.owner == caller.id || caller.has(.admin)
    else {
      throw APIError.notFound("webhook", webhook)
    }
    let records: [StateRecord]
    do {
      records = try await state.records(
        collection: Collection.deliveries, owner: webhook, after: nil, limit: 1000)
    } catch {
      throw APIError.from(error)
    }
    var result: [WebhookDelivery] = []
    for record in records {
      result.append(deliveryView(record, try StoredJSON.decode(StoredDelivery.self, record.body)))
    }
    return result
  }

  /// Delivers a delivery again (a new job; its attempts start again).
  package func resendDelivery(webhook: String, delivery: String, caller: Caller) async throws(APIError)
    -> WebhookDelivery
  {
    try caller.require(.submit)
    guard let hook = try await record(Collection.webhooks, webhook),
      hook.owner == caller.id || caller.has(.admin)
    else {
      throw APIError.notFound("webhook", webhook)
    }
    guard let current = try await record(Collection.deliveries, delivery),
      try StoredJSON.decode(StoredDelivery.self, current.body).webhook == webhook
    else { throw APIError.notFound("delivery", delivery) }
    let existing = try StoredJSON.decode(StoredDelivery.self, current.body)
    let resend = existing.resends + 1
    let jobID = "webhook:\(delivery):\(resend)"
    _ = try await enqueue(
      id: jobID, kind: JobKind.webhook, payload: WebhookPayload(delivery: delivery, resend: resend))
    let (stored, record) = try await modify(
      Collection.deliveries, delivery, as: StoredDelivery.self, notFound: .notFound("delivery", delivery)
    ) { value, _ in
      value.resends = max(value.resends, resend)
      value.job = jobID
      value.state = "pending"
      value.attempts = 0
    }
    return deliveryView(record, stored)
  }

  /// Files a delivery of `event` to every webhook that asked for it (once per job and webhook).
  func emit(_ event: WebhookEvent, jobID: String, body: [String: JSONValue]) async {
    guard
      let hooks = try? await state.records(
        collection: Collection.webhooks, owner: nil, after: nil, limit: 1000)
    else { return }
    var fields = body
    fields["event"] = .string(event.rawValue)
    fields["job"] = .string(jobID)
    let text = String(decoding: StoredJSON.encode(fields), as: UTF8.self)
    for hook in hooks {
      guard let stored = try? StoredJSON.decode(StoredWebhook.self, hook.body),
        stored.events.contains(event.rawValue)
      else { continue }
      let deliveryID = "dlv_" + SHA256.hexHash(Array("\(jobID)|\(hook.id)|\(event.rawValue)".utf8)).prefix(24)
      let delivery = StoredDelivery(
        webhook: hook.id, event: event.rawValue, body: text, state: "pending", attempts: 0,
        job: "webhook:\(deliveryID):0")
      do {
        let created = try await state.create(
          collection: Collection.deliveries, id: deliveryID, owner: hook.id, body: StoredJSON.encode(delivery)
        )
        guard created.created else { continue }
        _ = try await jobs.enqueue(
          id: delivery.job, kind: JobKind.webhook,
          payload: StoredJSON.encode(WebhookPayload(delivery: deliveryID, resend: 0)))
      } catch {
        continue
      }
    }
  }

  /// One delivery job: POSTs the body signed with the webhook's secret, retrying with backoff.
  func performDelivery(_ job: JobRecord) async throws -> [UInt8] {
    let payload = try StoredJSON.decode(WebhookPayload.self, job.payload)
    guard let deliveryRecord = try await record(Collection.deliveries, payload.delivery) else { return [] }
    let delivery = try StoredJSON.decode(StoredDelivery.self, deliveryRecord.body)
    guard delivery.job == job.id, delivery.state != "delivered" else { return [] }
    guard let hookRecord = try await record(Collection.webhooks, delivery.webhook) else { return [] }
    let hook = try StoredJSON.decode(StoredWebhook.self, hookRecord.body)
    let settings = configuration.webhooks
    var backoff = settings.initialBackoffSeconds
    for attempt in 1...settings.maxAttempts {
      var status: Int?
      var failure: String?
      if allowedWebhookURL(hook.url) {
        do {
          var request = HTTPClientRequest(url: hook.url)
          request.method = HTTPMethod.POST
          let signature = HMACSHA256.hexAuthenticationCode(
            key: Array(hook.secret.utf8), message: Array(delivery.body.utf8))
          request.headers.add(name: "Content-Type", value: "application/json")
          request.headers.add(name: "X-Chachong-Event", value: delivery.event)
          request.headers.add(name: "X-Chachong-Signature", value: "sha256=\(signature)")
          request.headers.add(name: "X-Chachong-Delivery", value: payload.delivery)
          request.body = HTTPClientRequest.Body.bytes(ByteBuffer(string: delivery.body))
          let response = try await HTTPClient.shared.execute(
            request, timeout: .seconds(Int64(settings.timeoutSeconds)))
          status = Int(response.status.code)
          _ = try? await response.body.collect(upTo: 64 << 10)
        } catch {
          failure = "\(error)"
        }
      } else {
        failure = "the URL is no longer allowed by the configuration"
      }
      let delivered = status.map { (200..<300).contains($0) } ?? false
      let done =
        delivered || attempt == settings.maxAttempts
        || failure == "the URL is no longer allowed by the configuration"
      _ = try await modify(
        Collection.deliveries, payload.delivery, as: StoredDelivery.self,
        notFound: .notFound("delivery", payload.delivery)
      ) { value, _ in
        guard value.job == job.id else { return }
        value.attempts = attempt
        value.lastStatus = status
        value.lastError = failure
        value.state = delivered ? "delivered" : (done ? "failed" : "retrying")
      }
      if done { break }
      try await Task.sleep(for: .seconds(backoff))
      backoff *= 2
    }
    return []
  }
}

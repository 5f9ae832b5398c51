import Digest
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import ChachongServer

/// What the receiving platform got.
final class Received: Sendable {
  struct Delivery: Sendable {
    var event: String?
    var signature: String?
    var body: String
  }
  let deliveries = Mutex<[Delivery]>([])
  let failFirst = Mutex(0)
}

@Suite struct WebhookTests {
  @Test func eventsAreSignedRetriedAndResent() async throws {
    let received = Received()
    received.failFirst.withLock { $0 = 1 }
    let router = Router()
    router.post("hook") { request, _ -> HTTPResponse.Status in
      var request = request
      let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
      if received.failFirst.withLock({ count in
        defer { count -= 1 }
        return count > 0
      }) {
        return .internalServerError
      }
      received.deliveries.withLock {
        $0.append(
          .init(
            event: request.headers.first { $0.name.canonicalName == "x-chachong-event" }?.value,
            signature: request.headers.first { $0.name.canonicalName == "x-chachong-signature" }?.value,
            body: body))
      }
      return .ok
    }
    let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await receiver.test(.live) { receiverClient in
      let port = try #require(receiverClient.port)
      var configuration = ServerConfiguration()
      configuration.webhooks.allowedURLPrefixes = ["http://127.0.0.1:\(port)/"]
      configuration.webhooks.initialBackoffSeconds = 0.05
      let harness = try await Harness.make(configuration: configuration)
      let secret = "a-shared-secret-of-the-platform"
      try await harness.application().test(.router) { client in
        try await client.execute(
          uri: "/v1/webhooks", method: .post, headers: headers(harness.submit, jsonType),
          body: body(
            #"{"url":"http://example.com/hook","events":["submission.complete"],"secret":"\#(secret)"}"#)
        ) { response in #expect(response.status == .unprocessableContent) }
        try await client.execute(
          uri: "/v1/webhooks", method: .post, headers: headers(harness.submit, jsonType),
          body: body(
            #"{"url":"http://127.0.0.1:\#(port)/hook","events":["nothing.happened"],"secret":"\#(secret)"}"#)
        ) { response in #expect(response.status == .unprocessableContent) }
        var hookID = ""
        try await client.execute(
          uri: "/v1/webhooks", method: .post, headers: headers(harness.submit, jsonType),
          body: body(
            #"{"url":"http://127.0.0.1:\#(port)/hook","events":["submission.complete","submission.error"],"secret":"\#(secret)"}"#
          )
        ) { response in
          #expect(response.status == .created)
          hookID = decodeJSON(response)["id"] as? String ?? ""
          #expect(!String(buffer: response.body).contains(secret))
        }
        try await client.execute(
          uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
          body: body(#"{"id":"W-1"}"#))
        try await client.execute(
          uri: "/v1/submissions/W-1/file", method: .put, headers: headers(harness.submit),
          body: ByteBuffer(bytes: try sampleFile("applications/QZ2023-001.docx")))
        try await harness.runJobs()
        let deliveries = received.deliveries.withLock { $0 }
        try #require(deliveries.count == 1)
        #expect(deliveries[0].event == "submission.complete")
        let expected = HMACSHA256.hexAuthenticationCode(
          key: Array(secret.utf8), message: Array(deliveries[0].body.utf8))
        #expect(deliveries[0].signature == "sha256=\(expected)")
        #expect(deliveries[0].body.contains("\"submission\":\"W-1\""))
        var deliveryID = ""
        try await client.execute(
          uri: "/v1/webhooks/\(hookID)/deliveries", method: .get, headers: headers(harness.submit)
        ) { response in
          let list = decodeJSON(response)["deliveries"] as? [[String: Any]] ?? []
          #expect(list.first?["state"] as? String == "delivered")
          #expect(list.first?["attempts"] as? Int == 2)
          deliveryID = list.first?["id"] as? String ?? ""
        }
        try await client.execute(
          uri: "/v1/webhooks/\(hookID)/deliveries/\(deliveryID)/resend", method: .post,
          headers: headers(harness.submit)
        ) { response in #expect(response.status == .accepted) }
        try await client.execute(
          uri: "/v1/webhooks/\(hookID)/deliveries/nope/resend", method: .post,
          headers: headers(harness.submit)
        ) { response in #expect(response.status == .notFound) }
        try await harness.runJobs()
        #expect(received.deliveries.withLock { $0.count } == 2)
      }
    }
  }
}

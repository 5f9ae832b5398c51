import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import ChachongServer

@Suite struct ArchiveAndAdminRouteTests {
  @Test func healthReadinessMetricsAndTheCommittedOpenAPIDocument() async throws {
    let harness = try await Harness.make()
    let committed = try Data(contentsOf: repositoryRoot.appendingPathComponent("docs/openapi.json"))
    try await harness.application().test(.router) { client in
      try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
      try await client.execute(uri: "/readyz", method: .get) { response in #expect(response.status == .ok) }
      try await client.execute(uri: "/v1/openapi.json", method: .get) { response in
        #expect(response.status == .ok)
        #expect(Data(buffer: response.body) == committed)
      }
      try await client.execute(uri: "/v1/submissions/S-320682197712146889", method: .get) { _ in }
      try await client.execute(uri: "/metrics", method: .get) { response in
        let text = String(buffer: response.body)
        #expect(text.contains("chachong_http_requests_total"))
        #expect(text.contains(#"route="/v1/submissions/{id}""#))
        #expect(text.contains(#"status="401""#))
        #expect(text.contains("chachong_http_request_duration_seconds"))
        #expect(text.contains("chachong_queue_length_jobs"))
        #expect(text.contains(#"chachong_jobs_count{state="queued"}"#))
        #expect(text.contains("chachong_store_documents_count"))
        #expect(!text.contains("320682197712146889"))
      }
    }
  }

  @Test func queryCompareAndArchivedTextsNeedAuditAndAreAudited() async throws {
    let harness = try await Harness.make(archive: ["CG2019-001.docx", "CG2021-001.docx"])
    let archived = try sampleFile("archive/CG2019-001.docx")
    try await harness.application().test(.router) { client in
      try await client.execute(
        uri: "/v1/query", method: .post, headers: headers(harness.submit), body: ByteBuffer(bytes: archived)
      ) { response in #expect(response.status == .forbidden) }
      try await client.execute(
        uri: "/v1/query", method: .post,
        headers: headers(harness.audit, [.contentDisposition: "attachment; filename=\"copy.docx\""]),
        body: ByteBuffer(bytes: archived)
      ) { response in
        #expect(response.status == .ok)
        let results = decodeJSON(response)["results"] as? [[String: Any]] ?? []
        let matches = results.first?["matches"] as? [[String: Any]] ?? []
        #expect(matches.first?["id"] as? String == "CG2019-001")
      }
      try await client.execute(
        uri: "/v1/query", method: .post, headers: headers(harness.audit), body: ByteBuffer(string: "x")
      ) { response in #expect(response.status == .unprocessableContent) }
      let compare = """
        {"a":{"name":"a.docx","contentBase64":"\(Data(archived).base64EncodedString())"},
         "b":{"name":"b.docx","contentBase64":"\(Data(archived).base64EncodedString())"}}
        """
      try await client.execute(
        uri: "/v1/compare", method: .post, headers: headers(harness.audit, jsonType), body: body(compare)
      ) { response in
        #expect(response.status == .ok)
        #expect(decodeJSON(response)["jaccard"] as? Double == 1)
      }
      try await client.execute(
        uri: "/v1/compare", method: .post, headers: headers(harness.audit, jsonType),
        body: body(#"{"a":{"name":"a","contentBase64":"!!"},"b":{"name":"b","contentBase64":""}}"#)
      ) { response in #expect(response.status == .unprocessableContent) }
      try await client.execute(uri: "/v1/documents/CG2019-001", method: .get, headers: headers(harness.audit))
      {
        response in
        #expect(response.status == .ok)
        let document = decodeJSON(response)
        #expect((document["text"] as? String ?? "").count > 1000)
        #expect((document["record"] as? [String: Any])?["leadIDKey"] == nil)
      }
      try await client.execute(uri: "/v1/documents/none", method: .get, headers: headers(harness.audit)) {
        response in #expect(response.status == .notFound)
      }
      try await client.execute(uri: "/v1/audit", method: .get, headers: headers(harness.audit)) { response in
        #expect(response.status == .forbidden)
      }
      try await client.execute(uri: "/v1/audit?limit=50", method: .get, headers: headers(harness.admin)) {
        response in
        let entries = decodeJSON(response)["entries"] as? [[String: Any]] ?? []
        let actions = entries.compactMap { $0["action"] as? String }
        #expect(actions.contains("query"))
        #expect(actions.contains("compare"))
        #expect(actions.contains("text.read"))
        #expect(
          entries.allSatisfy {
            ($0["actor"] as? String)?.hasPrefix("key_") == true || $0["actor"] as? String == "system"
          })
      }
      try await client.execute(uri: "/v1/audit?limit=0", method: .get, headers: headers(harness.admin)) {
        response in
        #expect(response.status == .badRequest)
      }
    }
  }

  @Test func keysAreCreatedListedAndRevoked() async throws {
    let harness = try await Harness.make()
    try await harness.application().test(.router) { client in
      var secret = ""
      var keyID = ""
      try await client.execute(
        uri: "/v1/keys", method: .post, headers: headers(harness.admin, jsonType),
        body: body(#"{"name":"platform","scopes":["submit"]}"#)
      ) { response in
        #expect(response.status == .created)
        let created = decodeJSON(response)
        secret = created["secret"] as? String ?? ""
        keyID = (created["key"] as? [String: Any])?["id"] as? String ?? ""
      }
      #expect(secret.hasPrefix("chk_"))
      try await client.execute(
        uri: "/v1/keys", method: .post, headers: headers(harness.admin, jsonType),
        body: body(#"{"name":"x","scopes":["root"]}"#)
      ) { response in #expect(response.status == .unprocessableContent) }
      try await client.execute(uri: "/v1/keys", method: .get, headers: headers(harness.admin)) { response in
        let text = String(buffer: response.body)
        #expect(text.contains(keyID))
        #expect(!text.contains(secret))
      }
      try await client.execute(uri: "/v1/submissions", method: .get, headers: headers(secret)) { response in
        #expect(response.status == .ok)
      }
      try await client.execute(uri: "/v1/keys/\(keyID)", method: .delete, headers: headers(harness.admin)) {
        response in #expect(response.status == .ok)
      }
      try await client.execute(uri: "/v1/keys/key_none", method: .delete, headers: headers(harness.admin)) {
        response in #expect(response.status == .notFound)
      }
      try await client.execute(uri: "/v1/submissions", method: .get, headers: headers(secret)) { response in
        #expect(response.status == .unauthorized)
      }
    }
    // Only the hash of a secret is stored.
    let records = try await harness.service.state.records(
      collection: "api-keys", owner: nil, after: nil, limit: 100)
    for record in records {
      #expect(!String(decoding: record.body, as: UTF8.self).contains("chk_"))
      #expect(record.id.count == 64)
    }
  }

  @Test func theRateLimitPerKeyIs429WithRetryAfter() async throws {
    var configuration = ServerConfiguration()
    configuration.rateLimitPerMinute = 3
    // The clock is the test's: a run that crosses a minute or stalls on a busy machine gives the
    // same answers.
    let clock = Mutex(1_800_000_000.0)
    let harness = try await Harness.make(configuration: configuration, clock: { clock.withLock { $0 } })
    try await harness.application().test(.router) { client in
      func statuses(_ count: Int, key: String) async throws -> [(HTTPResponse.Status, String?)] {
        var answers: [(HTTPResponse.Status, String?)] = []
        for _ in 0..<count {
          try await client.execute(uri: "/v1/submissions", method: .get, headers: headers(key)) { response in
            answers.append((response.status, response.headers[.retryAfter]))
          }
        }
        return answers
      }
      let burst = try await statuses(5, key: harness.submit)
      #expect(burst.map(\.0) == [.ok, .ok, .ok, .tooManyRequests, .tooManyRequests])
      // 3 per minute: the next request is allowed 20 s later.
      #expect(burst[3].1 == "20")
      // Another key has its own budget.
      #expect(try await statuses(1, key: harness.otherSubmit).map(\.0) == [.ok])
      clock.withLock { $0 += 10 }
      let halfway = try await statuses(1, key: harness.submit)
      #expect(halfway.map(\.0) == [.tooManyRequests])
      #expect(halfway[0].1 == "10")
      clock.withLock { $0 += 10 }
      #expect(try await statuses(2, key: harness.submit).map(\.0) == [.ok, .tooManyRequests])
      // A full minute refills the bucket, but never beyond the limit.
      clock.withLock { $0 += 600 }
      #expect(try await statuses(4, key: harness.submit).map(\.0) == [.ok, .ok, .ok, .tooManyRequests])
    }
  }
}

import ArchiveStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ChachongServer

@Suite struct SubmissionRouteTests {
  let metadata = #"{"id":"S-1","title":"压缩空气储能","organisation":"南通恒明","leadID":"320682197712146889"}"#

  @Test func createIsIdempotentByClientIDAndMasksTheIDNumber() async throws {
    let harness = try await Harness.make()
    try await harness.application().test(.router) { client in
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(metadata)
      ) { response in
        #expect(response.status == .created)
        let text = String(buffer: response.body)
        #expect(!text.contains("320682197712146889"))
        #expect(text.contains("\"state\":\"CREATED\""))
      }
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(metadata)
      ) { response in #expect(response.status == .ok) }
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(#"{"id":"S-1","title":"另一个标题"}"#)
      ) { response in
        #expect(response.status == .conflict)
        #expect(errorCode(response) == "conflict")
      }
      // Another key's retry with the same body is not the same client's retry.
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.otherSubmit, jsonType),
        body: body(metadata)
      ) { response in #expect(response.status == .conflict) }
      // The other key cannot see it.
      try await client.execute(
        uri: "/v1/submissions/S-1", method: .get, headers: headers(harness.otherSubmit)
      ) {
        response in #expect(response.status == .notFound)
      }
    }
  }

  @Test func theClientsIDIsRequiredAndFreeFormFieldsAreNotTaken() async throws {
    let harness = try await Harness.make()
    try await harness.application().test(.router) { client in
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(#"{"title":"没有编号"}"#)
      ) { response in
        #expect(response.status == .badRequest)
        #expect(errorCode(response) == "bad_request")
      }
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(#"{"id":"S-2","year":2023,"extra":{"联系人身份证号":"320682197712146889"}}"#)
      ) { response in
        #expect(response.status == .created)
        let metadata = decodeJSON(response)["metadata"] as? [String: Any] ?? [:]
        #expect(metadata["id"] as? String == "S-2")
        #expect(metadata["year"] as? Int == 2023)
        #expect(metadata["extra"] == nil)
        #expect(!String(buffer: response.body).contains("320682197712146889"))
      }
    }
  }

  @Test func errorStatusesAreJSONInChineseOrEnglish() async throws {
    let harness = try await Harness.make()
    try await harness.application().test(.router) { client in
      try await client.execute(uri: "/v1/submissions/S-1", method: .get) { response in
        #expect(response.status == .unauthorized)
        let message = (decodeJSON(response)["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains("密钥"))
      }
      try await client.execute(
        uri: "/v1/submissions/S-1", method: .get,
        headers: [.authorization: "Bearer chk_wrong", .acceptLanguage: "en"]
      ) { response in
        #expect(response.status == .unauthorized)
        let message = (decodeJSON(response)["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message == "missing or invalid API key")
      }
      try await client.execute(uri: "/v1/keys", method: .get, headers: headers(harness.submit)) { response in
        #expect(response.status == .forbidden)
      }
      try await client.execute(uri: "/v1/submissions/nope", method: .get, headers: headers(harness.submit)) {
        response in #expect(response.status == .notFound)
      }
      try await client.execute(uri: "/v1/no-such-route", method: .get) { response in
        #expect(response.status == .notFound)
        #expect(errorCode(response) == "not_found")
      }
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body("{not json")
      ) { response in #expect(response.status == .badRequest) }
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, [.contentType: "text/plain"]),
        body: body(metadata)
      ) { response in #expect(response.status == .unsupportedMediaType) }
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(#"{"id":"../etc"}"#)
      ) { response in #expect(response.status == .unprocessableContent) }
      // An id that is an ID number would carry it everywhere.
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(#"{"id":"320682197712146889"}"#)
      ) { response in
        #expect(response.status == .unprocessableContent)
        #expect(!String(buffer: response.body).contains("320682197712146889"))
      }
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(#"{"title":1}"#)
      ) { response in #expect(response.status == .unprocessableContent) }
    }
  }

  @Test func uploadReadsInTheBackgroundThenCheckAndReport() async throws {
    let harness = try await Harness.make(archive: ["CG2019-001.docx", "CG2021-001.docx"])
    let docx = try sampleFile("applications/QZ2023-001.docx")
    try await harness.application().test(.router) { client in
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(#"{"id":"QZ-1","title":"压缩空气储能的质子交换膜电解槽研发"}"#)
      ) { response in #expect(response.status == .created) }
      try await client.execute(
        uri: "/v1/submissions/QZ-1/check", method: .post, headers: headers(harness.submit)
      ) { response in #expect(response.status == .conflict) }
      try await client.execute(
        uri: "/v1/submissions/QZ-1/file", method: .put,
        headers: headers(
          harness.submit,
          [.contentDisposition: "attachment; filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6.docx"]),
        body: ByteBuffer(bytes: docx)
      ) { response in
        #expect(response.status == .accepted)
        let submission = decodeJSON(response)
        #expect(submission["state"] as? String == "PROCESSING")
        #expect(submission["fileName"] as? String == "申报书.docx")
      }
      try await harness.runJobs()
      try await client.execute(uri: "/v1/submissions/QZ-1", method: .get, headers: headers(harness.submit)) {
        response in
        let submission = decodeJSON(response)
        #expect(submission["state"] as? String == "COMPLETE")
        #expect((submission["characters"] as? Int ?? 0) > 1000)
      }
      try await client.execute(
        uri: "/v1/submissions/QZ-1/check", method: .post, headers: headers(harness.submit, jsonType),
        body: body(#"{"addToArchive":false}"#)
      ) { response in #expect(response.status == .accepted) }
      try await client.execute(
        uri: "/v1/submissions/QZ-1/report", method: .get, headers: headers(harness.submit)
      ) {
        response in
        #expect(response.status == .accepted)
        #expect(decodeJSON(response)["state"] as? String == "queued")
      }
      try await harness.runJobs()
      try await client.execute(
        uri: "/v1/submissions/QZ-1/report", method: .get, headers: headers(harness.submit)
      ) {
        response in
        #expect(response.status == .ok)
        let report = decodeJSON(response)
        #expect(report["id"] as? String == "QZ-1")
        #expect(report["findings"] is [Any])
      }
      try await client.execute(
        uri: "/v1/submissions/QZ-1/report?format=html", method: .get, headers: headers(harness.submit)
      ) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
        #expect(String(buffer: response.body).contains("<html"))
      }
      try await client.execute(
        uri: "/v1/submissions/QZ-1/report?format=xml", method: .get, headers: headers(harness.submit)
      ) { response in #expect(response.status == .badRequest) }
      // Reads of the report are audited.
      try await client.execute(uri: "/v1/audit", method: .get, headers: headers(harness.admin)) { response in
        let entries = decodeJSON(response)["entries"] as? [[String: Any]] ?? []
        #expect(entries.filter { $0["action"] as? String == "report.read" }.count == 2)
      }
      try await client.execute(uri: "/v1/submissions/QZ-1", method: .delete, headers: headers(harness.submit))
      {
        response in #expect(response.status == .forbidden)
      }
      try await client.execute(uri: "/v1/submissions/QZ-1", method: .delete, headers: headers(harness.admin))
      {
        response in #expect(response.status == .noContent)
      }
      try await client.execute(uri: "/v1/submissions/QZ-1", method: .get, headers: headers(harness.admin)) {
        response in #expect(response.status == .notFound)
      }
    }
  }

  @Test(arguments: [
    ("garbage.docx", Array("this is not a zip".utf8), "CORRUPT_FILE"),
    ("tiny.txt", Array("太短".utf8), "TOO_LITTLE_TEXT"),
    ("image.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "UNSUPPORTED_FILETYPE"),
  ])
  func unreadableFilesGetTheirErrorCode(_ name: String, _ bytes: [UInt8], _ expected: String) async throws {
    let harness = try await Harness.make()
    try await harness.application().test(.router) { client in
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(#"{"id":"E-1"}"#))
      try await client.execute(
        uri: "/v1/submissions/E-1/file", method: .put,
        headers: headers(harness.submit, [.contentDisposition: "attachment; filename=\"\(name)\""]),
        body: ByteBuffer(bytes: bytes)
      ) { response in #expect(response.status == .accepted) }
      try await harness.runJobs()
      try await client.execute(uri: "/v1/submissions/E-1", method: .get, headers: headers(harness.submit)) {
        response in
        let submission = decodeJSON(response)
        #expect(submission["state"] as? String == "ERROR")
        #expect(submission["errorCode"] as? String == expected)
        #expect((submission["message"] as? String ?? "").isEmpty == false)
      }
      try await client.execute(
        uri: "/v1/submissions/E-1/check", method: .post, headers: headers(harness.submit)
      ) {
        response in #expect(response.status == .unprocessableContent)
      }
    }
  }

  @Test func uploadsOverTheLimitAre413AndAFullQueueIs429() async throws {
    var configuration = ServerConfiguration()
    configuration.maxUploadBytes = 1000
    configuration.queueLimit = 1
    let harness = try await Harness.make(configuration: configuration)
    try await harness.application().test(.router) { client in
      for id in ["L-1", "L-2"] {
        try await client.execute(
          uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
          body: body(#"{"id":"\#(id)"}"#))
      }
      try await client.execute(
        uri: "/v1/submissions/L-1/file", method: .put, headers: headers(harness.submit),
        body: ByteBuffer(bytes: [UInt8](repeating: 0x41, count: 5000))
      ) { response in
        #expect(response.status == .contentTooLarge)
        #expect(errorCode(response) == "too_large")
      }
      try await client.execute(
        uri: "/v1/submissions/L-1/file", method: .put, headers: headers(harness.submit),
        body: ByteBuffer(string: String(repeating: "申报书正文。", count: 20))
      ) { response in #expect(response.status == .accepted) }
      try await client.execute(
        uri: "/v1/submissions/L-2/file", method: .put, headers: headers(harness.submit),
        body: ByteBuffer(string: String(repeating: "另一份申报书。", count: 20))
      ) { response in
        #expect(response.status == .tooManyRequests)
        #expect(response.headers[.retryAfter] != nil)
      }
    }
  }

  @Test func drainingRefusesNewWorkWith503() async throws {
    let harness = try await Harness.make()
    harness.service.beginDraining()
    try await harness.application().test(.router) { client in
      try await client.execute(
        uri: "/v1/submissions", method: .post, headers: headers(harness.submit, jsonType),
        body: body(metadata)
      ) { response in
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.retryAfter] != nil)
      }
      try await client.execute(uri: "/readyz", method: .get) { response in
        #expect(response.status == .serviceUnavailable)
      }
    }
  }
}

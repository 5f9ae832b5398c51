import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation

@testable import ChachongServer

@Suite struct BatchRouteTests {
  /// A zip in memory with the given entries.
  func zip(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (name, bytes) in entries {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
      ) { position, size in Data(bytes[Int(position)..<Int(position) + size]) }
    }
    return [UInt8](archive.data ?? Data())
  }

  @Test func aBatchOfAZipRunsAndReportsInEveryFormat() async throws {
    let harness = try await Harness.make()
    let names = ["QZ2023-001.docx", "QZ2023-002.docx", "QZ2023-003.docx"]
    let zipped = try zip(try names.map { ("2023/\($0)", try sampleFile("applications/\($0)")) })
    try await harness.application().test(.router) { client in
      try await client.execute(
        uri: "/v1/batches", method: .post, headers: headers(harness.submit, jsonType),
        body: body(#"{"id":"B-1"}"#)
      ) { response in #expect(response.status == .forbidden) }
      try await client.execute(
        uri: "/v1/batches", method: .post, headers: headers(harness.review, jsonType),
        body: body(#"{"id":"B-1","name":"2023 前瞻性"}"#)
      ) { response in #expect(response.status == .created) }
      try await client.execute(
        uri: "/v1/batches", method: .post, headers: headers(harness.review, jsonType),
        body: body(#"{"id":"B-1","name":"2023 前瞻性"}"#)
      ) { response in #expect(response.status == .ok) }
      try await client.execute(
        uri: "/v1/batches", method: .post, headers: headers(harness.review, jsonType),
        body: body(#"{"id":"B-1","name":"另一个"}"#)
      ) { response in #expect(response.status == .conflict) }
      try await client.execute(uri: "/v1/batches/B-1/run", method: .post, headers: headers(harness.review)) {
        response in #expect(response.status == .unprocessableContent)
      }
      try await client.execute(uri: "/v1/batches/B-1/report", method: .get, headers: headers(harness.review))
      {
        response in #expect(response.status == .conflict)
      }
      try await client.execute(
        uri: "/v1/batches/B-1/files/apps.zip", method: .put, headers: headers(harness.review),
        body: ByteBuffer(bytes: zipped)
      ) { response in
        #expect(response.status == .ok)
        let batch = decodeJSON(response)
        #expect((batch["applications"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == names)
      }
      try await client.execute(
        uri: "/v1/batches/B-1/manifest", method: .put,
        headers: headers(harness.review, [.contentDisposition: "attachment; filename=\"manifest.csv\""]),
        body: ByteBuffer(bytes: try sampleFile("manifest.csv"))
      ) { response in #expect(response.status == .ok) }
      try await client.execute(
        uri: "/v1/batches/B-1/registry", method: .put, headers: headers(harness.review),
        body: ByteBuffer(bytes: try sampleFile("registry.csv"))
      ) { response in #expect(response.status == .ok) }
      try await client.execute(
        uri: "/v1/batches/B-1/template", method: .put, headers: headers(harness.review),
        body: ByteBuffer(bytes: try sampleFile("template.docx"))
      ) { response in
        #expect(response.status == .ok)
        #expect((decodeJSON(response)["templates"] as? [Any])?.count == 1)
      }
      try await client.execute(uri: "/v1/batches/B-1/run", method: .post, headers: headers(harness.review)) {
        response in
        #expect(response.status == .accepted)
        #expect(decodeJSON(response)["state"] as? String == "QUEUED")
      }
      try await client.execute(uri: "/v1/batches/B-1/report", method: .get, headers: headers(harness.review))
      {
        response in #expect(response.status == .accepted)
      }
      // A running batch cannot change.
      try await client.execute(
        uri: "/v1/batches/B-1/files/x.docx", method: .put, headers: headers(harness.review),
        body: ByteBuffer(bytes: [1, 2, 3])
      ) { response in #expect(response.status == .conflict) }
      try await harness.runJobs()
      try await client.execute(uri: "/v1/batches/B-1", method: .get, headers: headers(harness.review)) {
        response in
        let batch = decodeJSON(response)
        #expect(batch["state"] as? String == "COMPLETE")
        #expect((batch["progress"] as? [String: Any]) != nil)
      }
      try await client.execute(uri: "/v1/batches/B-1/report", method: .get, headers: headers(harness.review))
      {
        response in
        #expect(response.status == .ok)
        let report = decodeJSON(response)
        let ids = (report["applications"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(Set(ids) == ["QZ2023-001", "QZ2023-002", "QZ2023-003"])
        #expect(!String(buffer: response.body).contains("320682197712146889"))
      }
      for (format, type) in [("html", "text/html"), ("text", "text/plain")] {
        try await client.execute(
          uri: "/v1/batches/B-1/report?format=\(format)&lang=en", method: .get,
          headers: headers(harness.review)
        ) { response in
          #expect(response.status == .ok)
          #expect(response.headers[.contentType]?.hasPrefix(type) == true)
        }
      }
      let typed = try await harness.service.batchCheckReport(id: "B-1", caller: .system)
      #expect(typed?.applications.count == 3)
      try await client.execute(uri: "/v1/batches", method: .get, headers: headers(harness.review)) {
        response in
        #expect((decodeJSON(response)["batches"] as? [Any])?.count == 1)
      }
    }
  }

  /// A failed run says why with a code from the fixed list, as a submission does: a manifest that
  /// cannot be read is INVALID_INPUT; a batch none of whose applications can be read is
  /// NO_READABLE_APPLICATION (not COMPLETE with an empty report); a run that works again clears it.
  @Test func aFailedBatchCarriesAnErrorCodeAndAMessage() async throws {
    let harness = try await Harness.make()
    try await harness.application().test(.router) { client in
      for id in ["BAD-MANIFEST", "UNREADABLE"] {
        try await client.execute(
          uri: "/v1/batches", method: .post, headers: headers(harness.review, jsonType),
          body: body(#"{"id":"\#(id)"}"#)
        ) { response in #expect(response.status == .created) }
      }
      try await client.execute(
        uri: "/v1/batches/BAD-MANIFEST/files/QZ2023-001.docx", method: .put, headers: headers(harness.review),
        body: ByteBuffer(bytes: try sampleFile("applications/QZ2023-001.docx"))
      ) { response in #expect(response.status == .ok) }
      try await client.execute(
        uri: "/v1/batches/BAD-MANIFEST/manifest", method: .put,
        headers: headers(harness.review, [.contentDisposition: "attachment; filename=\"manifest.xlsx\""]),
        body: ByteBuffer(bytes: Array("not a spreadsheet".utf8))
      ) { response in #expect(response.status == .ok) }
      for name in ["a.docx", "b.docx"] {
        try await client.execute(
          uri: "/v1/batches/UNREADABLE/files/\(name)", method: .put, headers: headers(harness.review),
          body: ByteBuffer(bytes: Array("not a zip".utf8))
        ) { response in #expect(response.status == .ok) }
      }
      for id in ["BAD-MANIFEST", "UNREADABLE"] {
        try await client.execute(
          uri: "/v1/batches/\(id)/run", method: .post, headers: headers(harness.review)
        ) {
          response in #expect(response.status == .accepted)
        }
      }
      try await harness.runJobs()
      for (id, code, mentions) in [
        ("BAD-MANIFEST", "INVALID_INPUT", "manifest"), ("UNREADABLE", "NO_READABLE_APPLICATION", "a.docx"),
      ] {
        try await client.execute(uri: "/v1/batches/\(id)", method: .get, headers: headers(harness.review)) {
          response in
          #expect(response.status == .ok)
          let batch = decodeJSON(response)
          #expect(batch["state"] as? String == "ERROR")
          #expect(batch["errorCode"] as? String == code)
          #expect((batch["message"] as? String)?.contains(mentions) == true)
        }
        try await client.execute(
          uri: "/v1/batches/\(id)/report", method: .get, headers: headers(harness.review)
        ) {
          response in #expect(response.status != .ok)
        }
      }
      // The manifest replaced by a readable one: the next run completes and has no code.
      try await client.execute(
        uri: "/v1/batches/BAD-MANIFEST/manifest", method: .put,
        headers: headers(harness.review, [.contentDisposition: "attachment; filename=\"manifest.csv\""]),
        body: ByteBuffer(bytes: try sampleFile("manifest.csv"))
      ) { response in #expect(response.status == .ok) }
      try await client.execute(
        uri: "/v1/batches/BAD-MANIFEST/run", method: .post, headers: headers(harness.review)
      ) {
        response in #expect(response.status == .accepted)
      }
      try await harness.runJobs()
      try await client.execute(
        uri: "/v1/batches/BAD-MANIFEST", method: .get, headers: headers(harness.review)
      ) {
        response in
        let batch = decodeJSON(response)
        #expect(batch["state"] as? String == "COMPLETE")
        #expect(batch["errorCode"] == nil)
      }
    }
  }

  /// Clients upload a batch's files in parallel: every upload lands (each changes the one batch
  /// record; writers that collide retry with a pause instead of answering 409 after a few tries).
  @Test func parallelUploadsIntoOneBatchAllLand() async throws {
    let harness = try await Harness.make(sqlite: true)
    let service = harness.service
    _ = try await service.createBatch(BatchCreation(id: "PARALLEL"), caller: .system)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parallel-\(UUID().uuidString).txt")
    try Data("并行上传的申报书正文。".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let names = (0..<24).map { "application-\($0).txt" }
    let failures = try await withThrowingTaskGroup(of: String?.self) { group in
      for name in names {
        group.addTask {
          do {
            _ = try await service.addBatchFile(
              batchID: "PARALLEL", name: name, fromFile: file.path, caller: .system)
            return nil
          } catch {
            return "\(name): \(error)"
          }
        }
      }
      var failures: [String] = []
      for try await failure in group { if let failure { failures.append(failure) } }
      return failures
    }
    #expect(failures.isEmpty)
    let batch = try await service.batch(id: "PARALLEL", caller: .system)
    #expect(batch.applications.map(\.name).sorted() == names.sorted())
  }

  @Test func unsafeZipsAreRefused() async throws {
    var configuration = ServerConfiguration()
    configuration.maxZipUnpackedBytes = 100_000
    configuration.maxZipEntries = 3
    let harness = try await Harness.make(configuration: configuration)
    let escaping = try zip([("../evil.docx", [1, 2, 3])])
    let bomb = try zip([("big.txt", [UInt8](repeating: 0x41, count: 1_000_000))])
    let many = try zip((0..<5).map { ("f\($0).txt", Array("文本".utf8)) })
    try await harness.application().test(.router) { client in
      try await client.execute(
        uri: "/v1/batches", method: .post, headers: headers(harness.review, jsonType),
        body: body(#"{"id":"Z"}"#))
      for (data, status) in [
        (escaping, HTTPResponse.Status.unprocessableContent), (bomb, .contentTooLarge),
        (many, .contentTooLarge),
        (Array("not a zip".utf8), .unprocessableContent),
      ] {
        try await client.execute(
          uri: "/v1/batches/Z/files/a.zip", method: .put, headers: headers(harness.review),
          body: ByteBuffer(bytes: data)
        ) { response in #expect(response.status == status) }
      }
      try await client.execute(
        uri: "/v1/batches/Z/files/..", method: .put, headers: headers(harness.review),
        body: ByteBuffer(bytes: [1])
      ) { response in #expect(response.status.code >= 400 && response.status.code < 500) }
      try await client.execute(uri: "/v1/batches/Z", method: .get, headers: headers(harness.review)) {
        response in
        #expect((decodeJSON(response)["applications"] as? [Any])?.isEmpty == true)
      }
    }
  }

  @Test func aRunningBatchIsCancelled() async throws {
    let harness = try await Harness.make()
    try await harness.application().test(.router) { client in
      try await client.execute(
        uri: "/v1/batches", method: .post, headers: headers(harness.review, jsonType),
        body: body(#"{"id":"C"}"#))
      try await client.execute(uri: "/v1/batches/C/run", method: .delete, headers: headers(harness.review)) {
        response in #expect(response.status == .conflict)
      }
      try await client.execute(
        uri: "/v1/batches/C/files/a.docx", method: .put, headers: headers(harness.review),
        body: ByteBuffer(bytes: try sampleFile("applications/QZ2023-001.docx")))
      try await client.execute(uri: "/v1/batches/C/run", method: .post, headers: headers(harness.review))
      try await client.execute(uri: "/v1/batches/C/run", method: .delete, headers: headers(harness.review)) {
        response in
        #expect(response.status == .ok)
        #expect(decodeJSON(response)["state"] as? String == "CANCELLED")
      }
      try await harness.runJobs()
      try await client.execute(uri: "/v1/batches/C/report", method: .get, headers: headers(harness.review)) {
        response in #expect(response.status == .unprocessableContent)
      }
    }
  }
}

import ArchiveStore
import ChachongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import IndexStore
import Testing

@testable import ChachongServer

/// The repository's root (files the tests read: the bundled sample, docs/openapi.json).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

func sampleFile(_ relative: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Corpora/sample/\(relative)")))
}

/// A service over in-memory stores (or SQLite in a fresh directory), with one key per scope.
struct Harness {
  let service: ChachongService
  let admin: String
  let submit: String
  let otherSubmit: String
  let review: String
  let audit: String

  static func make(
    configuration: ServerConfiguration = ServerConfiguration(), sqlite: Bool = false, archive: [String] = [],
    clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
    beforeJob: (@Sendable (JobRecord) async throws -> Void)? = nil
  ) async throws -> Harness {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "serve-test-\(UUID().uuidString)"
    )
    .path
    let stores: ServiceStores
    if sqlite {
      stores = try ServiceStores.openIndex(scratch + "/index")
    } else {
      stores = ServiceStores(
        archive: MemoryArchive(parameters: .standard), jobs: MemoryJobQueue(), state: MemoryServiceState(),
        scratchDirectory: scratch + "/scratch")
    }
    let service = ChachongService(
      configuration: configuration, archive: stores.archive, jobs: stores.jobs, state: stores.state,
      scratchDirectory: stores.scratchDirectory, clock: clock, beforeJob: beforeJob)
    if !archive.isEmpty {
      let items = try archive.map { name in
        SourceItem.file(
          NamedBytes(name: name, bytes: try sampleFile("archive/\(name)")), metadata: InputMetadata())
      }
      _ = try await IngestJob(store: stores.archive).run([items].async)
    }
    func key(_ scopes: Set<Scope>) async throws -> String {
      try await service.createKey(name: "test \(scopes)", scopes: scopes, caller: .system).secret
    }
    return Harness(
      service: service, admin: try await key([.admin]), submit: try await key([.submit]),
      otherSubmit: try await key([.submit]), review: try await key([.review]), audit: try await key([.audit]))
  }

  func application() -> some ApplicationProtocol {
    Application(router: ServerApplication.router(service: service))
  }

  /// Runs queued jobs until none is left (the workers, in the test's task).
  func runJobs() async throws {
    let runner = JobRunner(service: service, worker: "test-worker", logger: .init(label: "test"))
    while let job = try await service.jobs.claim(worker: "test-worker", kinds: JobKind.all, leaseSeconds: 30)
    {
      await runner.run(job)
    }
  }
}

func headers(_ key: String?, _ extra: HTTPFields = [:]) -> HTTPFields {
  var fields = extra
  if let key { fields[.authorization] = "Bearer \(key)" }
  return fields
}

let jsonType: HTTPFields = [.contentType: "application/json"]

func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

/// The response's JSON object ([:] when it is not one, which the test's expectations then fail on).
func decodeJSON(_ response: TestResponse) -> [String: Any] {
  let object = try? JSONSerialization.jsonObject(with: Data(buffer: response.body))
  return object as? [String: Any] ?? [:]
}

func errorCode(_ response: TestResponse) -> String? {
  (decodeJSON(response)["error"] as? [String: Any])?["code"] as? String
}

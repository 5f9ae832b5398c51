import ArchiveStore
import Foundation
import Testing

/// One service-state store under the contract: a name and a way to make an empty store whose
/// clock the test sets.
struct ServiceStateFactory: Sendable, CustomStringConvertible {
  var description: String
  var make: @Sendable (_ clock: @escaping @Sendable () -> Double) async throws -> any ServiceStateStore

  static let memory = ServiceStateFactory(description: "memory") { MemoryServiceState(clock: $0) }

  static var all: [ServiceStateFactory] { [memory, sqlite] + extraServiceStateFactories }
}

/// The service-state contract: the same bodies on every store (memory, SQLite, PostgreSQL).
@Suite struct ServiceStateContractTests {
  @Test(arguments: ServiceStateFactory.all) func creationIsIdempotentAndKeepsTheFirstBody(
    _ factory: ServiceStateFactory
  ) async throws {
    let clock = TestClock()
    let store = try await factory.make(clock.read)
    let first = try await store.create(
      collection: "submissions", id: "s-1", owner: "key-a", body: Array("{}".utf8))
    #expect(first.created)
    #expect(first.record.version == 1)
    #expect(first.record.owner == "key-a")
    clock.advance(3)
    let again = try await store.create(
      collection: "submissions", id: "s-1", owner: "key-b", body: Array("{\"x\":1}".utf8))
    #expect(!again.created)
    #expect(again.record == first.record)
    // The same id in another collection is another record.
    let other = try await store.create(collection: "batches", id: "s-1", owner: nil, body: [1])
    #expect(other.created)
    #expect(try await store.count(collection: "submissions") == 1)
    #expect(try await store.record(collection: "submissions", id: "s-1")?.body == Array("{}".utf8))
    #expect(try await store.record(collection: "submissions", id: "missing") == nil)
  }

  @Test(arguments: ServiceStateFactory.all) func updatesNeedTheVersionTheyRead(
    _ factory: ServiceStateFactory
  ) async throws {
    let clock = TestClock()
    let store = try await factory.make(clock.read)
    let created = try await store.create(collection: "batches", id: "b", owner: nil, body: [0]).record
    clock.advance(2)
    let updated = try await store.update(
      collection: "batches", id: "b", body: [1], expectedVersion: created.version)
    #expect(updated.version == 2)
    #expect(updated.body == [1])
    #expect(updated.createdAt == created.createdAt)
    #expect(updated.updatedAt > created.updatedAt)
    await #expect(
      throws: StateStoreError(collection: "batches", id: "b", reason: .versionMismatch(stored: 2))
    ) {
      _ = try await store.update(collection: "batches", id: "b", body: [9], expectedVersion: 1)
    }
    await #expect(throws: StateStoreError(collection: "batches", id: "nope", reason: .notFound)) {
      _ = try await store.update(collection: "batches", id: "nope", body: [9], expectedVersion: 1)
    }
    #expect(try await store.record(collection: "batches", id: "b")?.body == [1])
    #expect(try await store.delete(collection: "batches", id: "b"))
    #expect(try await !store.delete(collection: "batches", id: "b"))
    #expect(try await store.record(collection: "batches", id: "b") == nil)
  }

  @Test(arguments: ServiceStateFactory.all) func concurrentUpdatesOfOneVersionLetExactlyOneWin(
    _ factory: ServiceStateFactory
  ) async throws {
    let store = try await factory.make(TestClock().read)
    let created = try await store.create(collection: "jobs", id: "j", owner: nil, body: [0]).record
    let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
      for writer in 1...8 {
        group.addTask {
          do {
            _ = try await store.update(
              collection: "jobs", id: "j", body: [UInt8(writer)], expectedVersion: created.version)
            return true
          } catch let error as StateStoreError {
            guard case .versionMismatch = error.reason else { throw error }
            return false
          }
        }
      }
      return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(wins == 1)
    #expect(try await store.record(collection: "jobs", id: "j")?.version == 2)
  }

  @Test(arguments: ServiceStateFactory.all) func listingsAreNewestFirstByOwnerAndPage(
    _ factory: ServiceStateFactory
  ) async throws {
    let clock = TestClock()
    let store = try await factory.make(clock.read)
    for index in 0..<7 {
      _ = try await store.create(
        collection: "submissions", id: "s\(index)", owner: index.isMultiple(of: 2) ? "even" : "odd", body: [])
      clock.advance(1)
    }
    let firstPage = try await store.records(collection: "submissions", owner: nil, after: nil, limit: 3)
    #expect(firstPage.map(\.id) == ["s6", "s5", "s4"])
    let secondPage = try await store.records(
      collection: "submissions", owner: nil, after: firstPage.last, limit: 3)
    #expect(secondPage.map(\.id) == ["s3", "s2", "s1"])
    let lastPage = try await store.records(
      collection: "submissions", owner: nil, after: secondPage.last, limit: 3)
    #expect(lastPage.map(\.id) == ["s0"])
    let even = try await store.records(collection: "submissions", owner: "even", after: nil, limit: 10)
    #expect(even.map(\.id) == ["s6", "s4", "s2", "s0"])
    #expect(try await store.records(collection: "other", owner: nil, after: nil, limit: 10).isEmpty)
  }

  @Test(arguments: ServiceStateFactory.all) func blobsRoundTripFromFilesAndReplace(
    _ factory: ServiceStateFactory
  ) async throws {
    let store = try await factory.make(TestClock().read)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "state-blob-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // Larger than one chunk of any sensible chunked implementation, not a multiple of 4 KiB.
    let bytes = (0..<(3 * 1_048_576 + 4097)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
    let file = directory.appendingPathComponent("upload.bin")
    try Data(bytes).write(to: file)
    #expect(try await store.putBlob(id: "upload-1", fromFile: file.path) == bytes.count)
    #expect(try await store.blob(id: "upload-1") == bytes)
    try Data([1, 2, 3]).write(to: file)
    #expect(try await store.putBlob(id: "upload-1", fromFile: file.path) == 3)
    #expect(try await store.blob(id: "upload-1") == [1, 2, 3])
    #expect(try await store.blob(id: "missing") == nil)
    #expect(try await store.deleteBlob(id: "upload-1"))
    #expect(try await store.blob(id: "upload-1") == nil)
    await #expect(throws: StateStoreError.self) {
      _ = try await store.putBlob(id: "x", fromFile: directory.appendingPathComponent("absent").path)
    }
  }

  @Test(arguments: ServiceStateFactory.all) func theAuditLogAppendsInOrderAndPagesBackwards(
    _ factory: ServiceStateFactory
  ) async throws {
    let clock = TestClock()
    let store = try await factory.make(clock.read)
    var sequences: [Int64] = []
    for index in 0..<5 {
      let entry = try await store.appendAudit(
        AuditEntry(
          time: clock.read(), actor: "key-\(index)", action: "report.read", target: "s\(index)",
          clientAddress: "127.0.0.1", detail: index == 0 ? "first" : nil))
      sequences.append(entry.sequence)
      clock.advance(1)
    }
    #expect(sequences == sequences.sorted())
    #expect(Set(sequences).count == 5)
    let newest = try await store.auditEntries(before: nil, limit: 2)
    #expect(newest.map(\.target) == ["s4", "s3"])
    let older = try await store.auditEntries(before: newest.last?.sequence, limit: 10)
    #expect(older.map(\.target) == ["s2", "s1", "s0"])
    #expect(older.last?.detail == "first")
    #expect(older.last?.clientAddress == "127.0.0.1")
    #expect(older.last?.actor == "key-0")
  }
}

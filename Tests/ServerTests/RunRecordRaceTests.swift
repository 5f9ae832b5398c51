import ArchiveStore
import ChachongCore
import Foundation
import Synchronization
import Testing

@testable import ChachongServer

/// A worker may claim a job the moment it is queued. The batch or submission must already name
/// the job then: a worker takes a job its owner does not name for one superseded by a newer run
/// and finishes it with nothing (a batch used to show "complete" with no report when the run was
/// recorded after the job was queued). The queue here looks at the stored state at the moment
/// of each enqueue, so the order is checked without depending on timing.
@Suite struct RunRecordRaceTests {
  /// A `MemoryJobQueue` that, on each enqueue, records whether some stored batch or submission
  /// already names the job.
  final class ObservingQueue: JobQueue {
    let inner = MemoryJobQueue()
    let state: any ServiceStateStore
    let namedWhenQueued = Mutex([String: Bool]())

    init(state: any ServiceStateStore) { self.state = state }

    func enqueue(id: String, kind: String, payload: [UInt8]) async throws(JobQueueError) -> JobRecord {
      var named = false
      for collection in [Collection.batches, Collection.submissions] {
        let records =
          (try? await state.records(collection: collection, owner: nil, after: nil, limit: 1000)) ?? []
        named = named || records.contains { String(decoding: $0.body, as: UTF8.self).contains("\"\(id)\"") }
      }
      namedWhenQueued.withLock { $0[id] = named }
      return try inner.enqueue(id: id, kind: kind, payload: payload)
    }
    func claim(worker: String, kinds: [String], leaseSeconds: Double) async throws(JobQueueError)
      -> JobRecord?
    {
      inner.claim(worker: worker, kinds: kinds, leaseSeconds: leaseSeconds)
    }
    func report(
      id: String, worker: String, stage: String, done: Int, total: Int?, leaseSeconds: Double
    ) async throws(JobQueueError) {
      try inner.report(
        id: id, worker: worker, stage: stage, done: done, total: total, leaseSeconds: leaseSeconds)
    }
    func succeed(id: String, worker: String, result: [UInt8]) async throws(JobQueueError) {
      try inner.succeed(id: id, worker: worker, result: result)
    }
    func fail(id: String, worker: String, error: String) async throws(JobQueueError) {
      try inner.fail(id: id, worker: worker, error: error)
    }
    func cancel(id: String, reason: String) async throws(JobQueueError) -> Bool {
      try inner.cancel(id: id, reason: reason)
    }
    func job(id: String) async throws(JobQueueError) -> JobRecord? { inner.job(id: id) }
    func jobs(state: JobState?, limit: Int) async throws(JobQueueError) -> [JobRecord] {
      inner.jobs(state: state, limit: limit)
    }
    func counts() async throws(JobQueueError) -> [JobState: Int] { inner.counts() }
  }

  @Test func everyJobIsNamedByItsBatchOrSubmissionBeforeItIsQueued() async throws {
    let state = MemoryServiceState()
    let queue = ObservingQueue(state: state)
    let service = ChachongService(
      configuration: ServerConfiguration(), archive: MemoryArchive(parameters: .standard), jobs: queue,
      state: state,
      scratchDirectory: FileManager.default.temporaryDirectory.appendingPathComponent(
        "race-\(UUID().uuidString)"
      ).path)
    let reviewer = Caller(id: "user:reviewer", scopes: [.review, .submit])
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "race-\(UUID().uuidString).txt")
    try Data("基于竞态条件的测试研发\n一、项目概述\n本项目研究任务与记录的先后。\n".utf8).write(to: scratch)
    defer { try? FileManager.default.removeItem(at: scratch) }

    let (batch, _) = try await service.createBatch(BatchCreation(name: "race"), caller: reviewer)
    _ = try await service.addBatchFile(
      batchID: batch.id, name: "race.txt", fromFile: scratch.path, caller: reviewer)
    _ = try await service.runBatch(id: batch.id, caller: reviewer)
    _ = try await service.createSubmission(InputMetadata(id: "RACE-1"), caller: reviewer)
    let application = FileManager.default.temporaryDirectory.appendingPathComponent(
      "race-\(UUID().uuidString).docx")
    try Data(try sampleFile("applications/QZ2023-001.docx")).write(to: application)
    defer { try? FileManager.default.removeItem(at: application) }
    _ = try await service.uploadSubmissionFile(
      id: "RACE-1", fileName: "QZ2023-001.docx", fromFile: application.path, caller: reviewer)

    let runner = JobRunner(service: service, worker: "test-worker", logger: .init(label: "test"))
    while let job = try await queue.claim(worker: "test-worker", kinds: JobKind.all, leaseSeconds: 60) {
      await runner.run(job)
    }
    _ = try await service.requestSubmissionCheck(
      id: "RACE-1", options: SubmissionCheckOptions(), caller: reviewer)
    while let job = try await queue.claim(worker: "test-worker", kinds: JobKind.all, leaseSeconds: 60) {
      await runner.run(job)
    }

    let seen = queue.namedWhenQueued.withLock { $0 }
    #expect(seen.count == 3)
    #expect(seen.values.allSatisfy { $0 }, "jobs queued before their owner named them: \(seen)")
    let report = try #require(try await service.batchCheckReport(id: batch.id, caller: reviewer))
    #expect(report.applications.count == 1)
    #expect(try await service.submission(id: "RACE-1", caller: reviewer).state == .complete)
  }
}

import ArchiveStore
import ChachongCore
import Foundation
import Testing

@testable import ChachongServer

/// `runBatch` enqueues the check job and then records the run on the batch. A worker that claims
/// the job in between used to read the batch without the run, take the job for a stale one and
/// finish it with no report (the batch then showed "complete" with nothing to read). The job now
/// waits for the record.
@Suite struct RunRecordRaceTests {
  @Test func aJobClaimedBeforeItsRunIsRecordedStillChecksTheBatch() async throws {
    let harness = try await Harness.make()
    let service = harness.service
    let reviewer = Caller(id: "user:reviewer", scopes: [.review])
    let (batch, _) = try await service.createBatch(BatchCreation(name: "race"), caller: reviewer)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "race-\(UUID().uuidString).txt")
    try Data("基于竞态条件的测试研发\n一、项目概述\n本项目研究任务与记录的先后。\n".utf8).write(to: scratch)
    defer { try? FileManager.default.removeItem(at: scratch) }
    _ = try await service.addBatchFile(
      batchID: batch.id, name: "race.txt", fromFile: scratch.path, caller: reviewer)

    // The first half of runBatch: the job exists, the batch does not name it yet.
    let jobID = "batch:\(batch.id):1"
    _ = try await service.enqueue(
      id: jobID, kind: JobKind.batchCheck, payload: BatchCheckPayload(batch: batch.id, run: 1))
    let job = try #require(
      try await service.jobs.claim(worker: "test-worker", kinds: JobKind.all, leaseSeconds: 60))
    #expect(job.id == jobID)
    // The second half lands while the job runs.
    let recorder = Task {
      try await Task.sleep(for: .milliseconds(300))
      _ = try await service.modify(
        Collection.batches, batch.id, as: StoredBatch.self, notFound: .notFound("batch", batch.id)
      ) { stored, _ in
        stored.runs = 1
        stored.runJob = jobID
      }
    }
    await JobRunner(service: service, worker: "test-worker", logger: .init(label: "test")).run(job)
    try await recorder.value

    let report = try #require(try await service.batchCheckReport(id: batch.id, caller: reviewer))
    #expect(report.applications.count == 1)
  }
}

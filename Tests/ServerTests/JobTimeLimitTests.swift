import ArchiveStore
import ChachongCore
import Foundation
import Synchronization
import Testing

@testable import ChachongServer

/// The per-job time limit (`jobTimeoutSeconds`): a job that runs past it is stopped, recorded as
/// failed with the code TIMED_OUT, and the worker goes on with the next job. The slow job is made
/// slow by a hook that waits until it is cancelled, so it can end only through the limit, however
/// fast or loaded the machine is; the test asserts on the states, never on elapsed time.
@Suite struct JobTimeLimitTests {
  @Test func aJobPastItsLimitFailsAsTimedOutAndTheWorkerGoesOn() async throws {
    var configuration = ServerConfiguration()
    configuration.jobTimeoutSeconds = 0.2
    let stuckStarted = StartedJobs()
    let harness = try await Harness.make(
      configuration: configuration,
      beforeJob: { job in
        guard job.id.contains(":STUCK:") else { return }
        stuckStarted.add(job.id)
        // Ends only through cancellation (the limit); were the limit not kept, the job would fail
        // after 300 s with another error, and the expectations below would fail, not hang.
        try await Task.sleep(for: .seconds(300))
        throw NotStopped()
      })
    let service = harness.service
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "timeout-\(UUID().uuidString).docx")
    try Data(try sampleFile("applications/QZ2023-001.docx")).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    for id in ["STUCK", "NEXT"] {
      _ = try await service.createSubmission(InputMetadata(id: id), caller: .system)
      _ = try await service.uploadSubmissionFile(
        id: id, fileName: "QZ2023-001.docx", fromFile: file.path, caller: .system)
    }

    // One worker runs both jobs in turn, as a service's worker does.
    try await harness.runJobs()

    #expect(stuckStarted.ids.count == 1)
    let stuck = try await service.submission(id: "STUCK", caller: .system)
    #expect(stuck.state == .error)
    #expect(stuck.errorCode == .timedOut)
    #expect(stuck.message?.contains("limit") == true)
    let stuckJobID = try #require(stuckStarted.ids.first)
    let stuckJob = try #require(try await service.jobs.job(id: stuckJobID))
    #expect(stuckJob.state == .failed)
    #expect(stuckJob.error?.contains("limit") == true)

    let next = try await service.submission(id: "NEXT", caller: .system)
    #expect(next.state == .complete)
    #expect(next.errorCode == nil)
    #expect((next.characters ?? 0) > 1000)
  }

  @Test func aBatchCheckPastItsLimitIsAnErrorSayingSo() async throws {
    var configuration = ServerConfiguration()
    configuration.jobTimeoutSeconds = 0.2
    let harness = try await Harness.make(
      configuration: configuration,
      beforeJob: { job in
        guard job.kind == JobKind.batchCheck else { return }
        try await Task.sleep(for: .seconds(300))
        throw NotStopped()
      })
    let service = harness.service
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "timeout-\(UUID().uuidString).docx")
    try Data(try sampleFile("applications/QZ2023-001.docx")).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let (batch, _) = try await service.createBatch(BatchCreation(id: "B-SLOW"), caller: .system)
    _ = try await service.addBatchFile(
      batchID: batch.id, name: "QZ2023-001.docx", fromFile: file.path, caller: .system)
    _ = try await service.runBatch(id: batch.id, caller: .system)

    try await harness.runJobs()

    let after = try await service.batch(id: batch.id, caller: .system)
    #expect(after.state == .error)
    #expect(after.message?.contains("limit") == true)
    #expect(after.errorCode == .timedOut)
  }
}

struct NotStopped: Error {}

/// Ids of the jobs the hook saw start (the hook runs in the job's task).
final class StartedJobs: Sendable {
  private let started = Mutex<[String]>([])
  func add(_ id: String) { started.withLock { $0.append(id) } }
  var ids: [String] { started.withLock { $0 } }
}

import ArchiveStore
import Foundation
import Synchronization
import Testing

/// One job queue under the contract: a name and a way to make an empty queue whose clock the
/// test sets (seconds since 1970), so lease expiry is tested without sleeping.
struct JobQueueFactory: Sendable, CustomStringConvertible {
  var description: String
  var make:
    @Sendable (_ maxAttempts: Int, _ clock: @escaping @Sendable () -> Double) async throws -> any JobQueue

  static let memory = JobQueueFactory(description: "memory") { MemoryJobQueue(maxAttempts: $0, clock: $1) }

  static var all: [JobQueueFactory] { [memory, sqlite] + extraJobQueueFactories }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
  private let now = Mutex(1_800_000_000.0)
  var read: @Sendable () -> Double { { [self] in now.withLock { $0 } } }
  func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
}

/// The job-queue contract: the same bodies on every queue (memory, and the durable stores' job
/// tables), as for the archive stores.
@Suite struct JobQueueContractTests {
  @Test(arguments: JobQueueFactory.all) func enqueueIsIdempotentAndConflictsOnAnotherPayload(
    _ factory: JobQueueFactory
  ) async throws {
    let clock = TestClock()
    let queue = try await factory.make(3, clock.read)
    let first = try await queue.enqueue(id: "j1", kind: "check", payload: Array("{\"a\":1}".utf8))
    #expect(first.state == .queued)
    clock.advance(5)
    let again = try await queue.enqueue(id: "j1", kind: "check", payload: Array("{\"a\":1}".utf8))
    #expect(again == first)
    await #expect(throws: JobQueueError(jobID: "j1", reason: .conflict)) {
      _ = try await queue.enqueue(id: "j1", kind: "check", payload: Array("{\"a\":2}".utf8))
    }
    #expect(try await queue.counts()[.queued] == 1)
  }

  @Test(arguments: JobQueueFactory.all) func claimsTakeTheOldestJobOnceAndOnlyOfTheAskedKinds(
    _ factory: JobQueueFactory
  ) async throws {
    let clock = TestClock()
    let queue = try await factory.make(3, clock.read)
    _ = try await queue.enqueue(id: "a", kind: "extract", payload: [1])
    clock.advance(1)
    _ = try await queue.enqueue(id: "b", kind: "check", payload: [2])
    clock.advance(1)
    _ = try await queue.enqueue(id: "c", kind: "check", payload: [3])
    let first = try await queue.claim(worker: "w1", kinds: ["check"], leaseSeconds: 60)
    #expect(first?.id == "b")
    #expect(first?.state == .running)
    #expect(first?.attempts == 1)
    #expect(first?.worker == "w1")
    let second = try await queue.claim(worker: "w2", kinds: ["check"], leaseSeconds: 60)
    #expect(second?.id == "c")
    #expect(try await queue.claim(worker: "w3", kinds: ["check"], leaseSeconds: 60) == nil)
    #expect(try await queue.claim(worker: "w3", kinds: ["extract"], leaseSeconds: 60)?.id == "a")
    #expect(try await queue.counts() == [.queued: 0, .running: 3, .succeeded: 0, .failed: 0, .cancelled: 0])
  }

  @Test(arguments: JobQueueFactory.all) func concurrentClaimsNeverHandOutAJobTwice(_ factory: JobQueueFactory)
    async throws
  {
    let clock = TestClock()
    let queue = try await factory.make(3, clock.read)
    for index in 0..<40 {
      _ = try await queue.enqueue(
        id: String(format: "job%02d", index), kind: "check", payload: [UInt8(index)])
    }
    let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
      for worker in 0..<4 {
        group.addTask {
          var mine: [String] = []
          while let job = try await queue.claim(worker: "w\(worker)", kinds: ["check"], leaseSeconds: 60) {
            mine.append(job.id)
            try await queue.succeed(id: job.id, worker: "w\(worker)", result: [])
          }
          return mine
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
    #expect(claimed.count == 40)
    #expect(Set(claimed).count == 40)
    #expect(try await queue.counts()[.succeeded] == 40)
  }

  @Test(arguments: JobQueueFactory.all) func progressResultAndFailureAreKeptAndOnlyTheHolderMayWrite(
    _ factory: JobQueueFactory
  ) async throws {
    let clock = TestClock()
    let queue = try await factory.make(3, clock.read)
    _ = try await queue.enqueue(id: "ok", kind: "check", payload: [])
    _ = try await queue.enqueue(id: "bad", kind: "check", payload: [])
    let ok = try #require(try await queue.claim(worker: "w", kinds: ["check"], leaseSeconds: 60))
    try await queue.report(id: ok.id, worker: "w", stage: "searching", done: 3, total: 10, leaseSeconds: 60)
    let running = try #require(try await queue.job(id: ok.id))
    #expect(running.progressStage == "searching")
    #expect(running.progressDone == 3)
    #expect(running.progressTotal == 10)
    await #expect(throws: JobQueueError(jobID: ok.id, reason: .notHeld)) {
      try await queue.succeed(id: ok.id, worker: "intruder", result: [9])
    }
    try await queue.succeed(id: ok.id, worker: "w", result: Array("done".utf8))
    let bad = try #require(try await queue.claim(worker: "w", kinds: ["check"], leaseSeconds: 60))
    try await queue.fail(id: bad.id, worker: "w", error: "CORRUPT_FILE: not a zip")
    #expect(try await queue.job(id: ok.id)?.result == Array("done".utf8))
    #expect(try await queue.job(id: ok.id)?.state == .succeeded)
    #expect(try await queue.job(id: bad.id)?.state == .failed)
    #expect(try await queue.job(id: bad.id)?.error == "CORRUPT_FILE: not a zip")
    #expect(try await queue.job(id: "nope") == nil)
  }

  @Test(arguments: JobQueueFactory.all) func anExpiredLeaseIsRetriedThenFailsWithTheReason(
    _ factory: JobQueueFactory
  ) async throws {
    let clock = TestClock()
    let queue = try await factory.make(2, clock.read)
    _ = try await queue.enqueue(id: "j", kind: "check", payload: [])
    #expect(try await queue.claim(worker: "dead1", kinds: ["check"], leaseSeconds: 10)?.attempts == 1)
    clock.advance(11)
    let retried = try #require(try await queue.claim(worker: "w2", kinds: ["check"], leaseSeconds: 10))
    #expect(retried.attempts == 2)
    #expect(retried.worker == "w2")
    await #expect(throws: JobQueueError(jobID: "j", reason: .notHeld)) {
      try await queue.succeed(id: "j", worker: "dead1", result: [])
    }
    clock.advance(11)
    #expect(try await queue.claim(worker: "w3", kinds: ["check"], leaseSeconds: 10) == nil)
    let failed = try #require(try await queue.job(id: "j"))
    #expect(failed.state == .failed)
    #expect(failed.error?.isEmpty == false)
  }

  @Test(arguments: JobQueueFactory.all) func cancelStopsQueuedAndRunningJobsButNotFinishedOnes(
    _ factory: JobQueueFactory
  ) async throws {
    let clock = TestClock()
    let queue = try await factory.make(3, clock.read)
    _ = try await queue.enqueue(id: "q", kind: "check", payload: [])
    clock.advance(1)
    _ = try await queue.enqueue(id: "r", kind: "check", payload: [])
    clock.advance(1)
    _ = try await queue.enqueue(id: "s", kind: "other", payload: [])
    #expect(try await queue.cancel(id: "q", reason: "withdrawn") == true)
    let running = try #require(try await queue.claim(worker: "w", kinds: ["check"], leaseSeconds: 60))
    #expect(running.id == "r")
    #expect(try await queue.cancel(id: "r", reason: "withdrawn") == true)
    await #expect(throws: JobQueueError(jobID: "r", reason: .notHeld)) {
      try await queue.report(id: "r", worker: "w", stage: "rules", done: 1, total: 2, leaseSeconds: 60)
    }
    let other = try #require(try await queue.claim(worker: "w", kinds: ["other"], leaseSeconds: 60))
    try await queue.succeed(id: other.id, worker: "w", result: [])
    #expect(try await queue.cancel(id: "s", reason: "late") == false)
    #expect(try await queue.job(id: "q")?.error == "withdrawn")
    #expect(try await queue.jobs(state: .cancelled, limit: 10).map(\.id) == ["r", "q"])
    #expect(try await queue.jobs(state: nil, limit: 2).map(\.id) == ["s", "r"])
  }
}

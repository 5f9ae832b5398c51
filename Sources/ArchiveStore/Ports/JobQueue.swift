import Foundation
import Synchronization

/// The state of a queued job (a submission's extraction or check, a batch check).
package enum JobState: String, Sendable, Codable, CaseIterable {
  case queued
  case running
  case succeeded
  case failed
  case cancelled

  package var isFinished: Bool { self == .succeeded || self == .failed || self == .cancelled }
}

/// One job of the durable job table: what to do (`kind`, `payload`: the adapter's JSON), where
/// it is, and what came of it. Timestamps are seconds since 1970 (UTC), whole milliseconds.
package struct JobRecord: Sendable, Equatable, Codable {
  package var id: String
  package var kind: String
  package var payload: [UInt8]
  package var state: JobState
  /// Claims so far (a claim whose lease expired is retried up to the queue's limit).
  package var attempts: Int
  /// Stage name, done, total: the last progress a worker reported.
  package var progressStage: String?
  package var progressDone: Int
  package var progressTotal: Int?
  package var result: [UInt8]?
  /// Why the job failed or was cancelled: always set when `state` is failed or cancelled.
  package var error: String?
  /// The worker holding the job while it runs.
  package var worker: String?
  package var createdAt: Double
  package var updatedAt: Double
  /// A running job whose lease ran out (its worker died) is queued again by the next claim.
  package var leaseExpiresAt: Double?

  package init(
    id: String, kind: String, payload: [UInt8], state: JobState = .queued, attempts: Int = 0,
    progressStage: String? = nil, progressDone: Int = 0, progressTotal: Int? = nil, result: [UInt8]? = nil,
    error: String? = nil, worker: String? = nil, createdAt: Double, updatedAt: Double,
    leaseExpiresAt: Double? = nil
  ) {
    self.id = id
    self.kind = kind
    self.payload = payload
    self.state = state
    self.attempts = attempts
    self.progressStage = progressStage
    self.progressDone = progressDone
    self.progressTotal = progressTotal
    self.result = result
    self.error = error
    self.worker = worker
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.leaseExpiresAt = leaseExpiresAt
  }
}

/// Why a job operation failed.
package struct JobQueueError: Error, Sendable, Equatable, CustomStringConvertible {
  package enum Reason: Sendable, Equatable {
    /// `enqueue` with an id that exists (with another kind or payload: the same ones return the
    /// existing job, so a retried request never makes a second job).
    case conflict
    case notFound
    /// The job is not held by this worker any more (its lease ran out and another claimed it,
    /// or it was cancelled): the worker must stop and drop its result.
    case notHeld
    case storage(String)
  }

  package var jobID: String
  package var reason: Reason

  package init(jobID: String, reason: Reason) {
    self.jobID = jobID
    self.reason = reason
  }

  package var description: String {
    switch reason {
    case .conflict: "job \(jobID) exists with another kind or payload"
    case .notFound: "no job \(jobID)"
    case .notHeld: "job \(jobID) is no longer held by this worker"
    case .storage(let detail): "job \(jobID): job table error: \(detail)"
    }
  }
}

/// The durable job table several workers (threads, processes, service instances) share.
///
/// A claim takes the oldest queued job of the asked kinds atomically (PostgreSQL: `FOR UPDATE
/// SKIP LOCKED`), so no job runs twice at once; a worker that dies leaves a running job whose
/// lease expires, and the next claim queues it again (up to `maxAttempts`, then it fails with
/// the reason). Every method is safe to call concurrently.
package protocol JobQueue: Sendable {
  /// Queues a job. The same id with the same kind and payload returns the stored job unchanged
  /// (idempotent retries); with another kind or payload it throws `.conflict`.
  func enqueue(id: String, kind: String, payload: [UInt8]) async throws(JobQueueError) -> JobRecord
  /// The oldest queued job of one of `kinds`, now running under `worker` for `leaseSeconds`;
  /// nil when there is none.
  func claim(worker: String, kinds: [String], leaseSeconds: Double) async throws(JobQueueError) -> JobRecord?
  /// Records progress and extends the lease.
  func report(
    id: String, worker: String, stage: String, done: Int, total: Int?, leaseSeconds: Double
  ) async throws(JobQueueError)
  func succeed(id: String, worker: String, result: [UInt8]) async throws(JobQueueError)
  func fail(id: String, worker: String, error: String) async throws(JobQueueError)
  /// Cancels a queued or running job (a running job's worker learns it at its next report).
  /// Returns false when the job had already finished.
  func cancel(id: String, reason: String) async throws(JobQueueError) -> Bool
  func job(id: String) async throws(JobQueueError) -> JobRecord?
  /// Jobs newest first, optionally of one state, at most `limit`.
  func jobs(state: JobState?, limit: Int) async throws(JobQueueError) -> [JobRecord]
  /// How many jobs are in each state (states without jobs are 0).
  func counts() async throws(JobQueueError) -> [JobState: Int]
}

/// The job table in memory: the reference implementation of the contract, for tests and for a
/// service run without a durable store.
package final class MemoryJobQueue: JobQueue {
  private let state = Mutex([String: JobRecord]())
  private let clock: @Sendable () -> Double
  package let maxAttempts: Int

  package init(
    maxAttempts: Int = 3, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.maxAttempts = maxAttempts
    self.clock = clock
  }

  package func enqueue(id: String, kind: String, payload: [UInt8]) throws(JobQueueError) -> JobRecord {
    let now = clock()
    return try state.withLock { (jobs) throws(JobQueueError) -> JobRecord in
      if let existing = jobs[id] {
        guard existing.kind == kind, existing.payload == payload else {
          throw JobQueueError(jobID: id, reason: .conflict)
        }
        return existing
      }
      let job = JobRecord(id: id, kind: kind, payload: payload, createdAt: now, updatedAt: now)
      jobs[id] = job
      return job
    }
  }

  package func claim(worker: String, kinds: [String], leaseSeconds: Double) -> JobRecord? {
    let now = clock()
    return state.withLock { jobs -> JobRecord? in
      for (id, job) in jobs where job.state == .running && (job.leaseExpiresAt ?? .infinity) < now {
        var expired = job
        expired.worker = nil
        expired.leaseExpiresAt = nil
        expired.updatedAt = now
        if job.attempts >= maxAttempts {
          expired.state = .failed
          expired.error = "the worker stopped answering \(job.attempts) times (last: \(job.worker ?? "?"))"
        } else {
          expired.state = .queued
        }
        jobs[id] = expired
      }
      let wanted = Set(kinds)
      guard
        var next = jobs.values.filter({ $0.state == .queued && wanted.contains($0.kind) })
          .min(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) })
      else { return nil }
      next.state = .running
      next.worker = worker
      next.attempts += 1
      next.leaseExpiresAt = now + leaseSeconds
      next.updatedAt = now
      jobs[next.id] = next
      return next
    }
  }

  private func updateHeld(
    id: String, worker: String, _ change: (inout JobRecord) -> Void
  ) throws(JobQueueError) {
    let now = clock()
    try state.withLock { (jobs) throws(JobQueueError) in
      guard var job = jobs[id] else { throw JobQueueError(jobID: id, reason: .notFound) }
      guard job.state == .running, job.worker == worker else {
        throw JobQueueError(jobID: id, reason: .notHeld)
      }
      change(&job)
      job.updatedAt = now
      jobs[id] = job
    }
  }

  package func report(
    id: String, worker: String, stage: String, done: Int, total: Int?, leaseSeconds: Double
  ) throws(JobQueueError) {
    let now = clock()
    try updateHeld(id: id, worker: worker) { job in
      job.progressStage = stage
      job.progressDone = done
      job.progressTotal = total
      job.leaseExpiresAt = now + leaseSeconds
    }
  }

  package func succeed(id: String, worker: String, result: [UInt8]) throws(JobQueueError) {
    try updateHeld(id: id, worker: worker) { job in
      job.state = .succeeded
      job.result = result
      job.worker = nil
      job.leaseExpiresAt = nil
    }
  }

  package func fail(id: String, worker: String, error: String) throws(JobQueueError) {
    try updateHeld(id: id, worker: worker) { job in
      job.state = .failed
      job.error = error
      job.worker = nil
      job.leaseExpiresAt = nil
    }
  }

  package func cancel(id: String, reason: String) throws(JobQueueError) -> Bool {
    let now = clock()
    return try state.withLock { (jobs) throws(JobQueueError) -> Bool in
      guard var job = jobs[id] else { throw JobQueueError(jobID: id, reason: .notFound) }
      guard !job.state.isFinished else { return false }
      job.state = .cancelled
      job.error = reason
      job.worker = nil
      job.leaseExpiresAt = nil
      job.updatedAt = now
      jobs[id] = job
      return true
    }
  }

  package func job(id: String) -> JobRecord? {
    state.withLock { $0[id] }
  }

  package func jobs(state wanted: JobState?, limit: Int) -> [JobRecord] {
    state.withLock { jobs in
      Array(
        jobs.values.filter { wanted == nil || $0.state == wanted }
          .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
          .prefix(max(0, limit)))
    }
  }

  package func counts() -> [JobState: Int] {
    state.withLock { jobs in
      var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
      for job in jobs.values { counts[job.state, default: 0] += 1 }
      return counts
    }
  }
}

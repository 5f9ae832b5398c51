import ArchiveStore
import Foundation
import Logging
import PostgresNIO

/// The durable job table in PostgreSQL (`chachong_jobs`), shared by every worker of every
/// process and service instance on the store.
///
/// A claim is one statement: the oldest queued job of the asked kinds is picked with
/// `FOR UPDATE SKIP LOCKED`, so concurrent claims never wait on each other and never take one
/// job twice. Expired leases are queued again (or failed after `maxAttempts`) by the next claim.
/// Timestamps come from the queue's clock (seconds since 1970), so every instance must keep its
/// clock in time (NTP), as the lease durations assume anyway.
package final class PostgresJobQueue: JobQueue {
  let session: PostgresSession
  package let maxAttempts: Int
  private let clock: @Sendable () -> Double
  /// Keeps the archive (and so its connection pool) alive while the queue is used.
  private let archive: PostgresArchive

  /// The job table of an opened PostgreSQL store.
  package init(
    archive: PostgresArchive, maxAttempts: Int = 3,
    clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.archive = archive
    self.session = archive.session
    self.maxAttempts = maxAttempts
    self.clock = clock
  }

  private static let columns = """
    id, kind, payload, state, attempts, progress_stage, progress_done, progress_total, result, error, worker,
    created_at, updated_at, lease_expires_at
    """

  private func failure(_ id: String, _ error: IndexError) -> JobQueueError {
    JobQueueError(jobID: id, reason: .storage(error.description))
  }

  private func fetch(_ id: String, _ query: PostgresQuery) async throws(JobQueueError) -> [JobRecord] {
    var jobs: [JobRecord] = []
    do {
      try await session.forEachRow(query) { row throws(IndexError) in
        jobs.append(try Self.record(row, session: session))
      }
    } catch {
      throw failure(id, error)
    }
    return jobs
  }

  static func record(_ row: PostgresRow, session: PostgresSession) throws(IndexError) -> JobRecord {
    let cells = row.makeRandomAccess()
    let stateText = try session.decodeCell(cells["state"], String.self)
    guard let state = JobState(rawValue: stateText) else {
      throw IndexError(path: session.path, reason: .corrupt("job state \(stateText)"))
    }
    let payload = try session.decodeCell(cells["payload"], ByteBuffer.self)
    let result = try session.decodeCell(cells["result"], ByteBuffer?.self)
    return JobRecord(
      id: try session.decodeCell(cells["id"], String.self),
      kind: try session.decodeCell(cells["kind"], String.self),
      payload: Array(payload.readableBytesView), state: state,
      attempts: try session.decodeCell(cells["attempts"], Int.self),
      progressStage: try session.decodeCell(cells["progress_stage"], String?.self),
      progressDone: try session.decodeCell(cells["progress_done"], Int.self),
      progressTotal: try session.decodeCell(cells["progress_total"], Int?.self),
      result: result.map { Array($0.readableBytesView) },
      error: try session.decodeCell(cells["error"], String?.self),
      worker: try session.decodeCell(cells["worker"], String?.self),
      createdAt: try session.decodeCell(cells["created_at"], Double.self),
      updatedAt: try session.decodeCell(cells["updated_at"], Double.self),
      leaseExpiresAt: try session.decodeCell(cells["lease_expires_at"], Double?.self))
  }

  package func enqueue(id: String, kind: String, payload: [UInt8]) async throws(JobQueueError) -> JobRecord {
    let now = clock()
    let bytes = ByteBuffer(bytes: payload)
    let inserted = try await fetch(
      id,
      """
      INSERT INTO chachong_jobs(id, kind, payload, state, created_at, updated_at)
      VALUES (\(id), \(kind), \(bytes), 'queued', \(now), \(now))
      ON CONFLICT (id) DO NOTHING
      RETURNING \(unescaped: Self.columns)
      """)
    if let job = inserted.first { return job }
    guard let existing = try await job(id: id) else {
      throw JobQueueError(jobID: id, reason: .storage("the job vanished while it was enqueued"))
    }
    guard existing.kind == kind, existing.payload == payload else {
      throw JobQueueError(jobID: id, reason: .conflict)
    }
    return existing
  }

  package func claim(worker: String, kinds: [String], leaseSeconds: Double) async throws(JobQueueError)
    -> JobRecord?
  {
    let now = clock()
    let maxAttempts = self.maxAttempts
    // Leases that ran out: queued again, or failed with the reason after the last attempt.
    _ = try await fetch(
      "(expired leases)",
      """
      UPDATE chachong_jobs SET
        state = CASE WHEN attempts >= \(maxAttempts) THEN 'failed' ELSE 'queued' END,
        error = CASE WHEN attempts >= \(maxAttempts)
          THEN 'the worker stopped answering ' || attempts || ' times (last: ' || COALESCE(worker, '?') || ')'
          ELSE error END,
        worker = NULL, lease_expires_at = NULL, updated_at = \(now)
      WHERE state = 'running' AND lease_expires_at < \(now)
      RETURNING \(unescaped: Self.columns)
      """)
    let claimed = try await fetch(
      "(claim)",
      """
      UPDATE chachong_jobs SET state = 'running', worker = \(worker), attempts = attempts + 1,
        lease_expires_at = \(now + leaseSeconds), updated_at = \(now)
      WHERE id = (
        SELECT id FROM chachong_jobs WHERE state = 'queued' AND kind = ANY(\(kinds)::text[])
        ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING \(unescaped: Self.columns)
      """)
    return claimed.first
  }

  /// Runs an update on a job this worker holds; `.notHeld` when the statement touched nothing
  /// because the job exists but is not running under `worker`, `.notFound` when it does not exist.
  private func updateHeld(id: String, _ query: PostgresQuery) async throws(JobQueueError) {
    let updated = try await fetch(id, query)
    guard updated.isEmpty else { return }
    guard try await job(id: id) != nil else { throw JobQueueError(jobID: id, reason: .notFound) }
    throw JobQueueError(jobID: id, reason: .notHeld)
  }

  package func report(
    id: String, worker: String, stage: String, done: Int, total: Int?, leaseSeconds: Double
  ) async throws(JobQueueError) {
    let now = clock()
    try await updateHeld(
      id: id,
      """
      UPDATE chachong_jobs SET progress_stage = \(stage), progress_done = \(done), progress_total = \(total),
        lease_expires_at = \(now + leaseSeconds), updated_at = \(now)
      WHERE id = \(id) AND state = 'running' AND worker = \(worker)
      RETURNING \(unescaped: Self.columns)
      """)
  }

  package func succeed(id: String, worker: String, result: [UInt8]) async throws(JobQueueError) {
    let now = clock()
    try await updateHeld(
      id: id,
      """
      UPDATE chachong_jobs SET state = 'succeeded', result = \(ByteBuffer(bytes: result)), worker = NULL,
        lease_expires_at = NULL, updated_at = \(now)
      WHERE id = \(id) AND state = 'running' AND worker = \(worker)
      RETURNING \(unescaped: Self.columns)
      """)
  }

  package func fail(id: String, worker: String, error: String) async throws(JobQueueError) {
    let now = clock()
    try await updateHeld(
      id: id,
      """
      UPDATE chachong_jobs SET state = 'failed', error = \(error), worker = NULL, lease_expires_at = NULL,
        updated_at = \(now)
      WHERE id = \(id) AND state = 'running' AND worker = \(worker)
      RETURNING \(unescaped: Self.columns)
      """)
  }

  package func cancel(id: String, reason: String) async throws(JobQueueError) -> Bool {
    let now = clock()
    let cancelled = try await fetch(
      id,
      """
      UPDATE chachong_jobs SET state = 'cancelled', error = \(reason), worker = NULL, lease_expires_at = NULL,
        updated_at = \(now)
      WHERE id = \(id) AND state IN ('queued', 'running')
      RETURNING \(unescaped: Self.columns)
      """)
    if !cancelled.isEmpty { return true }
    guard try await job(id: id) != nil else { throw JobQueueError(jobID: id, reason: .notFound) }
    return false
  }

  package func job(id: String) async throws(JobQueueError) -> JobRecord? {
    try await fetch(id, "SELECT \(unescaped: Self.columns) FROM chachong_jobs WHERE id = \(id)").first
  }

  package func jobs(state: JobState?, limit: Int) async throws(JobQueueError) -> [JobRecord] {
    let bounded = max(0, min(limit, 100_000))
    if let state {
      return try await fetch(
        "(list)",
        """
        SELECT \(unescaped: Self.columns) FROM chachong_jobs WHERE state = \(state.rawValue)
        ORDER BY created_at DESC, id DESC LIMIT \(bounded)
        """)
    }
    return try await fetch(
      "(list)",
      "SELECT \(unescaped: Self.columns) FROM chachong_jobs ORDER BY created_at DESC, id DESC LIMIT \(bounded)"
    )
  }

  package func counts() async throws(JobQueueError) -> [JobState: Int] {
    var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
    do {
      try await session.forEachRow("SELECT state, count(*) FROM chachong_jobs GROUP BY state") {
        row throws(IndexError) in
        let (state, count) = try session.decode(row, (String, Int64).self)
        if let known = JobState(rawValue: state) { counts[known] = Int(count) }
      }
    } catch {
      throw failure("(counts)", error)
    }
    return counts
  }
}

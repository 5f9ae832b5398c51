import ArchiveStore
import Foundation
import GRDB

/// The durable job table in `service.sqlite`. A claim is one write transaction (SQLite has one
/// writer at a time), so no job is claimed twice; an expired lease is requeued by the next claim.
package final class SQLiteJobQueue: JobQueue {
  private let database: ServiceDatabase
  private let clock: @Sendable () -> Double
  package let maxAttempts: Int

  package init(
    database: ServiceDatabase, maxAttempts: Int = 3,
    clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.database = database
    self.maxAttempts = maxAttempts
    self.clock = clock
  }

  private func run<T: Sendable>(
    _ id: String, write: Bool = true, _ body: @escaping @Sendable (Database) throws -> T
  ) async throws(JobQueueError) -> T {
    do {
      return try await write ? database.write(body) : database.read(body)
    } catch let error as JobQueueError {
      throw error
    } catch {
      throw JobQueueError(jobID: id, reason: .storage("\(database.path): \(error)"))
    }
  }

  static func job(_ row: Row) -> JobRecord {
    JobRecord(
      id: row["id"], kind: row["kind"], payload: [UInt8](row["payload"] as Data? ?? Data()),
      state: JobState(rawValue: row["state"] as String? ?? "") ?? .failed, attempts: row["attempts"],
      progressStage: row["progress_stage"], progressDone: row["progress_done"],
      progressTotal: row["progress_total"],
      result: (row["result"] as Data?).map { [UInt8]($0) }, error: row["error"], worker: row["worker"],
      createdAt: row["created_at"], updatedAt: row["updated_at"], leaseExpiresAt: row["lease_expires_at"])
  }

  package func enqueue(id: String, kind: String, payload: [UInt8]) async throws(JobQueueError) -> JobRecord {
    let now = millisecondsNow(clock)
    return try await run(id) { db in
      if let row = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]) {
        let existing = Self.job(row)
        guard existing.kind == kind, existing.payload == payload else {
          throw JobQueueError(jobID: id, reason: .conflict)
        }
        return existing
      }
      try db.execute(
        sql: """
          INSERT INTO jobs (id, kind, payload, state, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?)
          """, arguments: [id, kind, Data(payload), now, now])
      return JobRecord(id: id, kind: kind, payload: payload, createdAt: now, updatedAt: now)
    }
  }

  package func claim(worker: String, kinds: [String], leaseSeconds: Double) async throws(JobQueueError)
    -> JobRecord?
  {
    let now = millisecondsNow(clock)
    let maxAttempts = self.maxAttempts
    guard !kinds.isEmpty else { return nil }
    return try await run("claim") { db -> JobRecord? in
      let expired = try Row.fetchAll(
        db, sql: "SELECT id, attempts, worker FROM jobs WHERE state = 'running' AND lease_expires_at < ?",
        arguments: [now])
      for row in expired {
        let attempts: Int = row["attempts"]
        let previous: String? = row["worker"]
        if attempts >= maxAttempts {
          try db.execute(
            sql: """
              UPDATE jobs SET state = 'failed', error = ?, worker = NULL, lease_expires_at = NULL, updated_at = ?
              WHERE id = ?
              """,
            arguments: [
              "the worker stopped answering \(attempts) times (last: \(previous ?? "?"))", now,
              row["id"] as String,
            ])
        } else {
          try db.execute(
            sql:
              "UPDATE jobs SET state = 'queued', worker = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?",
            arguments: [now, row["id"] as String])
        }
      }
      let marks = kinds.map { _ in "?" }.joined(separator: ", ")
      guard
        let row = try Row.fetchOne(
          db,
          sql:
            "SELECT * FROM jobs WHERE state = 'queued' AND kind IN (\(marks)) ORDER BY created_at, id LIMIT 1",
          arguments: StatementArguments(kinds))
      else { return nil }
      var job = Self.job(row)
      job.state = .running
      job.worker = worker
      job.attempts += 1
      job.leaseExpiresAt = now + leaseSeconds
      job.updatedAt = now
      try db.execute(
        sql: """
          UPDATE jobs SET state = 'running', worker = ?, attempts = ?, lease_expires_at = ?, updated_at = ?
          WHERE id = ?
          """, arguments: [worker, job.attempts, job.leaseExpiresAt, now, job.id])
      return job
    }
  }

  /// Runs `change` (an UPDATE's SET clause and its arguments) on a job `worker` holds.
  private func updateHeld(id: String, worker: String, set clause: String, _ arguments: StatementArguments)
    async throws(JobQueueError)
  {
    let now = millisecondsNow(clock)
    try await run(id) { db in
      guard
        let row = try Row.fetchOne(db, sql: "SELECT state, worker FROM jobs WHERE id = ?", arguments: [id])
      else {
        throw JobQueueError(jobID: id, reason: .notFound)
      }
      guard row["state"] as String? == "running", row["worker"] as String? == worker else {
        throw JobQueueError(jobID: id, reason: .notHeld)
      }
      try db.execute(
        sql: "UPDATE jobs SET \(clause), updated_at = ? WHERE id = ?", arguments: arguments + [now, id])
    }
  }

  package func report(
    id: String, worker: String, stage: String, done: Int, total: Int?, leaseSeconds: Double
  ) async throws(JobQueueError) {
    let lease = millisecondsNow(clock) + leaseSeconds
    try await updateHeld(
      id: id, worker: worker,
      set: "progress_stage = ?, progress_done = ?, progress_total = ?, lease_expires_at = ?",
      [stage, done, total, lease])
  }

  package func succeed(id: String, worker: String, result: [UInt8]) async throws(JobQueueError) {
    try await updateHeld(
      id: id, worker: worker, set: "state = 'succeeded', result = ?, worker = NULL, lease_expires_at = NULL",
      [Data(result)])
  }

  package func fail(id: String, worker: String, error: String) async throws(JobQueueError) {
    try await updateHeld(
      id: id, worker: worker, set: "state = 'failed', error = ?, worker = NULL, lease_expires_at = NULL",
      [error])
  }

  package func cancel(id: String, reason: String) async throws(JobQueueError) -> Bool {
    let now = millisecondsNow(clock)
    return try await run(id) { db -> Bool in
      guard let state = try String.fetchOne(db, sql: "SELECT state FROM jobs WHERE id = ?", arguments: [id])
      else {
        throw JobQueueError(jobID: id, reason: .notFound)
      }
      guard let current = JobState(rawValue: state), !current.isFinished else { return false }
      try db.execute(
        sql: """
          UPDATE jobs SET state = 'cancelled', error = ?, worker = NULL, lease_expires_at = NULL, updated_at = ?
          WHERE id = ?
          """, arguments: [reason, now, id])
      return true
    }
  }

  package func job(id: String) async throws(JobQueueError) -> JobRecord? {
    try await run(id, write: false) { db in
      try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]).map(Self.job)
    }
  }

  package func jobs(state wanted: JobState?, limit: Int) async throws(JobQueueError) -> [JobRecord] {
    try await run("list", write: false) { db in
      if let wanted {
        return try Row.fetchAll(
          db, sql: "SELECT * FROM jobs WHERE state = ? ORDER BY created_at DESC, id DESC LIMIT ?",
          arguments: [wanted.rawValue, max(0, limit)]
        ).map(Self.job)
      }
      return try Row.fetchAll(
        db, sql: "SELECT * FROM jobs ORDER BY created_at DESC, id DESC LIMIT ?", arguments: [max(0, limit)]
      ).map(Self.job)
    }
  }

  package func counts() async throws(JobQueueError) -> [JobState: Int] {
    try await run("counts", write: false) { db in
      var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
      for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM jobs GROUP BY state") {
        if let state = JobState(rawValue: row["state"] as String? ?? "") { counts[state] = row["n"] }
      }
      return counts
    }
  }
}

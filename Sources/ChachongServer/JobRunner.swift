import ArchiveStore
import ChachongCore
import ChachongModel
import DocumentText
import Foundation
import Integrity
import Logging
import Pipeline
import Reports
import Synchronization

/// Why a job's work stopped without a result of its own.
enum JobInterruption: Error {
  /// The service is draining: the job is released for the next start.
  case draining
  /// The job was cancelled or taken over (its lease ran out): its result is dropped.
  case lostHold
  case timedOut(Double)
}

/// Runs one claimed job to its end, exactly once in effect: every write a job makes is keyed by
/// the job's id (report blobs, the record's job field), so a job run again after a kill writes
/// the same things again, and a stale job (superseded by a newer upload or run) writes nothing.
struct JobRunner: Sendable {
  let service: ChachongService
  let worker: String
  let logger: Logger
  static let leaseSeconds = 20.0
  static let heartbeatSeconds = 4.0

  /// Runs `job` with a heartbeat that extends its lease and records progress, a time limit, and
  /// cancellation when the queue says the job is no longer ours or the service drains.
  func run(_ job: JobRecord) async {
    let latest = LatestProgress()
    let progress: ProgressHandler = { event in latest.set(event) }
    let queue = service.jobs
    let worker = self.worker
    let timeout = service.configuration.jobTimeoutSeconds
    let outcome: Result<[UInt8], any Error> = await withTaskGroup(of: Result<[UInt8], any Error>?.self) {
      group in
      // The work on the jobs' own threads; the heartbeat and the time limit stay on the
      // cooperative pool, so they run however long the work computes.
      group.addTask(executorPreference: service.jobExecutor) {
        do {
          return .success(try await self.perform(job, progress: progress))
        } catch {
          return .failure(error)
        }
      }
      // The time limit: its own task, so a limit shorter than the heartbeat is kept to as well.
      group.addTask {
        try? await Task.sleep(for: .seconds(timeout))
        return Task.isCancelled ? nil : .failure(JobInterruption.timedOut(timeout))
      }
      group.addTask {
        while !Task.isCancelled {
          try? await Task.sleep(for: .seconds(Self.heartbeatSeconds))
          if Task.isCancelled { return nil }
          if self.service.isDraining { return .failure(JobInterruption.draining) }
          let event = latest.get()
          do throws(JobQueueError) {
            try await queue.report(
              id: job.id, worker: worker, stage: event?.stage.rawValue ?? job.progressStage ?? "reading",
              done: event?.done ?? 0, total: event?.total, leaseSeconds: Self.leaseSeconds)
          } catch let error where error.reason == .notHeld || error.reason == .notFound {
            return .failure(JobInterruption.lostHold)
          } catch {
            self.logger.warning("job \(job.id): cannot record progress: \(error)")
          }
        }
        return nil
      }
      var first: Result<[UInt8], any Error>?
      for await result in group {
        if let result {
          first = result
          group.cancelAll()
          break
        }
      }
      return first ?? .failure(JobInterruption.lostHold)
    }
    await finish(job, outcome)
  }

  private func finish(_ job: JobRecord, _ outcome: Result<[UInt8], any Error>) async {
    let queue = service.jobs
    do {
      switch outcome {
      case .success(let result):
        try await queue.succeed(id: job.id, worker: worker, result: result)
        await service.jobFinished(job, succeeded: true, error: nil)
      case .failure(JobInterruption.draining):
        // Released: the lease ends now, the next claim (this or another process) queues it again.
        try await queue.report(
          id: job.id, worker: worker, stage: job.progressStage ?? "reading", done: 0, total: nil,
          leaseSeconds: 0)
        logger.info("job \(job.id) released for the next start")
      case .failure(JobInterruption.lostHold):
        logger.info("job \(job.id) was cancelled or taken over; its result is dropped")
      case .failure(JobInterruption.timedOut(let seconds)):
        let limit = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        let message = "the job ran longer than its time limit of \(limit) s (jobTimeoutSeconds)"
        try await queue.fail(id: job.id, worker: worker, error: message)
        await service.jobFinished(job, succeeded: false, error: message, timedOut: true)
      case .failure(let error):
        if service.isDraining {
          try await queue.report(
            id: job.id, worker: worker, stage: job.progressStage ?? "reading", done: 0, total: nil,
            leaseSeconds: 0)
          return
        }
        let message = IdentityKey.maskingIDNumbers(in: (error as? APIError)?.english ?? "\(error)")
        try await queue.fail(id: job.id, worker: worker, error: message)
        await service.jobFinished(job, succeeded: false, error: message)
      }
    } catch {
      logger.warning("job \(job.id): cannot record its end: \(error)")
    }
  }

  private func perform(_ job: JobRecord, progress: @escaping ProgressHandler) async throws -> [UInt8] {
    try await service.beforeJob?(job)
    switch job.kind {
    case JobKind.extract:
      return try await service.performExtraction(job)
    case JobKind.submissionCheck:
      return try await service.performSubmissionCheck(job, progress: progress)
    case JobKind.batchCheck:
      return try await service.performBatchCheck(job, progress: progress)
    case JobKind.webhook:
      return try await service.performDelivery(job)
    default:
      throw APIError.internalError("unknown job kind \(job.kind)")
    }
  }
}

/// The last progress event of a running job (set by the job, read by its heartbeat).
final class LatestProgress: Sendable {
  private let event = Mutex<ProgressEvent?>(nil)
  func set(_ value: ProgressEvent) { event.withLock { $0 = value } }
  func get() -> ProgressEvent? { event.withLock { $0 } }
}

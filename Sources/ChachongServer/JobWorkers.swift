import ArchiveStore
import Foundation
import Logging
import ServiceLifecycle

/// The worker pool: `configuration.workerCount` tasks claiming jobs from the durable queue. On
/// graceful shutdown (SIGTERM) the service drains: workers claim nothing new, running jobs are
/// stopped and released (their lease ends at once, so the next start queues them again).
package struct JobWorkers: Service {
  let service: ChachongService
  let logger: Logger
  let pollInterval: Duration

  package init(service: ChachongService, logger: Logger, pollInterval: Duration = .milliseconds(250)) {
    self.service = service
    self.logger = logger
    self.pollInterval = pollInterval
  }

  package func run() async throws {
    let host = ProcessInfo.processInfo.hostName
    let pid = ProcessInfo.processInfo.processIdentifier
    let count = service.configuration.workerCount
    await withGracefulShutdownHandler {
      await withTaskGroup(of: Void.self) { group in
        for index in 0..<count {
          group.addTask {
            await loop(worker: "\(host)-\(pid)-\(index)")
          }
        }
      }
    } onGracefulShutdown: {
      service.beginDraining()
    }
  }

  func loop(worker: String) async {
    let runner = JobRunner(service: service, worker: worker, logger: logger)
    while !service.isDraining && !Task.isCancelled {
      let job: JobRecord?
      do {
        job = try await service.jobs.claim(
          worker: worker, kinds: JobKind.all, leaseSeconds: JobRunner.leaseSeconds)
      } catch {
        logger.warning("cannot claim a job: \(error)")
        job = nil
      }
      guard let job else {
        try? await Task.sleep(for: pollInterval)
        continue
      }
      logger.info("job \(job.id) started (attempt \(job.attempts))")
      await runner.run(job)
    }
  }
}

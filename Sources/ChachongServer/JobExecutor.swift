import Foundation
import Synchronization

/// Threads of their own for the jobs' work (a batch's check is minutes of computation). Run on
/// the cooperative pool (one thread per core) it kept the HTTP handlers and the jobs' own
/// heartbeats from running: on the shared 2-core machine `/healthz` took up to 21 s during a
/// batch's search stage, and a starved heartbeat let the job's lease run out so that it was
/// claimed again and started over. With the jobs here, the operating system shares the cores
/// between them and the request handlers.
final class JobExecutor: TaskExecutor, Sendable {
  private let queue = Mutex<[UnownedJob]>([])
  private let available = DispatchSemaphore(value: 0)

  init(threads: Int) {
    for index in 0..<max(1, threads) {
      let thread = Thread { [self] in self.work() }
      thread.name = "chachong-job-\(index)"
      thread.start()
    }
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let unowned = UnownedJob(job)
    queue.withLock { $0.append(unowned) }
    available.signal()
  }

  private func work() {
    while true {
      available.wait()
      let job = queue.withLock { queue -> UnownedJob? in queue.isEmpty ? nil : queue.removeFirst() }
      job?.runSynchronously(on: asUnownedTaskExecutor())
    }
  }
}

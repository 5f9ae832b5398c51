import Foundation
import Synchronization

/// Threads of their own for work that blocks: SQLite calls, file reads, subprocesses. Awaiting
/// ``run(_:)`` suspends the task and frees its cooperative thread, so blocking work never
/// starves the cooperative pool (which has one thread per core).
///
/// The pool has a fixed number of threads; work beyond that waits in first-in, first-out order.
package final class BlockingPool: Sendable {
  /// Shared by the stores and readers of one process; sized for blocking work, not for cores.
  package static let shared = BlockingPool(threads: max(8, 2 * ProcessInfo.processInfo.activeProcessorCount))

  private struct Queue {
    /// Jobs in arrival order; a taken job's slot is emptied at once, so what the job captured (a
    /// batch of documents, an uploaded file) is freed when it finishes, not when the array is
    /// next compacted (which keeps up to a thousand slots).
    var jobs: [(@Sendable () -> Void)?] = []
    var head = 0
  }

  private let queue = Mutex(Queue())
  private let available: DispatchSemaphore

  package init(threads: Int) {
    available = DispatchSemaphore(value: 0)
    for index in 0..<max(1, threads) {
      let thread = Thread { [self] in self.work() }
      thread.name = "chachong-blocking-\(index)"
      thread.start()
    }
  }

  private func work() {
    while true {
      available.wait()
      // The job is called outside the lock and released right after (the local is the last
      // reference once its slot is emptied).
      let job = queue.withLock { queue -> (@Sendable () -> Void)? in
        guard queue.head < queue.jobs.count else { return nil }
        let job = queue.jobs[queue.head]
        queue.jobs[queue.head] = nil
        queue.head += 1
        if queue.head > 1024, queue.head * 2 > queue.jobs.count {
          queue.jobs.removeFirst(queue.head)
          queue.head = 0
        }
        return job
      }
      job?()
    }
  }

  private func enqueue(_ job: @escaping @Sendable () -> Void) {
    queue.withLock { $0.jobs.append(job) }
    available.signal()
  }

  /// Runs `body` on one of the pool's threads and returns its result.
  package func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T
  {
    let result: Result<T, E> = await withCheckedContinuation { continuation in
      enqueue {
        do throws(E) {
          continuation.resume(returning: .success(try body()))
        } catch {
          continuation.resume(returning: .failure(error))
        }
      }
    }
    return try result.get()
  }
}

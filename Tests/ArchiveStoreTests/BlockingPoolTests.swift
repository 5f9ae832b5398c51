import Synchronization
import Testing

@testable import ArchiveStore

/// What a job captures (a batch of documents, an uploaded file) is freed once the job has run: an
/// ingest of 100,000 documents kept every batch it had stored alive (6 GB) while finished jobs
/// stayed in the pool's queue.
@Suite struct BlockingPoolTests {
  final class Payload: Sendable {
    let bytes: [UInt8]
    init(size: Int) { bytes = [UInt8](repeating: 1, count: size) }
  }

  /// Weak references, readable from a test after the jobs ran.
  final class Watch: Sendable {
    private let references = Mutex<[WeakPayload]>([])
    struct WeakPayload: @unchecked Sendable { weak var payload: Payload? }

    func add(_ payload: Payload) { references.withLock { $0.append(WeakPayload(payload: payload)) } }
    var alive: Int { references.withLock { $0.filter { $0.payload != nil }.count } }
  }

  @Test func aFinishedJobReleasesWhatItCaptured() async {
    let pool = BlockingPool(threads: 2)
    let watch = Watch()
    var total = 0
    for _ in 0..<20 {
      let payload = Payload(size: 1 << 16)
      watch.add(payload)
      total += await pool.run { payload.bytes.count }
    }
    #expect(total == 20 << 16)
    // The pool's threads drop a job's closure right after running it; give them a moment to finish
    // the iteration after resuming the caller (up to 10 s on a loaded machine; it takes microseconds).
    var alive = watch.alive
    for _ in 0..<1000 where alive > 0 {
      try? await Task.sleep(for: .milliseconds(10))
      alive = watch.alive
    }
    #expect(alive == 0)
  }
}

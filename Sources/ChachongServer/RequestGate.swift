import Synchronization

/// Admission for the synchronous, CPU-bound requests (`POST /v1/query`, `/v1/compare`): at most
/// `capacity` run at once and the others wait in arrival order, at most `waitingLimit` of them
/// (more is 429). Without it every concurrent query computes at once on the cooperative pool (one
/// thread per core): each takes as many times longer as there are queries, their working sets
/// crowd the caches, and the job workers' and other requests' tasks wait behind them.
final class RequestGate: Sendable {
  let capacity: Int
  let waitingLimit: Int

  private struct State {
    var running = 0
    var waiting: [CheckedContinuation<Bool, Never>] = []
    var head = 0
  }
  private let state = Mutex(State())

  /// `capacity` 0: no limit.
  init(capacity: Int, waitingLimit: Int) {
    self.capacity = capacity
    self.waitingLimit = waitingLimit
  }

  /// Runs `body` when a place is free; 429 when `waitingLimit` requests already wait.
  func run<T>(_ body: () async throws -> T) async throws -> T {
    guard capacity > 0 else { return try await body() }
    try await enter()
    defer { leave() }
    return try await body()
  }

  /// Requests waiting for a place now.
  var waitingCount: Int { state.withLock { $0.waiting.count - $0.head } }

  private enum Admission { case run, wait, refuse }

  private func enter() async throws(APIError) {
    let admitted = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
      let admission = state.withLock { state -> Admission in
        if state.running < capacity {
          state.running += 1
          return .run
        }
        guard state.waiting.count - state.head < waitingLimit else { return .refuse }
        state.waiting.append(continuation)
        return .wait
      }
      switch admission {
      case .run: continuation.resume(returning: true)
      case .refuse: continuation.resume(returning: false)
      case .wait: break
      }
    }
    guard admitted else { throw APIError.busy }
  }

  /// Hands the place to the longest waiting request, or frees it.
  private func leave() {
    let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
      guard state.head < state.waiting.count else {
        state.running -= 1
        return nil
      }
      let next = state.waiting[state.head]
      state.head += 1
      if state.head == state.waiting.count {
        state.waiting.removeAll(keepingCapacity: true)
        state.head = 0
      }
      return next
    }
    next?.resume(returning: true)
  }
}

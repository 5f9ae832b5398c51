import Synchronization

/// Applies a function to every item in several child tasks and returns the results in item
/// order, so a job that runs `workers` wide produces exactly what it produces one wide.
///
/// The work is CPU-bound (parsing, fingerprinting, verification), so it runs on the cooperative
/// pool; blocking work goes to ``BlockingPool`` instead. Cancellation is checked between items.
enum OrderedConcurrentMap {
  /// `makeState` runs once per worker (state such as a compressor that is not `Sendable`); item
  /// `i` goes to worker `i % workers`.
  /// `progress`, when given, is called with the number of items done after each item (from the
  /// workers' tasks, in no particular order).
  static func map<Item: Sendable, State, Output: Sendable>(
    _ items: [Item], workers: Int, makeState: @escaping @Sendable () -> State,
    progress: (@Sendable (Int) -> Void)? = nil,
    _ transform: @escaping @Sendable (inout State, Item) async -> Output
  ) async throws(CancellationError) -> [Output] {
    let width = max(1, min(workers, items.count))
    let completed = DoneCounter()
    let slices = await withTaskGroup(of: [(Int, Output)]?.self) { group in
      for worker in 0..<width {
        group.addTask {
          var state = makeState()
          var results: [(Int, Output)] = []
          var position = worker
          while position < items.count {
            if Task.isCancelled { return nil }
            results.append((position, await transform(&state, items[position])))
            if let progress {
              progress(completed.increment())
            }
            position += width
          }
          return results
        }
      }
      var slices: [[(Int, Output)]?] = []
      for await slice in group { slices.append(slice) }
      return slices
    }
    var ordered = [Output?](repeating: nil, count: items.count)
    for slice in slices {
      guard let slice else { throw CancellationError() }
      for (position, output) in slice { ordered[position] = output }
    }
    return ordered.compactMap { $0 }
  }
}

/// Items done so far across the workers of one map.
private final class DoneCounter: Sendable {
  private let done = Mutex(0)

  func increment() -> Int {
    done.withLock { done in
      done += 1
      return done
    }
  }
}

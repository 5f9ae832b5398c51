/// Applies a function to every item in several child tasks and returns the results in item
/// order, so a job that runs `workers` wide produces exactly what it produces one wide.
///
/// The work is CPU-bound (parsing, fingerprinting, verification), so it runs on the cooperative
/// pool; blocking work goes to ``BlockingPool`` instead. Cancellation is checked between items.
enum OrderedConcurrentMap {
  /// `makeState` runs once per worker (state such as a compressor that is not `Sendable`); item
  /// `i` goes to worker `i % workers`.
  static func map<Item: Sendable, State, Output: Sendable>(
    _ items: [Item], workers: Int, makeState: @escaping @Sendable () -> State,
    _ transform: @escaping @Sendable (inout State, Item) async -> Output
  ) async throws(CancellationError) -> [Output] {
    let width = max(1, min(workers, items.count))
    let slices = await withTaskGroup(of: [(Int, Output)]?.self) { group in
      for worker in 0..<width {
        group.addTask {
          var state = makeState()
          var results: [(Int, Output)] = []
          var position = worker
          while position < items.count {
            if Task.isCancelled { return nil }
            results.append((position, await transform(&state, items[position])))
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

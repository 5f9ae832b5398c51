import Foundation

/// Applies a function to every item on several threads and returns the results in item order, so
/// a job that runs on N threads produces exactly what it produces on one.
enum OrderedParallelMap {
  /// `makeState` runs once per thread (per-thread state such as a compressor); item `i` goes to
  /// thread `i % threads`.
  static func map<Item: Sendable, State, Output: Sendable>(
    _ items: [Item], threads: Int, makeState: @Sendable () -> State,
    _ transform: @Sendable (inout State, Item) -> Output
  ) -> [Output] {
    let slots = Slots<Output>(count: items.count)
    let workers = max(1, min(threads, items.count))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var state = makeState()
      var position = worker
      while position < items.count {
        slots.set(position, transform(&state, items[position]))
        position += workers
      }
    }
    return slots.values()
  }

  /// Result slots written by several threads, each slot by one.
  private final class Slots<Output: Sendable>: @unchecked Sendable {
    private var slots: [Output?]
    private let lock = NSLock()

    init(count: Int) {
      slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Output) {
      lock.lock()
      slots[index] = value
      lock.unlock()
    }

    func values() -> [Output] {
      lock.lock()
      defer { lock.unlock() }
      return slots.compactMap { $0 }
    }
  }
}

import Foundation
import Synchronization

/// A bounded channel from a producer that blocks (a thread reading files, on ``BlockingPool``)
/// to an async consumer (a job). The producer waits while `capacity` elements are buffered, so a
/// stream of any size is read no faster than it is consumed and memory stays bounded.
package final class InputChannel<Element: Sendable>: AsyncSequence, Sendable {
  private struct State {
    var buffer: [Element] = []
    var finished = false
    var failure: (any Error & Sendable)?
    var waiting: CheckedContinuation<Void, Never>?
    var cancelled = false
  }

  private let state = Mutex(State())
  private let space: DispatchSemaphore

  package init(capacity: Int = 2) {
    space = DispatchSemaphore(value: Swift.max(1, capacity))
  }

  /// Hands one element over; blocks while the buffer is full. Returns false once the consumer
  /// has stopped (cancelled): the producer should stop reading.
  @discardableResult
  package func send(_ element: Element) -> Bool {
    space.wait()
    let continuation = state.withLock { state -> CheckedContinuation<Void, Never>?? in
      guard !state.cancelled else { return .none }
      state.buffer.append(element)
      defer { state.waiting = nil }
      return .some(state.waiting)
    }
    guard let continuation else { return false }
    continuation?.resume()
    return true
  }

  /// Ends the stream, with an error when the producer failed.
  package func finish(throwing failure: (any Error & Sendable)? = nil) {
    let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
      state.finished = true
      state.failure = failure
      defer { state.waiting = nil }
      return state.waiting
    }
    continuation?.resume()
  }

  /// The consumer stops early: a producer blocked in ``send(_:)`` is released and told to stop.
  package func cancel() {
    state.withLock { $0.cancelled = true }
    space.signal()
  }

  private enum Step {
    case element(Element)
    case end((any Error & Sendable)?)
    case wait
  }

  func next() async throws -> Element? {
    while true {
      let step = state.withLock { state -> Step in
        if !state.buffer.isEmpty { return .element(state.buffer.removeFirst()) }
        if state.finished { return .end(state.failure) }
        return .wait
      }
      switch step {
      case .element(let element):
        space.signal()
        return element
      case .end(let failure):
        if let failure { throw failure }
        return nil
      case .wait:
        await withCheckedContinuation { continuation in
          let resumeNow = state.withLock { state -> Bool in
            if !state.buffer.isEmpty || state.finished { return true }
            state.waiting = continuation
            return false
          }
          if resumeNow { continuation.resume() }
        }
      }
    }
  }

  package struct AsyncIterator: AsyncIteratorProtocol {
    let channel: InputChannel

    package mutating func next() async throws -> Element? {
      try await channel.next()
    }
  }

  package func makeAsyncIterator() -> AsyncIterator { AsyncIterator(channel: self) }
}

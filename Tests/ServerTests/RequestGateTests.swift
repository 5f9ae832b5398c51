import Hummingbird
import Testing

@testable import ChachongServer

/// The admission of synchronous queries: one place, one waiting; a third request is 429 `busy`,
/// and the waiting one runs when the place is freed. Signals between the tasks, no timing.
@Suite struct RequestGateTests {
  @Test func aFullGateRefusesAndTheWaitingRequestRunsNext() async throws {
    let gate = RequestGate(capacity: 1, waitingLimit: 1)
    let (entered, enter) = AsyncStream<Int>.makeStream()
    let (release, releaser) = AsyncStream<Void>.makeStream()
    var order = entered.makeAsyncIterator()
    async let first: Void = gate.run {
      enter.yield(1)
      for await _ in release { break }
    }
    #expect(await order.next() == 1)
    async let second: Void = gate.run { enter.yield(2) }
    var spins = 0
    while gate.waitingCount < 1 && spins < 1_000_000 {
      await Task.yield()
      spins += 1
    }
    #expect(gate.waitingCount == 1)
    do {
      _ = try await gate.run { Issue.record("a third request ran although one ran and one waited") }
      Issue.record("a third request was not refused")
    } catch let error as APIError {
      #expect(error.code == "busy")
      #expect(error.status == .tooManyRequests)
    }
    releaser.yield(())
    try await first
    #expect(await order.next() == 2)
    try await second
    #expect(gate.waitingCount == 0)
  }
}

import Testing

@testable import Matching

@Test func moduleLinks() {
  #expect(Bool(true))
}

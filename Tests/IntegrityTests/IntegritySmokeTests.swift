import Testing

@testable import Integrity

@Test func moduleLinks() {
  #expect(Bool(true))
}

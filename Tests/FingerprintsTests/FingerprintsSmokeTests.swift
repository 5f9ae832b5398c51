import Testing

@testable import Fingerprints

@Test func moduleLinks() {
  #expect(Bool(true))
}

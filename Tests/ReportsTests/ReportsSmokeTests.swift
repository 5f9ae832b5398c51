import Testing

@testable import Reports

@Test func moduleLinks() {
  #expect(Bool(true))
}

import Testing

@testable import IndexStore

@Test func moduleLinks() {
  #expect(Bool(true))
}

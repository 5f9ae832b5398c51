import Testing

@testable import DocumentText

@Test func moduleLinks() {
  #expect(Bool(true))
}

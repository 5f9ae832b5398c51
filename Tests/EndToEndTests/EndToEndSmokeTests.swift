import Testing

@testable import Pipeline

@Test func versionIsSemantic() {
  #expect(ChachongVersion.current.split(separator: ".").count == 3)
}

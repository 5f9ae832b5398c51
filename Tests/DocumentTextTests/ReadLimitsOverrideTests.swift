import DocumentText
import Testing

@Suite struct ReadLimitsOverrideTests {
  @Test func namedLimitsAreReplacedAndClampedIntoTheSafeBounds() throws {
    let limits = try ReadLimits.standard.overridden(
      byJSON: Array(#"{"maxTextBytes": 4096, "maxXMLDepth": 1000000, "maxEntries": 1}"#.utf8))
    #expect(limits.maxTextBytes == 4096)
    #expect(limits.maxXMLDepth == ReadLimits.safeBounds.maxXMLDepth.upperBound)
    #expect(limits.maxEntries == ReadLimits.safeBounds.maxEntries.lowerBound)
    #expect(limits.maxBlocks == ReadLimits.standard.maxBlocks)
  }

  @Test func unknownNamesAndNonIntegersAreErrors() {
    #expect(throws: ReadLimitsError.self) {
      try ReadLimits.standard.overridden(byJSON: Array(#"{"maxTextByte": 1}"#.utf8))
    }
    #expect(throws: ReadLimitsError.self) {
      try ReadLimits.standard.overridden(byJSON: Array(#"{"maxTextBytes": true}"#.utf8))
    }
    #expect(throws: ReadLimitsError.self) {
      try ReadLimits.standard.overridden(byJSON: Array(#"{"maxTextBytes": 1.5}"#.utf8))
    }
  }
}

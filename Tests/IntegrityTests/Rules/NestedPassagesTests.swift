import ChachongModel
import Testing

/// The later document's view of a batch pair (`NestedPassages`): passages inside a longer one on
/// its side are left out, the rest kept in order.
@Suite struct NestedPassagesTests {
  func passage(_ start: Int, _ end: Int, source: Int = 0) -> EvidencePassage {
    EvidencePassage(
      start: start, end: end, sourceStart: source, sourceEnd: source + end - start, chars: end - start)
  }

  @Test func passagesInsideALongerOneAreLeftOut() {
    let long = passage(100, 220, source: 900)
    let inside = passage(170, 185, source: 30)
    let touchingEnd = passage(200, 220, source: 400)
    let overlapping = passage(210, 260, source: 500)
    let apart = passage(300, 320, source: 10)
    let kept = NestedPassages.outermost([inside, long, touchingEnd, overlapping, apart]) { $0.start..<$0.end }
    #expect(kept == [long, overlapping, apart])
  }

  @Test func ofEqualRangesTheFirstIsKept() {
    let first = passage(10, 40, source: 0)
    let second = passage(10, 40, source: 500)
    #expect(NestedPassages.outermost([first, second]) { $0.start..<$0.end } == [first])
    #expect(NestedPassages.outermost([second, first]) { $0.start..<$0.end } == [second])
    #expect(NestedPassages.outermost([first]) { $0.start..<$0.end } == [first])
    #expect(NestedPassages.outermost([EvidencePassage]()) { $0.start..<$0.end }.isEmpty)
  }
}

/// A diagonal run of matched tokens: query tokens `queryStart..<queryEnd` line up one to one with
/// source tokens `sourceStart..<sourceEnd` (equal lengths).
struct MatchedRun: Sendable, Equatable {
  var queryStart: Int
  var queryEnd: Int
  var sourceStart: Int
  var sourceEnd: Int

  var length: Int { queryEnd - queryStart }

  /// The part of the run whose query tokens lie in `lower..<upper`, or nil when none do.
  func clipped(toQuery lower: Int, _ upper: Int) -> MatchedRun? {
    let newStart = max(queryStart, lower)
    let newEnd = min(queryEnd, upper)
    guard newStart < newEnd else { return nil }
    let shift = sourceStart - queryStart
    return MatchedRun(
      queryStart: newStart, queryEnd: newEnd, sourceStart: newStart + shift, sourceEnd: newEnd + shift)
  }
}

/// Both sides' sections and excluded tokens: what a chain may not cross and how gaps count.
struct ChainLimits: Sendable {
  var query: SectionBoundaries?
  var source: SectionBoundaries?
  var queryExcluded: ExcludedTokens?
  var sourceExcluded: ExcludedTokens?

  /// Gaps between two runs in tokens that are not excluded, query side and source side.
  func gaps(_ previous: (queryEnd: Int, sourceEnd: Int), _ next: (queryStart: Int, sourceStart: Int))
    -> (query: Int, source: Int)
  {
    (
      queryExcluded?.gap(previous.queryEnd, next.queryStart) ?? (next.queryStart - previous.queryEnd),
      sourceExcluded?.gap(previous.sourceEnd, next.sourceStart) ?? (next.sourceStart - previous.sourceEnd)
    )
  }

  /// Whether `next` may follow `previous` in one passage.
  func allows(_ previous: (queryEnd: Int, sourceEnd: Int), _ next: (queryStart: Int, sourceStart: Int))
    -> Bool
  {
    if let query, query.section(ofToken: previous.queryEnd - 1) != query.section(ofToken: next.queryStart) {
      return false
    }
    if let source,
      source.section(ofToken: previous.sourceEnd - 1) != source.section(ofToken: next.sourceStart)
    {
      return false
    }
    return true
  }

  /// The run cut where either side enters a new section.
  func split(_ run: MatchedRun) -> [MatchedRun] {
    guard query != nil || source != nil else { return [run] }
    var pieces: [MatchedRun] = []
    var pieceStart = run.queryStart
    let shift = run.sourceStart - run.queryStart
    for token in (run.queryStart + 1)..<max(run.queryStart + 1, run.queryEnd) {
      let queryChanges = query.map { $0.section(ofToken: token) != $0.section(ofToken: token - 1) } ?? false
      let sourceChanges =
        source.map { $0.section(ofToken: token + shift) != $0.section(ofToken: token + shift - 1) } ?? false
      if queryChanges || sourceChanges {
        if let piece = run.clipped(toQuery: pieceStart, token) { pieces.append(piece) }
        pieceStart = token
      }
    }
    if let piece = run.clipped(toQuery: pieceStart, run.queryEnd) { pieces.append(piece) }
    return pieces
  }
}

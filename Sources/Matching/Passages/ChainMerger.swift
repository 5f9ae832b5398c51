/// Joins neighbouring chains into one passage when they are close in both documents, in any order
/// on the source side (reworded or shuffled sentences break the diagonal but stay nearby).
struct ChainMerger: Sendable {
  /// Largest gap, in tokens, between two chains in the query and between their source ranges.
  var distance: Int
  var limits = ChainLimits()

  func merge(_ chains: [RunChainer.Chain]) -> [RunChainer.Chain] {
    guard distance > 0, var current = chains.first else { return chains }
    var result: [RunChainer.Chain] = []
    for next in chains.dropFirst() {
      let queryGap =
        limits.queryExcluded?.gap(current.queryEnd, next.queryStart) ?? (next.queryStart - current.queryEnd)
      let sourceLower = min(next.sourceEnd, current.sourceEnd)
      let sourceUpper = max(next.sourceStart, current.sourceStart)
      let sourceGap = limits.sourceExcluded?.gap(sourceLower, sourceUpper) ?? (sourceUpper - sourceLower)
      if queryGap <= distance, sourceGap <= distance,
        limits.allows((current.queryEnd, current.sourceEnd), (next.queryStart, next.sourceStart))
      {
        current.queryEnd = max(current.queryEnd, next.queryEnd)
        current.sourceStart = min(current.sourceStart, next.sourceStart)
        current.sourceEnd = max(current.sourceEnd, next.sourceEnd)
        current.covered += next.covered
      } else {
        result.append(current)
        current = next
      }
    }
    result.append(current)
    return result
  }
}

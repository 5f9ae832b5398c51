/// Joins neighbouring chains into one passage when they are close in both documents, in any order
/// on the source side (reworded or shuffled sentences break the diagonal but stay nearby).
struct ChainMerger: Sendable {
  /// Largest gap, in tokens, between two chains in the query and between their source ranges.
  var distance: Int

  func merge(_ chains: [RunChainer.Chain]) -> [RunChainer.Chain] {
    guard distance > 0, var current = chains.first else { return chains }
    var result: [RunChainer.Chain] = []
    for next in chains.dropFirst() {
      let queryGap = next.queryStart - current.queryEnd
      let sourceGap = max(next.sourceStart, current.sourceStart) - min(next.sourceEnd, current.sourceEnd)
      if queryGap <= distance, sourceGap <= distance {
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

/// Tokens of one side that belong to template or common text (covered by an excluded shingle).
/// They never seed, a passage never starts or ends on them, and they do not count in the gap
/// between two runs: copied prose with a common phrase inside stays one passage. (Sections, when
/// given, are what separates passages at template headings.)
struct ExcludedTokens: Sendable {
  private let prefix: [Int32]
  private let mask: [Bool]

  /// `excludedShingles[i]`: shingle i (tokens i..<i+k) is excluded.
  init(excludedShingles: [Bool], tokenCount: Int, k: Int) {
    var mask = [Bool](repeating: false, count: tokenCount)
    for (index, excluded) in excludedShingles.enumerated() where excluded {
      for token in index..<min(index + max(1, k), tokenCount) { mask[token] = true }
    }
    var prefix = [Int32](repeating: 0, count: tokenCount + 1)
    for index in 0..<tokenCount { prefix[index + 1] = prefix[index] + (mask[index] ? 1 : 0) }
    self.prefix = prefix
    self.mask = mask
  }

  var isEmpty: Bool { prefix.last == 0 }

  func isExcluded(_ token: Int) -> Bool { mask[token] }

  /// Number of excluded tokens in `lower..<upper`.
  func count(_ lower: Int, _ upper: Int) -> Int {
    let low = max(0, min(lower, prefix.count - 1))
    let high = max(low, min(upper, prefix.count - 1))
    return Int(prefix[high] - prefix[low])
  }

  /// The smallest `end` ≤ `upper` whose gap to `upper` is at most `maximum`: a run that ends
  /// before it is too far from `upper`. Binary search, since the gap never grows as `end` does.
  func earliestEnd(within maximum: Int, before upper: Int) -> Int {
    var low = 0
    var high = max(0, upper)
    while low < high {
      let middle = (low + high) / 2
      if gap(middle, upper) <= maximum {
        high = middle
      } else {
        low = middle + 1
      }
    }
    return low
  }

  /// Tokens `lower..<upper` that count as a gap (not excluded); negative for overlaps.
  func gap(_ lower: Int, _ upper: Int) -> Int {
    upper <= lower ? upper - lower : (upper - lower) - count(lower, upper)
  }

  /// The run without excluded query tokens at either end (nil when nothing is left).
  func trimmed(_ run: MatchedRun) -> MatchedRun? {
    guard !isEmpty else { return run }
    var start = run.queryStart
    var end = run.queryEnd
    while start < end, mask[start] { start += 1 }
    while end > start, mask[end - 1] { end -= 1 }
    return run.clipped(toQuery: start, end)
  }
}

/// Query tokens that belong to template or common text (covered by an excluded shingle). A passage
/// never starts or ends on them and never bridges a gap holding a run of them longer than one
/// shingle (a template line such as a heading); a shorter template phrase inside copied prose
/// (项目负责人) is bridged.
struct TemplateBarrier: Sendable {
  private let prefix: [Int32]
  private let mask: [Bool]
  private let k: Int

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
    self.k = max(1, k)
  }

  /// Whether `lower..<upper` holds more than `k` consecutive template tokens.
  func containsTemplateRun(_ lower: Int, _ upper: Int) -> Bool {
    guard containsTemplate(lower, upper) else { return false }
    var run = 0
    for token in max(0, lower)..<min(upper, mask.count) {
      run = mask[token] ? run + 1 : 0
      if run > k { return true }
    }
    return false
  }

  var isEmpty: Bool { prefix.last == 0 }

  func isTemplate(_ token: Int) -> Bool { prefix[token + 1] > prefix[token] }

  /// Whether any of the tokens `lower..<upper` is template text.
  func containsTemplate(_ lower: Int, _ upper: Int) -> Bool {
    guard lower < upper else { return false }
    return prefix[max(0, min(upper, prefix.count - 1))] > prefix[max(0, min(lower, prefix.count - 1))]
  }

  /// The run without template tokens at either end (nil when nothing is left).
  func trimmed(_ run: MatchedRun) -> MatchedRun? {
    guard !isEmpty else { return run }
    var start = run.queryStart
    var end = run.queryEnd
    while start < end, isTemplate(start) { start += 1 }
    while end > start, isTemplate(end - 1) { end -= 1 }
    return run.clipped(toQuery: start, end)
  }
}

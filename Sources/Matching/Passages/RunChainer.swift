/// Joins matched runs into passages: chains of runs that advance in both documents with gaps of at
/// most `maximumGap` tokens, choosing the chain that covers the most query tokens. A query region
/// ends up in at most one passage (one source region per query region).
struct RunChainer: Sendable {
  var maximumGap: Int
  var limits = ChainLimits()
  /// How many earlier runs (in query order) are tried as predecessors of a run.
  var predecessorWindow = 384
  var maximumRounds = 12
  /// Stop scanning predecessors where they can no longer be within the gap (tests turn it off
  /// to check that it changes nothing).
  var pruneScan = true

  struct Chain: Sendable, Equatable {
    var queryStart: Int
    var queryEnd: Int
    var sourceStart: Int
    var sourceEnd: Int
    var covered: Int
  }

  /// Chains (with query ranges that do not overlap), sorted by query start. `accept` decides whether
  /// a chain is worth keeping (e.g. long enough); chains it rejects do not block others.
  func chains(of runs: [MatchedRun], accept: (Chain) -> Bool) -> [Chain] {
    var alive = runs.filter { $0.length > 0 }
    var selected: [Chain] = []
    // The query ranges of the chains taken so far (`selected` and this round's), sorted and
    // disjoint (a chain is taken only when it overlaps none): one binary search per overlap test
    // instead of a pass over every taken chain.
    var occupied = QueryIntervals()
    var round = 0
    while !alive.isEmpty, round < maximumRounds {
      round += 1
      alive.sort {
        ($0.queryStart, $0.sourceStart, $0.queryEnd) < ($1.queryStart, $1.sourceStart, $1.queryEnd)
      }
      let (scores, predecessors) = dynamicProgram(alive)
      let order = alive.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
      // used: in a taken chain or in a rejected one (its sub-chains are shorter still);
      // deferred: in a chain that overlaps a taken one, retried after clipping next round.
      var used = [Bool](repeating: false, count: alive.count)
      var deferred = [Bool](repeating: false, count: alive.count)
      var taken: [Chain] = []
      for end in order where !used[end] && !deferred[end] {
        var members: [Int] = []
        var cursor: Int? = end
        while let index = cursor, !used[index], !deferred[index] {
          members.append(index)
          cursor = predecessors[index]
        }
        guard let chain = makeChain(members.map { alive[$0] }) else { continue }
        if !accept(chain) {
          for index in members { used[index] = true }
          continue
        }
        guard occupied.insertIfFree(chain.queryStart, chain.queryEnd) else {
          for index in members { deferred[index] = true }
          continue
        }
        for index in members { used[index] = true }
        taken.append(chain)
      }
      if taken.isEmpty { break }
      selected.append(contentsOf: taken)
      alive = clip(alive.enumerated().filter { !used[$0.offset] }.map(\.element), outside: occupied)
    }
    return selected.sorted { ($0.queryStart, $0.sourceStart) < ($1.queryStart, $1.sourceStart) }
  }

  private func gapsAllowed(_ previous: MatchedRun, _ run: MatchedRun) -> Bool {
    let gaps = limits.gaps((previous.queryEnd, previous.sourceEnd), (run.queryStart, run.sourceStart))
    return gaps.query <= maximumGap && gaps.source <= maximumGap
  }

  private func dynamicProgram(_ runs: [MatchedRun]) -> (scores: [Int], predecessors: [Int?]) {
    var scores = [Int](repeating: 0, count: runs.count)
    var predecessors = [Int?](repeating: nil, count: runs.count)
    // Long runs stay candidates while they end near the current run, however many short runs
    // (repeated phrases on other diagonals) come between them in query order.
    var longRuns: [Int] = []
    let longRunLength = 16
    for index in runs.indices {
      let run = runs[index]
      var best = run.length
      var bestPredecessor: Int?
      let lowest = max(0, index - predecessorWindow)
      longRuns.removeAll { runs[$0].queryEnd + maximumGap + 64 < run.queryStart }
      // Long runs before the window first, then the window from the nearest run back: the order
      // decides ties. Two loops instead of a concatenated array: no allocation per run.
      func consider(_ candidate: Int) {
        let previous = runs[candidate]
        guard previous.queryEnd < run.queryEnd, previous.sourceEnd < run.sourceEnd,
          previous.sourceStart <= run.sourceStart,
          gapsAllowed(previous, run),
          limits.allows(
            (previous.queryEnd, previous.sourceEnd), (run.queryStart, run.sourceStart))
        else { return }
        let added = run.queryEnd - max(run.queryStart, previous.queryEnd)
        let score = scores[candidate] + added
        if score > best {
          best = score
          bestPredecessor = candidate
        }
      }
      for candidate in longRuns where candidate < lowest {
        consider(candidate)
      }
      // A short run that ends before `earliestEnd` is more than `maximumGap` counted tokens
      // from this one, and so is every run that starts before it (sorted by start): stop there
      // and try only the long runs of the rest of the window, in the same descending order.
      // Same result, a fraction of the work.
      let earliestEnd =
        limits.queryExcluded?.earliestEnd(within: maximumGap, before: run.queryStart)
        ?? run.queryStart - maximumGap
      let cutoff = pruneScan ? earliestEnd - longRunLength : Int.min
      var candidate = index - 1
      while candidate >= lowest, runs[candidate].queryStart >= cutoff {
        consider(candidate)
        candidate -= 1
      }
      if candidate >= lowest {
        for skipped in longRuns.reversed() where skipped >= lowest && skipped <= candidate {
          consider(skipped)
        }
      }
      scores[index] = best
      predecessors[index] = bestPredecessor
      if run.length >= longRunLength { longRuns.append(index) }
    }
    return (scores, predecessors)
  }

  private func makeChain(_ members: [MatchedRun]) -> Chain? {
    guard let first = members.last else { return nil }
    var chain = Chain(
      queryStart: first.queryStart, queryEnd: first.queryEnd, sourceStart: first.sourceStart,
      sourceEnd: first.sourceEnd, covered: 0)
    var coveredEnd = first.queryStart
    for run in members.reversed() {
      chain.queryStart = min(chain.queryStart, run.queryStart)
      chain.queryEnd = max(chain.queryEnd, run.queryEnd)
      chain.sourceStart = min(chain.sourceStart, run.sourceStart)
      chain.sourceEnd = max(chain.sourceEnd, run.sourceEnd)
      chain.covered += max(0, run.queryEnd - max(run.queryStart, coveredEnd))
      coveredEnd = max(coveredEnd, run.queryEnd)
    }
    return chain
  }

  /// The parts of the runs outside the taken chains' query ranges (`blocked`, sorted and
  /// disjoint): only the ranges a run overlaps are visited, in order.
  private func clip(_ runs: [MatchedRun], outside blocked: QueryIntervals) -> [MatchedRun] {
    var result: [MatchedRun] = []
    for run in runs {
      var index = blocked.firstEnding(after: run.queryStart)
      guard index < blocked.count, blocked.starts[index] < run.queryEnd else {
        result.append(run)
        continue
      }
      var pieces = [run]
      while index < blocked.count, blocked.starts[index] < run.queryEnd {
        let lower = blocked.starts[index]
        let upper = blocked.ends[index]
        pieces = pieces.flatMap { piece -> [MatchedRun] in
          [piece.clipped(toQuery: piece.queryStart, lower), piece.clipped(toQuery: upper, piece.queryEnd)]
            .compactMap { $0 }
        }
        index += 1
      }
      result.append(contentsOf: pieces)
    }
    return result
  }
}

/// Disjoint, non-empty query ranges sorted by start (so by end too).
struct QueryIntervals: Sendable {
  private(set) var starts: [Int] = []
  private(set) var ends: [Int] = []

  var count: Int { starts.count }

  /// The first range whose end is after `position` (`count` when none): the first that can
  /// overlap anything starting at `position`.
  func firstEnding(after position: Int) -> Int {
    var low = 0
    var high = ends.count
    while low < high {
      let middle = (low + high) / 2
      if ends[middle] <= position { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Adds `start..<end` when it overlaps no range; false (and nothing added) when it does.
  mutating func insertIfFree(_ start: Int, _ end: Int) -> Bool {
    let index = firstEnding(after: start)
    if index < starts.count, starts[index] < end { return false }
    starts.insert(start, at: index)
    ends.insert(end, at: index)
    return true
  }
}

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
        let overlaps = (selected + taken).contains {
          $0.queryStart < chain.queryEnd && chain.queryStart < $0.queryEnd
        }
        if overlaps {
          for index in members { deferred[index] = true }
          continue
        }
        for index in members { used[index] = true }
        taken.append(chain)
      }
      if taken.isEmpty { break }
      selected.append(contentsOf: taken)
      alive = clip(alive.enumerated().filter { !used[$0.offset] }.map(\.element), outside: selected)
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

  private func clip(_ runs: [MatchedRun], outside chains: [Chain]) -> [MatchedRun] {
    let blocked = chains.map { ($0.queryStart, $0.queryEnd) }.sorted { $0 < $1 }
    var result: [MatchedRun] = []
    for run in runs {
      var pieces = [run]
      for (lower, upper) in blocked where lower < run.queryEnd && run.queryStart < upper {
        pieces = pieces.flatMap { piece -> [MatchedRun] in
          [piece.clipped(toQuery: piece.queryStart, lower), piece.clipped(toQuery: upper, piece.queryEnd)]
            .compactMap { $0 }
        }
      }
      result.append(contentsOf: pieces)
    }
    return result
  }
}

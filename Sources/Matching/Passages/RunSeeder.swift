/// Finds maximal diagonal runs of shared shingles between two documents.
///
/// Each query shingle looks up its positions in the source; every hit not already inside a run on
/// the same diagonal is extended forwards and backwards while the shingles keep matching. Shingles
/// that occur many times in the source (repeated text) only try the occurrences nearest the
/// expected position, so the work stays linear in the query length times `occurrenceLimit`.
struct RunSeeder: Sendable {
  var occurrenceLimit = 24

  /// `shared`, when given, marks the shingles both texts hold (not excluded) on each side, as a
  /// verification found them: only those can seed a run, so the others are neither sorted nor
  /// looked up (the runs are the same).
  func runs(
    query: AlignmentSide, source: AlignmentSide, excluding: Set<UInt64>,
    shared: SeedMasks? = nil
  ) -> [MatchedRun] {
    let queryShingles = query.shingles
    let sourceShingles = source.shingles
    guard !queryShingles.isEmpty, !sourceShingles.isEmpty else { return [] }
    if let shared {
      precondition(
        shared.queryShared.count == queryShingles.count && shared.sourceShared.count == sourceShingles.count)
    }

    // The source's shingles sorted by (hash, position): the positions of one hash are one
    // ascending slice, found by binary search. A dictionary of position arrays cost one
    // allocation per distinct shingle and most of a check's time (every verified pair is aligned).
    // With the verification's distinct indexes, the same slices come from buckets, unsorted.
    let buckets = shared?.distinct.flatMap {
      $0.query.count == queryShingles.count && $0.source.count == sourceShingles.count
        ? SharedBuckets($0) : nil
    }
    var keyed: [(hash: UInt64, position: Int32)] = []
    if buckets == nil, let sourceShared = shared?.sourceShared {
      for (index, hash) in sourceShingles.enumerated() where sourceShared[index] {
        keyed.append((hash, Int32(index)))
      }
    } else if buckets == nil {
      keyed.reserveCapacity(sourceShingles.count)
      for (index, hash) in sourceShingles.enumerated() where excluding.isEmpty || !excluding.contains(hash) {
        keyed.append((hash, Int32(index)))
      }
    }
    keyed.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.position < $1.position }
    let sortedHashes = keyed.map(\.hash)
    let sortedPositions = keyed.map(\.position)
    let queryExcluded =
      excluding.isEmpty
      ? [Bool](repeating: false, count: queryShingles.count)
      : (shared?.queryExcluded ?? queryShingles.map { excluding.contains($0) })

    let queryCount = queryShingles.count
    let sourceCount = sourceShingles.count
    // Query shingle index up to which each diagonal (source index - query index) is covered,
    // at `diagonal + queryCount` (0: not covered yet).
    var coveredUntil = [Int](repeating: 0, count: queryCount + sourceCount)
    var runs: [MatchedRun] = []

    let queryShared = shared?.queryShared
    let bucketQuery = buckets == nil ? nil : shared?.distinct?.query
    for queryIndex in 0..<queryCount where !queryExcluded[queryIndex] {
      if let queryShared, !queryShared[queryIndex] { continue }
      let positions: ArraySlice<Int32>
      if let buckets, let bucketQuery {
        let index = Int(bucketQuery[queryIndex])
        guard index >= 0 else { continue }
        let lower = Int(buckets.starts[index])
        let upper = Int(buckets.starts[index + 1])
        guard lower < upper else { continue }
        positions = buckets.positions[lower..<upper]
      } else {
        let hash = queryShingles[queryIndex]
        let lower = Self.lowerBound(of: hash, in: sortedHashes)
        guard lower < sortedHashes.count, sortedHashes[lower] == hash else { continue }
        let upper = Self.upperBound(of: hash, in: sortedHashes, from: lower)
        positions = sortedPositions[lower..<upper]
      }
      let hits = candidates(
        positions, queryIndex: queryIndex, queryCount: queryCount, sourceCount: sourceCount)
      for hit in hits {
        let sourceIndex = Int(hit)
        let diagonal = sourceIndex - queryIndex
        let slot = diagonal + queryCount
        let floor = coveredUntil[slot]
        if floor > queryIndex { continue }
        var first = queryIndex
        while first - 1 >= floor, first - 1 + diagonal >= 0, !queryExcluded[first - 1],
          queryShingles[first - 1] == sourceShingles[first - 1 + diagonal]
        {
          first -= 1
        }
        var last = queryIndex
        while last + 1 < queryCount, last + 1 + diagonal < sourceCount, !queryExcluded[last + 1],
          queryShingles[last + 1] == sourceShingles[last + 1 + diagonal]
        {
          last += 1
        }
        coveredUntil[slot] = last + 1
        let queryEnd = query.shingleEnd(last)
        let sourceEnd = source.shingleEnd(last + diagonal)
        // Both ends are clipped by the document length only when a document is shorter than k.
        let length = min(queryEnd - first, sourceEnd - (first + diagonal))
        runs.append(
          MatchedRun(
            queryStart: first, queryEnd: first + length, sourceStart: first + diagonal,
            sourceEnd: first + diagonal + length))
      }
    }
    return runs
  }

  private static func lowerBound(of hash: UInt64, in sorted: [UInt64]) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < hash { low = middle + 1 } else { high = middle }
    }
    return low
  }

  private static func upperBound(of hash: UInt64, in sorted: [UInt64], from start: Int) -> Int {
    var end = start + 1
    while end < sorted.count, sorted[end] == hash { end += 1 }
    return end
  }

  /// The positions to try: all of them, or the `occurrenceLimit` nearest the query's relative
  /// position when a shingle repeats more often (boilerplate lines).
  private func candidates(
    _ hits: ArraySlice<Int32>, queryIndex: Int, queryCount: Int, sourceCount: Int
  ) -> ArraySlice<Int32> {
    if hits.count <= occurrenceLimit { return hits }
    let expected = Int32(clamping: queryIndex * sourceCount / max(1, queryCount))
    var low = hits.startIndex
    var high = hits.endIndex
    while low < high {
      let middle = (low + high) / 2
      if hits[middle] < expected { low = middle + 1 } else { high = middle }
    }
    let half = occurrenceLimit / 2
    let lower = max(hits.startIndex, low - half)
    let upper = min(hits.endIndex, lower + occurrenceLimit)
    return hits[max(hits.startIndex, upper - occurrenceLimit)..<upper]
  }
}

/// Per shingle position of each side, from a verification: held by both texts (not excluded), and
/// excluded (template or common text). Seeding and exclusion then need no set lookups.
struct SeedMasks: Sendable {
  var queryShared: [Bool]
  var sourceShared: [Bool]
  var queryExcluded: [Bool]
  var sourceExcluded: [Bool]
  /// The verification's distinct-hash indexes of both sides, when it kept them: the hits of a query
  /// shingle are then the source positions with its index, bucketed in one linear pass.
  var distinct: DistinctIndexes? = nil

  struct DistinctIndexes: Sendable {
    /// Per query position, its hash's index among the distinct query hashes (−1: excluded).
    var query: [Int32]
    /// Per source position, the index of its hash among the distinct query hashes when shared (−1:
    /// not shared).
    var source: [Int32]
    /// The number of distinct query hashes.
    var count: Int
  }
}

/// Source positions grouped by the distinct query hash they share (a counting sort): the positions
/// of index d are `positions[starts[d]..<starts[d + 1]]`, ascending, the same as the (hash,
/// position) order of the sorted path.
private struct SharedBuckets {
  let starts: [Int32]
  let positions: [Int32]

  init(_ distinct: SeedMasks.DistinctIndexes) {
    var starts = [Int32](repeating: 0, count: distinct.count + 1)
    for index in distinct.source where index >= 0 { starts[Int(index) + 1] += 1 }
    for index in 0..<distinct.count { starts[index + 1] += starts[index] }
    var next = starts
    var positions = [Int32](repeating: 0, count: Int(starts[distinct.count]))
    for (position, index) in distinct.source.enumerated() where index >= 0 {
      positions[Int(next[Int(index)])] = Int32(position)
      next[Int(index)] += 1
    }
    self.starts = starts
    self.positions = positions
  }
}

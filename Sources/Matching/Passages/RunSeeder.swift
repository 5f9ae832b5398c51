/// Finds maximal diagonal runs of shared shingles between two documents.
///
/// Each query shingle looks up its positions in the source; every hit not already inside a run on
/// the same diagonal is extended forwards and backwards while the shingles keep matching. Shingles
/// that occur many times in the source (repeated text) only try the occurrences nearest the
/// expected position, so the work stays linear in the query length times `occurrenceLimit`.
struct RunSeeder: Sendable {
  var occurrenceLimit = 24

  func runs(query: AlignmentSide, source: AlignmentSide, excluding: Set<UInt64>) -> [MatchedRun] {
    let queryShingles = query.shingles
    let sourceShingles = source.shingles
    guard !queryShingles.isEmpty, !sourceShingles.isEmpty else { return [] }

    var positions: [UInt64: [Int32]] = [:]
    positions.reserveCapacity(sourceShingles.count)
    for (index, hash) in sourceShingles.enumerated() where !excluding.contains(hash) {
      positions[hash, default: []].append(Int32(index))
    }
    let queryExcluded = queryShingles.map { excluding.contains($0) }

    // Query shingle index up to which each diagonal (source index - query index) is covered.
    var coveredUntil: [Int: Int] = [:]
    var runs: [MatchedRun] = []
    let queryCount = queryShingles.count
    let sourceCount = sourceShingles.count

    for queryIndex in 0..<queryCount where !queryExcluded[queryIndex] {
      guard let hits = positions[queryShingles[queryIndex]] else { continue }
      for sourceIndex in candidates(
        hits, queryIndex: queryIndex, queryCount: queryCount, sourceCount: sourceCount)
      {
        let diagonal = sourceIndex - queryIndex
        if let covered = coveredUntil[diagonal], covered > queryIndex { continue }
        var first = queryIndex
        let floor = coveredUntil[diagonal] ?? 0
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
        coveredUntil[diagonal] = last + 1
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

  private func candidates(_ hits: [Int32], queryIndex: Int, queryCount: Int, sourceCount: Int) -> [Int] {
    if hits.count <= occurrenceLimit { return hits.map { Int($0) } }
    let expected = Int32(clamping: queryIndex * sourceCount / max(1, queryCount))
    var low = 0
    var high = hits.count
    while low < high {
      let middle = (low + high) / 2
      if hits[middle] < expected { low = middle + 1 } else { high = middle }
    }
    let half = occurrenceLimit / 2
    let lower = max(0, low - half)
    let upper = min(hits.count, lower + occurrenceLimit)
    return hits[max(0, upper - occurrenceLimit)..<upper].map { Int($0) }
  }
}

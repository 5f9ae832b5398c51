/// The largest share of one query section's distinct shingles found in a match: near 1 when a
/// whole section was copied from the match, however small a part of the query it is.
enum SectionContainment {
  static func maximum(
    queryHashes: [UInt64], sectionTokenRanges: [Range<Int>], k: Int, matchSorted: [UInt64]
  ) -> Double {
    var best = 0.0
    for range in sectionTokenRanges {
      let end = min(max(range.lowerBound + 1, range.upperBound - k + 1), queryHashes.count)
      guard range.lowerBound < end else { continue }
      var section = Array(queryHashes[range.lowerBound..<end])
      section.sort()
      var distinct = 0
      var found = 0
      var previous: UInt64?
      for hash in section where hash != previous {
        previous = hash
        distinct += 1
        if contains(matchSorted, hash) { found += 1 }
      }
      if distinct > 0 {
        best = max(best, Double(found) / Double(distinct))
      }
    }
    return best
  }

  static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low < sorted.count && sorted[low] == value
  }
}

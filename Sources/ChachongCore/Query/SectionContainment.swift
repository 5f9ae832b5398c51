/// The largest share of one query section's distinct shingles found in a match: near 1 when a
/// whole section was copied from the match, however small a part of the query it is.
///
/// Built once per query (each section's distinct shingles, sorted); ``maximum(in:)`` then costs
/// one binary search per section shingle for each candidate.
struct SectionContainment {
  private let sections: [[UInt64]]
  /// All the query's distinct shingles, ascending.
  private let queryUnique: [UInt64]

  /// Sections left with fewer shingles than this once template shingles are taken out are
  /// template text and not compared.
  static let minimumShinglesAfterExclusion = 20

  /// `excluding`: template (and common) shingles, which count in no section.
  init(queryHashes: [UInt64], sectionTokenRanges: [Range<Int>], k: Int, excluding: Set<UInt64> = []) {
    var sections: [[UInt64]] = []
    for range in sectionTokenRanges {
      let end = min(max(range.lowerBound + 1, range.upperBound - k + 1), queryHashes.count)
      guard range.lowerBound < end else { continue }
      var hashes = Array(queryHashes[range.lowerBound..<end])
      if !excluding.isEmpty {
        hashes.removeAll { excluding.contains($0) }
        guard hashes.count >= SectionContainment.minimumShinglesAfterExclusion else { continue }
      }
      sections.append(RadixSort.sortedUnique(hashes))
    }
    self.sections = sections
    queryUnique = sections.count > 1 ? RadixSort.sortedUnique(queryHashes) : []
  }

  /// Whether there are at least two sections (one section is the whole document).
  var isUseful: Bool { sections.count > 1 }

  /// `matchSorted`: the match's distinct shingle hashes, ascending.
  func maximum(in matchSorted: [UInt64]) -> Double {
    // Intersect once (a linear merge), then look section shingles up in the usually small
    // intersection.
    var shared: [UInt64] = []
    var left = 0
    var right = 0
    while left < queryUnique.count && right < matchSorted.count {
      let a = queryUnique[left]
      let b = matchSorted[right]
      if a == b {
        shared.append(a)
        left += 1
        right += 1
      } else if a < b {
        left += 1
      } else {
        right += 1
      }
    }
    guard !shared.isEmpty else { return 0 }
    var best = 0.0
    for section in sections where !section.isEmpty {
      var found = 0
      for hash in section where SectionContainment.contains(shared, hash) {
        found += 1
      }
      best = max(best, Double(found) / Double(section.count))
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

/// LSD radix sort of 64-bit hashes (6 passes of 11 bits): several times faster than the
/// standard library's stable sort on the 10,000–20,000 shingle hashes of one application.
enum RadixSort {
  static func sortedUnique(_ values: [UInt64]) -> [UInt64] {
    unique(sorted(values))
  }

  /// `values` in ascending order, repeats kept.
  static func sorted(_ values: [UInt64]) -> [UInt64] {
    guard values.count > 64 else {
      var small = values
      small.sort()
      return small
    }
    var source = values
    var target = [UInt64](repeating: 0, count: values.count)
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2048) { counts in
      source.withUnsafeMutableBufferPointer { first in
        target.withUnsafeMutableBufferPointer { second in
          var from = first
          var to = second
          // 6 passes of 11 bits cover 66 bits.
          for pass in 0..<6 {
            let shift = UInt64(pass * 11)
            counts.initialize(repeating: 0)
            for value in from { counts[Int((value >> shift) & 0x7FF)] += 1 }
            var total = 0
            for index in 0..<2048 {
              let count = counts[index]
              counts[index] = total
              total += count
            }
            for value in from {
              let bucket = Int((value >> shift) & 0x7FF)
              to[counts[bucket]] = value
              counts[bucket] += 1
            }
            swap(&from, &to)
          }
        }
      }
    }
    // An even number of passes leaves the result in `source`.
    return source
  }

  private static func unique(_ sorted: [UInt64]) -> [UInt64] {
    var result: [UInt64] = []
    result.reserveCapacity(sorted.count)
    for value in sorted where result.last != value {
      result.append(value)
    }
    return result
  }
}

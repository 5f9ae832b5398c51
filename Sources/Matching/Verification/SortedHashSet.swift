/// A set of 64-bit hashes as a sorted array: deterministic, compact, and intersected by merging.
struct SortedHashSet: Sendable, Equatable {
  let values: [UInt64]

  init(_ hashes: [UInt64], excluding: Set<UInt64> = []) {
    var sorted = hashes.sorted()
    var write = 0
    for read in sorted.indices {
      let value = sorted[read]
      if write > 0 && sorted[write - 1] == value { continue }
      if !excluding.isEmpty && excluding.contains(value) { continue }
      sorted[write] = value
      write += 1
    }
    sorted.removeLast(sorted.count - write)
    values = sorted
  }

  private init(sortedUnique: [UInt64]) {
    values = sortedUnique
  }

  var count: Int { values.count }
  var isEmpty: Bool { values.isEmpty }

  func intersection(_ other: SortedHashSet) -> SortedHashSet {
    var result: [UInt64] = []
    var i = 0
    var j = 0
    let a = values
    let b = other.values
    while i < a.count && j < b.count {
      if a[i] < b[j] {
        i += 1
      } else if a[i] > b[j] {
        j += 1
      } else {
        result.append(a[i])
        i += 1
        j += 1
      }
    }
    return SortedHashSet(sortedUnique: result)
  }

  func contains(_ value: UInt64) -> Bool {
    var low = 0
    var high = values.count
    while low < high {
      let mid = (low + high) / 2
      if values[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low < values.count && values[low] == value
  }
}

import Testing

@testable import Matching

@Suite struct RadixSortTests {
  @Test func matchesTheStandardSort() {
    var state: UInt64 = 42
    var values: [UInt64] = []
    for _ in 0..<5000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      values.append(state)
      values.append(state >> 40)
    }
    values += values.prefix(300)
    #expect(RadixSort.sortedUnique(values) == Array(Set(values)).sorted())
    #expect(RadixSort.sortedUnique([3, 1, 3, 2]) == [1, 2, 3])
  }

  @Test func sortsByHashKeepingOwnersInOrder() {
    var hashes: [UInt64] = [5, 1 << 60, 5, 3, 1 << 60, 0, 3]
    var owners: [Int32] = [0, 1, 2, 3, 4, 5, 6]
    RadixSort.sort(&hashes, carrying: &owners)
    #expect(hashes == [0, 3, 3, 5, 5, 1 << 60, 1 << 60])
    #expect(owners == [5, 3, 6, 0, 2, 1, 4])
  }

  /// Past `partitionedFrom` keys the sort partitions by the top bits first: the same order, still
  /// stable. Keys are spread over all 64 bits, crowded into one top-bits bucket, and repeated.
  @Test(arguments: [0, 1, 2])
  func theLargeSortIsTheSameStableSort(shape: Int) {
    var state: UInt64 = 7 &+ UInt64(shape)
    let count = RadixSort.partitionedFrom + 1_234
    var keys: [UInt64] = []
    keys.reserveCapacity(count)
    for _ in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      switch shape {
      case 0: keys.append(state)
      case 1: keys.append((state >> 20) | (0x155 << 53))
      default: keys.append(state % 5_000)
      }
    }
    let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
    var sorted = keys
    var owners = (0..<Int32(count)).map { $0 }
    RadixSort.sort(&sorted, carrying: &owners)
    #expect(sorted == expected.map { keys[$0] })
    #expect(owners == expected.map { Int32($0) })
    #expect(RadixSort.sorted(keys) == sorted)
  }
}

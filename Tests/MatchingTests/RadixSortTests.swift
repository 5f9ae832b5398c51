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
}

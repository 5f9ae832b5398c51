/// LSD radix sort of 64-bit hashes (6 passes of 11 bits): several times faster than the
/// standard library's stable sort on the 10,000–20,000 shingle hashes of one application, and on
/// the millions of a whole batch (`BatchCommonText`, ``BatchOverlap``).
package enum RadixSort {
  package static func sortedUnique(_ values: [UInt64]) -> [UInt64] {
    unique(sorted(values))
  }

  /// `values` in ascending order, repeats kept.
  package static func sorted(_ values: [UInt64]) -> [UInt64] {
    guard values.count > 64 else {
      var small = values
      small.sort()
      return small
    }
    var keys = values
    var nothing = [Nothing](repeating: Nothing(), count: values.count)
    sortPairs(&keys, carrying: &nothing)
    return keys
  }

  /// Sorts `keys` ascending and moves `owners[i]` with `keys[i]`; stable (equal keys keep their
  /// owners' order).
  package static func sort(_ keys: inout [UInt64], carrying owners: inout [Int32]) {
    sortPairs(&keys, carrying: &owners)
  }

  /// A payload that takes no memory, for sorting keys alone with the one implementation.
  private struct Nothing {}

  /// From this many keys on, ``sortPairsPartitioned(_:carrying:)``.
  static let partitionedFrom = 1 << 18

  private static func sortPairs<Payload>(_ keys: inout [UInt64], carrying payload: inout [Payload]) {
    let count = keys.count
    guard count > 1, payload.count == count else { return }
    if count >= partitionedFrom {
      sortPairsPartitioned(&keys, carrying: &payload)
      return
    }
    withBuffers(&keys, &payload) { sorted, scratch, counts in
      var from = sorted
      var to = scratch
      // 6 passes of 11 bits cover 66 bits.
      for pass in 0..<6 {
        countingPass(from: from, to: to, range: 0..<count, shift: UInt64(pass * 11), counts: counts)
        swap(&from, &to)
      }
    }
    // An even number of passes leaves the result in `keys` and `payload`.
  }

  /// The same result for millions of keys (a whole batch's shingles): one pass scatters them by
  /// their top 11 bits into 2,048 buckets, then each bucket (a few thousand keys, in cache) is
  /// sorted on its low 56 bits by 7 passes of 8 bits. Every pass is stable, so the sort is. The
  /// LSD sort above makes 6 passes over all of memory instead; this makes one.
  static func sortPairsPartitioned<Payload>(_ keys: inout [UInt64], carrying payload: inout [Payload]) {
    let count = keys.count
    guard count > 1, payload.count == count else { return }
    withBuffers(&keys, &payload) { sorted, scratch, counts in
      countingPass(from: sorted, to: scratch, range: 0..<count, shift: 53, counts: counts)
      // The pass leaves each bucket's end in `counts`.
      let bucketEnds = Array(counts)
      // Each bucket from the scratch buffers back into `keys` and `payload` (an odd number of
      // passes ends there).
      let digits = UnsafeMutableBufferPointer(rebasing: counts[0..<256])
      for bucket in 0..<2048 {
        let range = (bucket == 0 ? 0 : bucketEnds[bucket - 1])..<bucketEnds[bucket]
        guard !range.isEmpty else { continue }
        var from = scratch
        var to = sorted
        for pass in 0..<7 {
          countingPass(from: from, to: to, range: range, shift: UInt64(pass * 8), counts: digits)
          swap(&from, &to)
        }
      }
    }
  }

  /// A key buffer and the payload buffer that moves with it.
  private typealias Buffers<Payload> = (
    keys: UnsafeMutableBufferPointer<UInt64>, payload: UnsafeMutableBufferPointer<Payload>
  )

  /// Runs `body` on `keys` and `payload` as buffers (`sorted`: where the sort must end), a scratch
  /// copy of both, and room for 2,048 digit counts: what both sorts work in.
  @inline(__always)
  private static func withBuffers<Payload>(
    _ keys: inout [UInt64], _ payload: inout [Payload],
    _ body: (
      _ sorted: Buffers<Payload>, _ scratch: Buffers<Payload>, _ counts: UnsafeMutableBufferPointer<Int>
    ) ->
      Void
  ) {
    var otherKeys = keys
    var otherPayload = payload
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2048) { counts in
      keys.withUnsafeMutableBufferPointer { keys in
        payload.withUnsafeMutableBufferPointer { payload in
          otherKeys.withUnsafeMutableBufferPointer { otherKeys in
            otherPayload.withUnsafeMutableBufferPointer { otherPayload in
              body((keys, payload), (otherKeys, otherPayload), counts)
            }
          }
        }
      }
    }
  }

  /// One stable counting-sort pass of `from[range]` into `to[range]` by the digit
  /// `(key >> shift) % counts.count` (`counts.count` a power of two: 2,048 or 256). `counts` ends
  /// holding each digit's end in `to`.
  @inline(__always)
  private static func countingPass<Payload>(
    from: Buffers<Payload>, to: Buffers<Payload>,
    range: Range<Int>, shift: UInt64, counts: UnsafeMutableBufferPointer<Int>
  ) {
    let mask = UInt64(counts.count - 1)
    counts.initialize(repeating: 0)
    for index in range { counts[Int((from.keys[index] >> shift) & mask)] += 1 }
    var total = range.lowerBound
    for digit in 0..<counts.count {
      let size = counts[digit]
      counts[digit] = total
      total += size
    }
    for index in range {
      let digit = Int((from.keys[index] >> shift) & mask)
      to.keys[counts[digit]] = from.keys[index]
      to.payload[counts[digit]] = from.payload[index]
      counts[digit] += 1
    }
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

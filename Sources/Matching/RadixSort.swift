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
    var otherKeys = keys
    var otherPayload = payload
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2048) { counts in
      keys.withUnsafeMutableBufferPointer { keys in
        payload.withUnsafeMutableBufferPointer { payload in
          otherKeys.withUnsafeMutableBufferPointer { otherKeys in
            otherPayload.withUnsafeMutableBufferPointer { otherPayload in
              var from = (keys: keys, payload: payload)
              var to = (keys: otherKeys, payload: otherPayload)
              // 6 passes of 11 bits cover 66 bits.
              for pass in 0..<6 {
                let shift = UInt64(pass * 11)
                counts.initialize(repeating: 0)
                for key in from.keys { counts[Int((key >> shift) & 0x7FF)] += 1 }
                var total = 0
                for index in 0..<2048 {
                  let bucket = counts[index]
                  counts[index] = total
                  total += bucket
                }
                for index in 0..<count {
                  let bucket = Int((from.keys[index] >> shift) & 0x7FF)
                  to.keys[counts[bucket]] = from.keys[index]
                  to.payload[counts[bucket]] = from.payload[index]
                  counts[bucket] += 1
                }
                swap(&from, &to)
              }
            }
          }
        }
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
    var bucketStarts = [Int](repeating: 0, count: 2049)
    for key in keys { bucketStarts[Int(key >> 53) + 1] += 1 }
    for bucket in 0..<2048 { bucketStarts[bucket + 1] += bucketStarts[bucket] }
    var otherKeys = keys
    var otherPayload = payload
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2048) { cursor in
      keys.withUnsafeMutableBufferPointer { keys in
        payload.withUnsafeMutableBufferPointer { payload in
          otherKeys.withUnsafeMutableBufferPointer { otherKeys in
            otherPayload.withUnsafeMutableBufferPointer { otherPayload in
              for bucket in 0..<2048 { cursor[bucket] = bucketStarts[bucket] }
              for index in 0..<count {
                let bucket = Int(keys[index] >> 53)
                otherKeys[cursor[bucket]] = keys[index]
                otherPayload[cursor[bucket]] = payload[index]
                cursor[bucket] += 1
              }
              // Each bucket from the other buffers back into `keys` and `payload` (an odd number
              // of passes ends there).
              let digits = UnsafeMutableBufferPointer(rebasing: cursor[0..<256])
              for bucket in 0..<2048 {
                let start = bucketStarts[bucket]
                let end = bucketStarts[bucket + 1]
                guard end > start else { continue }
                var from = (keys: otherKeys, payload: otherPayload)
                var to = (keys: keys, payload: payload)
                for pass in 0..<7 {
                  let shift = UInt64(pass * 8)
                  digits.initialize(repeating: 0)
                  for index in start..<end { digits[Int((from.keys[index] >> shift) & 0xFF)] += 1 }
                  var total = start
                  for digit in 0..<256 {
                    let size = digits[digit]
                    digits[digit] = total
                    total += size
                  }
                  for index in start..<end {
                    let digit = Int((from.keys[index] >> shift) & 0xFF)
                    to.keys[digits[digit]] = from.keys[index]
                    to.payload[digits[digit]] = from.payload[index]
                    digits[digit] += 1
                  }
                  swap(&from, &to)
                }
              }
            }
          }
        }
      }
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

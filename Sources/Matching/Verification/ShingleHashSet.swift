/// A set of shingle hashes for verification: open addressing with linear probing, indexed by the top
/// bits of the hash (shingle hashes are already uniformly mixed). Several times faster than sorting
/// or `Set<UInt64>` for the ~10⁴ shingles of a document.
struct ShingleHashSet {
  private var slots: [UInt64]
  private let shift: UInt64
  private let mask: Int
  /// 0 marks an empty slot, so the hash 0 is tracked apart.
  private var containsZero = false
  private(set) var count = 0

  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
  }

  /// Inserts `hash`; true when it was not there yet.
  @inline(__always)
  mutating func insert(_ hash: UInt64) -> Bool {
    if hash == 0 {
      if containsZero { return false }
      containsZero = true
      count += 1
      return true
    }
    let shift = self.shift
    let mask = self.mask
    let inserted = slots.withUnsafeMutableBufferPointer { slots -> Bool in
      var index = Int(truncatingIfNeeded: hash &>> shift)
      while true {
        let slot = slots[index]
        if slot == hash { return false }
        if slot == 0 {
          slots[index] = hash
          return true
        }
        index = (index &+ 1) & mask
      }
    }
    if inserted { count += 1 }
    return inserted
  }

  @inline(__always)
  func contains(_ hash: UInt64) -> Bool {
    if hash == 0 { return containsZero }
    return slots.withUnsafeBufferPointer { slots in
      var index = Int(truncatingIfNeeded: hash &>> shift)
      while true {
        let slot = slots[index]
        if slot == hash { return true }
        if slot == 0 { return false }
        index = (index &+ 1) & mask
      }
    }
  }
}

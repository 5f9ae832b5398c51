/// A set of shingle hashes as a bit table indexed by the hash's low bits: a clear bit proves the
/// hash is not in the set; a set bit means "maybe" and the exact table decides. Sixteen bits per
/// member keep false positives near 6 % and the table small enough for the first cache levels,
/// where the exact tables (eight bytes per slot, twice the members) are not.
package struct MembershipFilter: Sendable {
  let words: [UInt64]
  let mask: UInt64

  /// `members` may hold the exact table's empty-slot marker 0; it is skipped (the hash 0 is
  /// always handled before the filter).
  init(members: [UInt64], capacity: Int) {
    var bits = 1024
    while bits < capacity * 16 { bits <<= 1 }
    let mask = UInt64(bits - 1)
    var words = [UInt64](repeating: 0, count: bits / 64)
    for member in members where member != 0 {
      let bit = Int(truncatingIfNeeded: member & mask)
      words[bit &>> 6] |= 1 &<< UInt64(bit & 63)
    }
    self.words = words
    self.mask = mask
  }

  /// False when `hash` is certainly not a member.
  @inline(__always)
  func mayContain(_ hash: UInt64, words: UnsafeBufferPointer<UInt64>) -> Bool {
    let bit = Int(truncatingIfNeeded: hash & mask)
    return words[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0
  }
}

extension Verifier {
  /// The shingles a verification leaves out (templates, the call's text, common text) as an
  /// open-addressing table (0 marks an empty slot, `excludesZero` the hash 0) behind a
  /// ``MembershipFilter``: built once and shared by every ``PreparedQuery`` of a check, so that a
  /// candidate's shingles are tested without hashing them again.
  package struct ExclusionTable: Sendable {
    package let excluding: Set<UInt64>
    let keys: [UInt64]
    let excludesZero: Bool
    let shift: UInt64
    let filter: MembershipFilter

    package init(_ excluding: Set<UInt64>) {
      self.excluding = excluding
      var size = 16
      while size < excluding.count * 2 { size <<= 1 }
      let mask = size - 1
      let shift = UInt64(64 - size.trailingZeroBitCount)
      var keys = [UInt64](repeating: 0, count: size)
      var excludesZero = false
      for hash in excluding {
        if hash == 0 {
          excludesZero = true
          continue
        }
        var slot = Int(truncatingIfNeeded: hash &>> shift)
        while keys[slot] != 0 && keys[slot] != hash { slot = (slot &+ 1) & mask }
        keys[slot] = hash
      }
      self.keys = keys
      self.excludesZero = excludesZero
      self.shift = shift
      filter = MembershipFilter(members: keys, capacity: excluding.count)
    }

    var isEmpty: Bool { excluding.isEmpty }

    @inline(__always)
    func contains(
      _ hash: UInt64, keys: UnsafeBufferPointer<UInt64>, filter words: UnsafeBufferPointer<UInt64>
    )
      -> Bool
    {
      if hash == 0 { return excludesZero }
      guard filter.mayContain(hash, words: words) else { return false }
      let mask = keys.count - 1
      var slot = Int(truncatingIfNeeded: hash &>> shift)
      while true {
        let key = keys[slot]
        if key == hash { return true }
        if key == 0 { return false }
        slot = (slot &+ 1) & mask
      }
    }
  }
}

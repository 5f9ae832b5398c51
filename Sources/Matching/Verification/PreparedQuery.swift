import ChachongModel
import Fingerprints

extension Verifier {
  /// A query verified against many candidates. Its distinct shingles go once into a hash table
  /// (hash → distinct index) that stays warm in cache; each candidate then costs one probe per
  /// candidate shingle, a small set for the candidate's shingles the query lacks, and a sequential
  /// pass over the query positions.
  package struct PreparedQuery: Sendable {
    package let text: NormalizedText
    package let hashes: [UInt64]
    package let k: Int
    package let excluding: Set<UInt64>
    /// For each position, the index of its hash among the distinct query hashes; −1 if excluded.
    package let distinctIndex: [Int32]
    let distinctCount: Int
    /// Open addressing by the top bits of the hash; key 0 marks an empty slot (`zeroIndex` holds
    /// the index of the hash 0).
    let keys: [UInt64]
    let values: [Int32]
    let zeroIndex: Int32
    let shift: UInt64
    /// A bit per slot of a table 16 times the distinct count, indexed by the hash's low bits: a
    /// candidate shingle whose bit is clear is not in the query, known from a table small enough
    /// for the first cache levels (most candidate shingles are not in the query, and the probe of
    /// `keys` for them was the verification's cost).
    let filter: MembershipFilter
    /// `excluding` as a table (built once per check when given as an ``ExclusionTable``).
    let exclusion: ExclusionTable

    /// `hashes` are the query's shingle hashes as `Shingler` returns them (same k and seed as the
    /// candidates' hashes).
    package init(text: NormalizedText, hashes: [UInt64], k: Int, excluding: Set<UInt64> = []) {
      self.init(text: text, hashes: hashes, k: k, exclusion: ExclusionTable(excluding))
    }

    /// The same query with an exclusion table already built: a check verifies every document of
    /// the batch with one set of exclusions (templates, common text), which can hold a hundred
    /// thousand shingles.
    package init(text: NormalizedText, hashes: [UInt64], k: Int, exclusion: ExclusionTable) {
      let excluding = exclusion.excluding
      self.text = text
      self.hashes = hashes
      self.k = k
      self.excluding = excluding
      var size = 16
      while size < hashes.count * 2 { size <<= 1 }
      let mask = size - 1
      let shift = UInt64(64 - size.trailingZeroBitCount)
      var keys = [UInt64](repeating: 0, count: size)
      var values = [Int32](repeating: -1, count: size)
      var zeroIndex: Int32 = -1
      var distinct: Int32 = 0
      var distinctIndex = [Int32](repeating: -1, count: hashes.count)
      for (position, hash) in hashes.enumerated() {
        if !excluding.isEmpty && excluding.contains(hash) { continue }
        if hash == 0 {
          if zeroIndex < 0 {
            zeroIndex = distinct
            distinct += 1
          }
          distinctIndex[position] = zeroIndex
          continue
        }
        var slot = Int(truncatingIfNeeded: hash &>> shift)
        while keys[slot] != 0 && keys[slot] != hash { slot = (slot &+ 1) & mask }
        if keys[slot] == 0 {
          keys[slot] = hash
          values[slot] = distinct
          distinct += 1
        }
        distinctIndex[position] = values[slot]
      }
      self.keys = keys
      self.values = values
      self.zeroIndex = zeroIndex
      self.shift = shift
      self.distinctIndex = distinctIndex
      distinctCount = Int(distinct)
      filter = MembershipFilter(members: keys, capacity: Int(distinct))
      self.exclusion = exclusion
    }

    /// Whether `hash` is in `excluding` (`keys`: `excludedKeys`).
    /// Index of `hash` among the distinct query hashes, or −1.
    @inline(__always)
    func index(of hash: UInt64, keys: UnsafeBufferPointer<UInt64>, values: UnsafeBufferPointer<Int32>)
      -> Int32
    {
      if hash == 0 { return zeroIndex }
      let mask = keys.count - 1
      var slot = Int(truncatingIfNeeded: hash &>> shift)
      while true {
        let key = keys[slot]
        if key == hash { return values[slot] }
        if key == 0 { return -1 }
        slot = (slot &+ 1) & mask
      }
    }
  }

  /// The same scores as `scores(query:queryHashes:matchHashes:k:excluding:)`.
  package static func scores(_ query: PreparedQuery, matchHashes: [UInt64]) -> SimilarityScores {
    verify(query, matchHashes: matchHashes).scores
  }
}

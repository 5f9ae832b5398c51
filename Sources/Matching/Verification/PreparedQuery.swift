import ChachongModel
import Fingerprints

extension Verifier {
  /// A query verified against many candidates. Its distinct shingles go once into a hash table
  /// (hash → distinct index) that stays warm in cache; each candidate then costs one probe per
  /// candidate shingle, a small set for the candidate's shingles the query lacks, and a sequential
  /// pass over the query positions.
  public struct PreparedQuery: Sendable {
    public let text: NormalizedText
    public let hashes: [UInt64]
    public let k: Int
    public let excluding: Set<UInt64>
    /// For each position, the index of its hash among the distinct query hashes; −1 if excluded.
    let distinctIndex: [Int32]
    let distinctCount: Int
    /// Open addressing by the top bits of the hash; key 0 marks an empty slot (`zeroIndex` holds
    /// the index of the hash 0).
    let keys: [UInt64]
    let values: [Int32]
    let zeroIndex: Int32
    let shift: UInt64
    /// `excluding` as an open-addressing table like `keys` (0 marks an empty slot, `excludesZero`
    /// the hash 0): a match's shingles are tested against it without hashing them again.
    let excludedKeys: [UInt64]
    let excludesZero: Bool
    let excludedShift: UInt64

    /// `hashes` are the query's shingle hashes as `Shingler` returns them (same k and seed as the
    /// candidates' hashes).
    public init(text: NormalizedText, hashes: [UInt64], k: Int, excluding: Set<UInt64> = []) {
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
      var excludedSize = 16
      while excludedSize < excluding.count * 2 { excludedSize <<= 1 }
      let excludedMask = excludedSize - 1
      let excludedShift = UInt64(64 - excludedSize.trailingZeroBitCount)
      var excludedKeys = [UInt64](repeating: 0, count: excludedSize)
      var excludesZero = false
      for hash in excluding {
        if hash == 0 {
          excludesZero = true
          continue
        }
        var slot = Int(truncatingIfNeeded: hash &>> excludedShift)
        while excludedKeys[slot] != 0 && excludedKeys[slot] != hash { slot = (slot &+ 1) & excludedMask }
        excludedKeys[slot] = hash
      }
      self.excludedKeys = excludedKeys
      self.excludesZero = excludesZero
      self.excludedShift = excludedShift
    }

    /// Whether `hash` is in `excluding` (`keys`: `excludedKeys`).
    @inline(__always)
    func isExcluded(_ hash: UInt64, keys: UnsafeBufferPointer<UInt64>) -> Bool {
      if hash == 0 { return excludesZero }
      let mask = keys.count - 1
      var slot = Int(truncatingIfNeeded: hash &>> excludedShift)
      while true {
        let key = keys[slot]
        if key == hash { return true }
        if key == 0 { return false }
        slot = (slot &+ 1) & mask
      }
    }

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
  public static func scores(_ query: PreparedQuery, matchHashes: [UInt64]) -> SimilarityScores {
    verify(query, matchHashes: matchHashes).scores
  }
}

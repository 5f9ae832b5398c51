/// The fixed 64-bit hash behind every stored or compared value (token ids, shingles, band keys).
///
/// It gives the same values on every run, platform and build; Swift's `Hasher` must never be used
/// for these because it is seeded per process. Not cryptographic.
///
/// - `mix64` is the SplitMix64 finaliser (Stafford "Mix13", as in `java.util.SplittableRandom`):
///   `z ^= z >> 30; z &*= 0xBF58_476D_1CE4_E5B9; z ^= z >> 27; z &*= 0x94D0_49BB_1331_11EB; z ^= z >> 31`.
///   It is a bijection on `UInt64` (`mix64(0) == 0`).
/// - `hash64(bytes, seed)` reads the bytes as little-endian 64-bit words (the last one zero-padded):
///   `h = seed`; for each word `w`: `h = mix64((h ^ w) &+ 0x9E37_79B9_7F4A_7C15)`;
///   result `mix64(h ^ (UInt64(bytes.count) &* 0xD6E8_FEB8_6659_FD93))`.
///
/// Golden values are pinned in `StableHashTests`; changing anything here invalidates every index.
package enum StableHash {
  /// Added to every word step of `hash64` (the golden-ratio increment of SplitMix64).
  package static let wordIncrement: UInt64 = 0x9E37_79B9_7F4A_7C15
  /// Multiplies the byte length folded into the last step of `hash64`.
  package static let lengthMultiplier: UInt64 = 0xD6E8_FEB8_6659_FD93

  @inline(__always)
  package static func mix64(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z &>> 31)
  }

  package static func hash64(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
    bytes.withUnsafeBufferPointer { hash64(UnsafeRawBufferPointer($0), seed: seed) }
  }

  /// `hash64` over raw memory; same values as the `[UInt8]` form.
  package static func hash64(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
    var h = seed
    let count = bytes.count
    var offset = 0
    while offset + 8 <= count {
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      h = mix64((h ^ word) &+ wordIncrement)
      offset += 8
    }
    if offset < count {
      var word: UInt64 = 0
      var shift: UInt64 = 0
      while offset < count {
        word |= UInt64(bytes[offset]) &<< shift
        shift += 8
        offset += 1
      }
      h = mix64((h ^ word) &+ wordIncrement)
    }
    return mix64(h ^ (UInt64(count) &* lengthMultiplier))
  }
}

import CKernels

/// SHA-256 (FIPS 180-4), written here because the project takes no crypto dependency.
///
/// Used for source-file checksums and, through ``HMACSHA256``, for keyed hashes of personal ID
/// numbers. Streaming: call ``update(_:)`` any number of times, then ``finalize()``. Whole blocks
/// go through the x86 SHA extensions when the processor has them (`CKernels`), else through the
/// portable code below; both give the same digest (a test compares them).
package struct SHA256: Sendable {
  package static let digestSize = 32
  package static let blockSize = 64

  /// Whether this processor's SHA extensions compute the blocks.
  package static let usesHardware = chachong_sha256_hardware_available() == 1

  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  private var buffer: [UInt8] = []
  private var totalBytes: UInt64 = 0
  private let hardware: Bool

  package init() {
    self.init(hardware: SHA256.usesHardware)
  }

  /// `hardware: false` forces the portable code (tests compare the two).
  init(hardware: Bool) {
    self.hardware = hardware && SHA256.usesHardware
    buffer.reserveCapacity(SHA256.blockSize)
  }

  /// The digest of `bytes` in one call.
  package static func hash<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    var hasher = SHA256()
    // String.UTF8View and arrays hand out their storage: no 40 KB copy per document.
    let done: Void? = bytes.withContiguousStorageIfAvailable { hasher.update($0) }
    if done == nil {
      hasher.update(Array(bytes))
    }
    return hasher.finalize()
  }

  /// Lower-case hexadecimal digest of `bytes`.
  package static func hexHash<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    Hex.encode(hash(bytes))
  }

  package mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { update($0) }
  }

  package mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
    totalBytes &+= UInt64(bytes.count)
    var index = 0
    if !buffer.isEmpty {
      let take = min(SHA256.blockSize - buffer.count, bytes.count)
      buffer.append(contentsOf: bytes[0..<take])
      index = take
      if buffer.count == SHA256.blockSize {
        buffer.withUnsafeBufferPointer { compress($0, at: 0) }
        buffer.removeAll(keepingCapacity: true)
      }
    }
    let blocks = (bytes.count - index) / SHA256.blockSize
    if hardware, blocks > 0, let base = bytes.baseAddress {
      compressInHardware(base + index, blocks: blocks)
      index += blocks * SHA256.blockSize
    }
    while bytes.count - index >= SHA256.blockSize {
      compress(bytes, at: index)
      index += SHA256.blockSize
    }
    if index < bytes.count {
      buffer.append(contentsOf: bytes[index...])
    }
  }

  package mutating func finalize() -> [UInt8] {
    let bitLength = totalBytes &* 8
    var tail = buffer
    tail.append(0x80)
    while tail.count % SHA256.blockSize != 56 {
      tail.append(0)
    }
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    tail.withUnsafeBufferPointer { pointer in
      var offset = 0
      while offset < pointer.count {
        compress(pointer, at: offset)
        offset += SHA256.blockSize
      }
    }
    buffer.removeAll(keepingCapacity: true)
    let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
    var digest: [UInt8] = []
    digest.reserveCapacity(SHA256.digestSize)
    for word in words {
      digest.append(UInt8(truncatingIfNeeded: word >> 24))
      digest.append(UInt8(truncatingIfNeeded: word >> 16))
      digest.append(UInt8(truncatingIfNeeded: word >> 8))
      digest.append(UInt8(truncatingIfNeeded: word))
    }
    return digest
  }

  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  @inline(__always)
  private static func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 {
    (value >> count) | (value << (32 - count))
  }

  private mutating func compressInHardware(_ data: UnsafePointer<UInt8>, blocks: Int) {
    var words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
    words.withUnsafeMutableBufferPointer { state in
      SHA256.roundConstants.withUnsafeBufferPointer { constants in
        chachong_sha256_blocks(state.baseAddress, data, blocks, constants.baseAddress)
      }
    }
    state = (words[0], words[1], words[2], words[3], words[4], words[5], words[6], words[7])
  }

  private mutating func compress(_ block: UnsafeBufferPointer<UInt8>, at offset: Int) {
    guard let base = block.baseAddress else { return }
    if hardware {
      compressInHardware(base + offset, blocks: 1)
      return
    }
    SHA256.roundConstants.withUnsafeBufferPointer { constants in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
        compress(UnsafeRawPointer(base + offset), constants: constants, schedule: schedule)
      }
    }
  }

  @inline(__always)
  private static func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
    _ h: inout UInt32, _ word: UInt32
  ) {
    let sum1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
    let choice = g ^ (e & (f ^ g))
    let temp1 = h &+ sum1 &+ choice &+ word
    let sum0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
    let majority = (a & b) | (c & (a | b))
    d = d &+ temp1
    h = temp1 &+ sum0 &+ majority
  }

  // Eight rounds per iteration with the working variables renamed instead of shifted: the
  // compiler keeps them in registers (the shifting version measured 128 MB/s in ingest).
  private mutating func compress(
    _ block: UnsafeRawPointer, constants: UnsafeBufferPointer<UInt32>,
    schedule: UnsafeMutableBufferPointer<UInt32>
  ) {
    guard let w = schedule.baseAddress, let k = constants.baseAddress else { return }
    for index in 0..<16 {
      w[index] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
    }
    for index in 16..<64 {
      let x = w[index - 15]
      let y = w[index - 2]
      let s0 = SHA256.rotateRight(x, 7) ^ SHA256.rotateRight(x, 18) ^ (x >> 3)
      let s1 = SHA256.rotateRight(y, 17) ^ SHA256.rotateRight(y, 19) ^ (y >> 10)
      w[index] = w[index - 16] &+ s0 &+ w[index - 7] &+ s1
    }
    var (a, b, c, d, e, f, g, h) = state
    var index = 0
    while index < 64 {
      SHA256.round(a, b, c, &d, e, f, g, &h, k[index] &+ w[index])
      SHA256.round(h, a, b, &c, d, e, f, &g, k[index + 1] &+ w[index + 1])
      SHA256.round(g, h, a, &b, c, d, e, &f, k[index + 2] &+ w[index + 2])
      SHA256.round(f, g, h, &a, b, c, d, &e, k[index + 3] &+ w[index + 3])
      SHA256.round(e, f, g, &h, a, b, c, &d, k[index + 4] &+ w[index + 4])
      SHA256.round(d, e, f, &g, h, a, b, &c, k[index + 5] &+ w[index + 5])
      SHA256.round(c, d, e, &f, g, h, a, &b, k[index + 6] &+ w[index + 6])
      SHA256.round(b, c, d, &e, f, g, h, &a, k[index + 7] &+ w[index + 7])
      index += 8
    }
    state = (
      state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
      state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h
    )
  }
}

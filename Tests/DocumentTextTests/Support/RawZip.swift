/// Writes zip files byte by byte, for containers no zip library would write: central directory
/// entries that share one local entry (the overlapping-entry bomb), duplicate names, bad CRCs.
enum RawZip {
  struct Local {
    var name: String
    var data: [UInt8]
    /// Stored (method 0) entries only; `crc` overrides the real CRC-32 to test the check.
    var crc: UInt32?
  }

  struct Central {
    var name: String
    /// Which local entry this central directory entry points at.
    var local: Int
  }

  /// Locals in order, then the central directory (by default one entry per local, same name).
  static func build(_ locals: [Local], central: [Central]? = nil) -> [UInt8] {
    var bytes: [UInt8] = []
    var offsets: [Int] = []
    for local in locals {
      offsets.append(bytes.count)
      let name = Array(local.name.utf8)
      bytes += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
      bytes += le32(local.crc ?? crc32(local.data)) + le32(local.data.count) + le32(local.data.count)
      bytes += le16(name.count) + le16(0) + name + local.data
    }
    let directoryStart = bytes.count
    let entries = central ?? locals.indices.map { Central(name: locals[$0].name, local: $0) }
    for entry in entries {
      let local = locals[entry.local]
      let name = Array(entry.name.utf8)
      bytes += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
      bytes += le32(local.crc ?? crc32(local.data)) + le32(local.data.count) + le32(local.data.count)
      bytes += le16(name.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
      bytes += le32(offsets[entry.local]) + name
    }
    let directorySize = bytes.count - directoryStart
    bytes += le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
    bytes += le32(directorySize) + le32(directoryStart) + le16(0)
    return bytes
  }

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  private static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
  private static func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16((value >> 16) & 0xFFFF) }
  private static func le32(_ value: UInt32) -> [UInt8] { le32(Int(value)) }
}

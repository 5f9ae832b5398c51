import CDeflate

/// Writes a zip archive in memory (enough for an `.xlsx`): each entry deflated with zlib (raw
/// deflate: the zlib stream without its 2-byte header and 4-byte Adler-32 trailer) or stored
/// when deflating does not make it smaller, with its CRC-32, a central directory and the end
/// record. No zip64: the writer refuses archives over 4 GiB or 65 535 entries.
struct ZipWriter {
  struct Entry {
    var name: [UInt8]
    var crc: UInt32
    var method: UInt16
    var compressedSize: Int
    var size: Int
    var offset: Int
  }

  enum ZipError: Error, Equatable {
    case tooLarge
    case tooManyEntries
  }

  private(set) var bytes: [UInt8] = []
  private var entries: [Entry] = []

  /// A fixed DOS time (1980-01-01 00:00) so the same content gives the same bytes.
  private static let dosTime: UInt16 = 0
  private static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

  mutating func add(_ name: String, _ content: [UInt8]) throws(ZipError) {
    guard entries.count < 0xFFFF else { throw .tooManyEntries }
    let crc = CRC32.checksum(content)
    let deflated = Self.deflate(content)
    let (method, data): (UInt16, [UInt8]) =
      if let deflated, deflated.count < content.count { (8, deflated) } else { (0, content) }
    guard bytes.count + data.count + 1024 < Int(UInt32.max), content.count < Int(UInt32.max) else {
      throw .tooLarge
    }
    let nameBytes = Array(name.utf8)
    let entry = Entry(
      name: nameBytes, crc: crc, method: method, compressedSize: data.count, size: content.count,
      offset: bytes.count)
    append32(0x0403_4b50)
    append16(20)  // version needed
    append16(0x0800)  // UTF-8 names
    append16(method)
    append16(Self.dosTime)
    append16(Self.dosDate)
    append32(crc)
    append32(UInt32(data.count))
    append32(UInt32(content.count))
    append16(UInt16(nameBytes.count))
    append16(0)
    bytes += nameBytes
    bytes += data
    entries.append(entry)
  }

  /// The archive's bytes with its central directory.
  mutating func finish() -> [UInt8] {
    let directoryStart = bytes.count
    for entry in entries {
      append32(0x0201_4b50)
      append16(20)  // made by
      append16(20)
      append16(0x0800)
      append16(entry.method)
      append16(Self.dosTime)
      append16(Self.dosDate)
      append32(entry.crc)
      append32(UInt32(entry.compressedSize))
      append32(UInt32(entry.size))
      append16(UInt16(entry.name.count))
      append16(0)  // extra
      append16(0)  // comment
      append16(0)  // disk
      append16(0)  // internal attributes
      append32(0)  // external attributes
      append32(UInt32(entry.offset))
      bytes += entry.name
    }
    let directorySize = bytes.count - directoryStart
    append32(0x0605_4b50)
    append16(0)
    append16(0)
    append16(UInt16(entries.count))
    append16(UInt16(entries.count))
    append32(UInt32(directorySize))
    append32(UInt32(directoryStart))
    append16(0)
    return bytes
  }

  private mutating func append16(_ value: UInt16) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
  }

  private mutating func append32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
    }
  }

  /// Raw deflate of `content`, or nil when zlib fails.
  static func deflate(_ content: [UInt8]) -> [UInt8]? {
    guard !content.isEmpty else { return nil }
    var capacity = compressBound(uLong(content.count))
    var output = [UInt8](repeating: 0, count: Int(capacity))
    let status = output.withUnsafeMutableBufferPointer { out in
      content.withUnsafeBufferPointer { input in
        compress2(out.baseAddress, &capacity, input.baseAddress, uLong(input.count), 6)
      }
    }
    // A zlib stream is a 2-byte header (no preset dictionary), the raw deflate data, Adler-32.
    guard status == Z_OK, Int(capacity) > 6 else { return nil }
    return Array(output[2..<(Int(capacity) - 4)])
  }
}

/// CRC-32 (IEEE 802.3, reflected, as zip uses it), table-driven.
enum CRC32 {
  private static let table: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    return value
  }

  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    table.withUnsafeBufferPointer { table in
      for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    }
    return crc ^ 0xFFFF_FFFF
  }
}

/// The central directory of an in-memory zip file, read and checked before any entry is inflated:
/// every offset and size inside the file, no two entries sharing bytes (the overlapping-entry
/// bomb of David Fifield's "A better zip bomb" reuses one compressed kernel for thousands of
/// entries), no two entries with one name (other readers may show the other copy). Pure.
struct ZipDirectory {
  struct Entry: Equatable {
    /// The name as stored (UTF-8, or bytes below 0x80 as ASCII for legacy names).
    var name: String
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    var localHeaderOffset: Int
    /// Where the compressed bytes start (after the local header), and where the entry ends
    /// (after its data descriptor, if any).
    var dataOffset: Int = 0
    var endOffset: Int = 0

    var isDirectory: Bool { name.hasSuffix("/") }
    var isEncrypted: Bool { flags & 1 != 0 }
  }

  enum Failure: Error, Equatable {
    case notAZip(String)
    case corrupt(String)
    case overlapping(String)
    case tooManyEntries(Int)
  }

  let entries: [Entry]

  init(_ bytes: [UInt8], maxEntries: Int) throws(Failure) {
    let reader = ByteReader(bytes: bytes)
    guard let end = Self.endOfCentralDirectory(reader) else {
      throw .notAZip("no end of central directory record")
    }
    var entryCount = Int(reader.uint16(end + 10))
    var directorySize = Int(reader.uint32(end + 12))
    var directoryOffset = Int(reader.uint32(end + 16))
    // ZIP64: the locator sits just before the classic record and points at the 64-bit record.
    if end >= 20, reader.uint32(end - 20) == 0x0706_4B50 {
      let record = reader.uint64(end - 12)
      guard bytes.count >= 56, record <= UInt64(bytes.count - 56), reader.uint32(Int(record)) == 0x0606_4B50
      else {
        throw .corrupt("ZIP64 end of central directory record outside the file")
      }
      let start = Int(record)
      let count64 = reader.uint64(start + 32)
      let size64 = reader.uint64(start + 40)
      let offset64 = reader.uint64(start + 48)
      guard count64 <= UInt64(Int32.max), size64 <= UInt64(bytes.count), offset64 <= UInt64(bytes.count)
      else { throw .corrupt("ZIP64 central directory outside the file") }
      entryCount = Int(count64)
      directorySize = Int(size64)
      directoryOffset = Int(offset64)
    }
    guard entryCount <= maxEntries else { throw .tooManyEntries(entryCount) }
    guard directoryOffset <= bytes.count, directorySize <= bytes.count - directoryOffset else {
      throw .corrupt("central directory outside the file")
    }
    var entries: [Entry] = []
    entries.reserveCapacity(entryCount)
    var offset = directoryOffset
    let directoryEnd = directoryOffset + directorySize
    for index in 0..<entryCount {
      guard offset + 46 <= directoryEnd, reader.uint32(offset) == 0x0201_4B50 else {
        throw .corrupt("central directory entry \(index + 1) is truncated or missing")
      }
      let nameLength = Int(reader.uint16(offset + 28))
      let extraLength = Int(reader.uint16(offset + 30))
      let commentLength = Int(reader.uint16(offset + 32))
      let next = offset + 46 + nameLength + extraLength + commentLength
      guard next <= directoryEnd else {
        throw .corrupt("central directory entry \(index + 1) is truncated")
      }
      var entry = Entry(
        name: Self.decodeName(bytes[(offset + 46)..<(offset + 46 + nameLength)]),
        method: reader.uint16(offset + 10), flags: reader.uint16(offset + 8),
        crc32: reader.uint32(offset + 16),
        compressedSize: Int(reader.uint32(offset + 20)), uncompressedSize: Int(reader.uint32(offset + 24)),
        localHeaderOffset: Int(reader.uint32(offset + 42)))
      try Self.applyZIP64Extra(
        reader, range: (offset + 46 + nameLength)..<(offset + 46 + nameLength + extraLength), to: &entry)
      try Self.locateData(reader, of: &entry, limit: directoryOffset)
      entries.append(entry)
      offset = next
    }
    try Self.checkDisjoint(entries)
    self.entries = entries
  }

  /// The classic end record, searched backwards over the longest possible comment.
  private static func endOfCentralDirectory(_ reader: ByteReader) -> Int? {
    let count = reader.bytes.count
    guard count >= 22 else { return nil }
    var offset = count - 22
    let lowest = max(0, count - 22 - 65_535)
    while offset >= lowest {
      if reader.bytes[offset] == 0x50, reader.uint32(offset) == 0x0605_4B50 { return offset }
      offset -= 1
    }
    return nil
  }

  /// Legacy (CP437) names are ASCII in every OPC package; other bytes are replaced, which can only
  /// make a name not match.
  private static func decodeName(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  private static func applyZIP64Extra(
    _ reader: ByteReader, range: Range<Int>, to entry: inout Entry
  ) throws(Failure) {
    var offset = range.lowerBound
    while offset + 4 <= range.upperBound {
      let id = reader.uint16(offset)
      let size = Int(reader.uint16(offset + 2))
      let body = offset + 4
      guard body + size <= range.upperBound else { break }
      if id == 0x0001 {
        var field = body
        func next() throws(Failure) -> Int {
          guard field + 8 <= body + size else { throw .corrupt("\(entry.name): short ZIP64 extra field") }
          let value = reader.uint64(field)
          field += 8
          guard value <= UInt64(Int32.max) * 4 else {
            throw .corrupt("\(entry.name): ZIP64 size out of range")
          }
          return Int(value)
        }
        if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = try next() }
        if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
        if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
      }
      offset = body + size
    }
  }

  /// Finds the entry's data behind its local header; everything must end before the central
  /// directory (`limit`).
  private static func locateData(_ reader: ByteReader, of entry: inout Entry, limit: Int) throws(Failure) {
    let header = entry.localHeaderOffset
    guard header <= limit - 30, reader.uint32(header) == 0x0403_4B50 else {
      throw .corrupt("\(entry.name): local header missing or outside the file")
    }
    let dataOffset = header + 30 + Int(reader.uint16(header + 26)) + Int(reader.uint16(header + 28))
    guard dataOffset <= limit, entry.compressedSize <= limit - dataOffset else {
      throw .corrupt("\(entry.name): compressed data runs past the end of the entries")
    }
    var end = dataOffset + entry.compressedSize
    if entry.flags & 0x08 != 0 {
      // A data descriptor follows: optional signature, CRC and both sizes (4 or 8 bytes each).
      let signed = end + 4 <= limit && reader.uint32(end) == 0x0807_4B50
      end += signed ? 16 : 12
      end = min(end, limit)
    }
    entry.dataOffset = dataOffset
    entry.endOffset = end
  }

  private static func checkDisjoint(_ entries: [Entry]) throws(Failure) {
    let ordered = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
    for (previous, next) in zip(ordered, ordered.dropFirst())
    where next.localHeaderOffset < previous.endOffset {
      throw .overlapping(
        "entries \(previous.name) and \(next.name) share bytes at offset \(next.localHeaderOffset)")
    }
  }
}

/// Little-endian reads that return 0 past the end instead of trapping (callers check bounds).
struct ByteReader {
  let bytes: [UInt8]

  func uint16(_ offset: Int) -> UInt16 {
    guard offset >= 0, offset <= bytes.count - 2 else { return 0 }
    return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
  }

  func uint32(_ offset: Int) -> UInt32 {
    guard offset >= 0, offset <= bytes.count - 4 else { return 0 }
    return UInt32(uint16(offset)) | UInt32(uint16(offset + 2)) << 16
  }

  func uint64(_ offset: Int) -> UInt64 {
    guard offset >= 0, offset <= bytes.count - 8 else { return 0 }
    return UInt64(uint32(offset)) | UInt64(uint32(offset + 4)) << 32
  }
}

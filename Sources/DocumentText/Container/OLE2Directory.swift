/// Reads the directory of an OLE2 (Compound File Binary) container, just far enough to tell an
/// encrypted OOXML package from a Word 97–2003 document.
enum OLE2Directory {
  static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

  enum Content: Equatable {
    case encryptedPackage
    case wordDocument
    case other
  }

  static func isOLE2(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 8 && Array(bytes[0..<8]) == signature
  }

  /// The stream names of the root directory, or nil when the structure is broken.
  static func streamNames(_ bytes: [UInt8]) -> [String]? {
    guard isOLE2(bytes), bytes.count >= 512 else { return nil }
    let sectorShift = Int(readUInt16(bytes, 0x1E))
    guard sectorShift == 9 || sectorShift == 12 else { return nil }
    let sectorSize = 1 << sectorShift
    let sectorCount = (bytes.count - 512) / sectorSize + 1
    func sectorOffset(_ sector: Int) -> Int { 512 + sector * sectorSize }

    // FAT sectors from the header's DIFAT (and its chain), bounded by the file size.
    var fatSectors: [Int] = []
    for index in 0..<109 {
      let sector = Int(readUInt32(bytes, 0x4C + index * 4))
      if sector < sectorCount { fatSectors.append(sector) }
    }
    var difat = Int(readUInt32(bytes, 0x44))
    var guardCount = 0
    while difat < sectorCount, guardCount < sectorCount {
      guardCount += 1
      let base = sectorOffset(difat)
      guard base + sectorSize <= bytes.count else { break }
      for index in 0..<(sectorSize / 4 - 1) {
        let sector = Int(readUInt32(bytes, base + index * 4))
        if sector < sectorCount { fatSectors.append(sector) }
      }
      difat = Int(readUInt32(bytes, base + sectorSize - 4))
    }
    func next(_ sector: Int) -> Int? {
      let perSector = sectorSize / 4
      let fatIndex = sector / perSector
      guard fatIndex < fatSectors.count else { return nil }
      let offset = sectorOffset(fatSectors[fatIndex]) + (sector % perSector) * 4
      guard offset + 4 <= bytes.count else { return nil }
      let value = Int(readUInt32(bytes, offset))
      return value < sectorCount ? value : nil
    }

    var names: [String] = []
    var sector: Int? = Int(readUInt32(bytes, 0x30))
    var visited = 0
    while let current = sector, current < sectorCount, visited < sectorCount {
      visited += 1
      let base = sectorOffset(current)
      guard base + sectorSize <= bytes.count else { break }
      for entry in 0..<(sectorSize / 128) {
        let offset = base + entry * 128
        let nameLength = Int(readUInt16(bytes, offset + 0x40))
        guard nameLength >= 2, nameLength <= 64 else { continue }
        var units: [UInt16] = []
        for index in 0..<(nameLength / 2 - 1) { units.append(readUInt16(bytes, offset + index * 2)) }
        names.append(String(decoding: units, as: UTF16.self))
      }
      sector = next(current)
    }
    return names.isEmpty ? nil : names
  }

  /// What the container holds, by its stream names (falling back to a byte scan when the
  /// directory cannot be walked).
  static func classify(_ bytes: [UInt8]) -> Content {
    let names = streamNames(bytes) ?? scanNames(bytes)
    if names.contains("EncryptedPackage") || names.contains("EncryptionInfo") { return .encryptedPackage }
    if names.contains("WordDocument") { return .wordDocument }
    return .other
  }

  private static func scanNames(_ bytes: [UInt8]) -> [String] {
    ["EncryptedPackage", "EncryptionInfo", "WordDocument"].filter { name in
      let pattern = name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
      return contains(bytes, pattern)
    }
  }

  private static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
    guard let first = pattern.first, bytes.count >= pattern.count else { return false }
    var index = 0
    while index <= bytes.count - pattern.count {
      if bytes[index] == first, Array(bytes[index..<(index + pattern.count)]) == pattern { return true }
      index += 1
    }
    return false
  }

  private static func readUInt16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
    guard offset >= 0, offset + 2 <= bytes.count else { return 0xFFFF }
    return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
  }

  private static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    guard offset >= 0, offset + 4 <= bytes.count else { return 0xFFFF_FFFF }
    return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
  }
}

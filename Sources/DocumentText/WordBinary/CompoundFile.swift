/// A read-only view of an OLE2 Compound File Binary container ([MS-CFB]): header, DIFAT, FAT,
/// mini FAT, mini stream and directory, checked against the file's real size at every step.
///
/// Hostile files lie in every field: sector chains loop or point past the end, the directory tree
/// has cycles, streams claim gigabytes. Every chain walk is bounded by the number of sectors the
/// file can hold, every claimed size by the bytes the file has.
struct CompoundFile {
  struct Entry: Equatable {
    enum Kind: Int { case unknown = 0, storage = 1, stream = 2, root = 5 }
    var name: String
    var kind: Kind
    var left: Int
    var right: Int
    var child: Int
    var startSector: Int
    var size: Int
  }

  static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
  private static let endOfChain = 0xFFFF_FFFE
  private static let noStream = 0xFFFF_FFFF
  /// Streams below this size live in the mini stream (64-byte sectors).
  private static let standardMiniStreamCutoff = 4096

  private let bytes: [UInt8]
  private let sectorShift: Int
  private let miniSectorShift = 6
  /// [MS-CFB] fixes the cutoff at 4096; a header claiming another value is not trusted.
  private let miniStreamCutoff = standardMiniStreamCutoff
  /// How many whole or partial sectors the file holds after the header.
  private let sectorCount: Int
  private let fat: [Int]
  private var miniFAT: [Int] = []
  private var miniStream: [UInt8] = []
  private(set) var entries: [Entry] = []
  /// Entry indices of the root storage's direct children, in tree order.
  private(set) var rootChildren: [Int] = []

  init(_ bytes: [UInt8]) throws(WordBinaryFailure) {
    guard bytes.count >= 512, bytes.starts(with: Self.signature) else {
      throw .corruptContainer("no OLE2 header")
    }
    self.bytes = bytes
    guard let shift = bytes.uint16(at: 0x1E), shift == 9 || shift == 12 else {
      throw .corruptContainer("sector size is neither 512 nor 4096 bytes")
    }
    sectorShift = shift
    let sectorSize = 1 << shift
    // Version 4 files (4096-byte sectors) pad the 512-byte header to a whole sector.
    sectorCount = max(0, (bytes.count - sectorSize + sectorSize - 1) / sectorSize)
    fat = try Self.readFAT(bytes, sectorShift: shift, sectorCount: sectorCount)

    let directory = try chain(from: bytes.uint32(at: 0x30) ?? Self.endOfChain, what: "directory")
    try readDirectory(directory)
    guard let root = entries.first, root.kind == .root else {
      throw .corruptContainer("the first directory entry is not the root storage")
    }
    miniStream = try streamBytes(
      start: root.startSector, size: root.size, inMiniStream: false, what: "mini stream")
    let miniFATSectors = try chain(from: bytes.uint32(at: 0x3C) ?? Self.endOfChain, what: "mini FAT")
    miniFAT = miniFATSectors.flatMap { sector in
      (0..<(sectorSize / 4)).map { bytes.uint32(at: offset(ofSector: sector) + $0 * 4) ?? Self.endOfChain }
    }
    rootChildren = try children(of: 0)
  }

  /// The names of the root storage's streams and storages.
  var rootNames: [String] { rootChildren.map { entries[$0].name } }

  /// The bytes of a stream directly under the root, nil when there is none of that name.
  func stream(named name: String) throws(WordBinaryFailure) -> [UInt8]? {
    guard let index = rootChildren.first(where: { entries[$0].name == name && entries[$0].kind == .stream })
    else { return nil }
    let entry = entries[index]
    return try streamBytes(
      start: entry.startSector, size: entry.size, inMiniStream: entry.size < miniStreamCutoff, what: name)
  }

  // MARK: - Sectors

  private func offset(ofSector sector: Int) -> Int { (sector + 1) << sectorShift }

  private static func readFAT(
    _ bytes: [UInt8], sectorShift: Int, sectorCount: Int
  ) throws(WordBinaryFailure) -> [Int] {
    let sectorSize = 1 << sectorShift
    let perSector = sectorSize / 4
    var fatSectors: [Int] = []
    for index in 0..<109 {
      guard let sector = bytes.uint32(at: 0x4C + index * 4) else { break }
      if sector < sectorCount { fatSectors.append(sector) }
    }
    // DIFAT sectors continue the list: the last entry of each names the next one.
    var difat = bytes.uint32(at: 0x44) ?? endOfChain
    var visited: Set<Int> = []
    while difat < sectorCount {
      guard visited.insert(difat).inserted else { throw .corruptContainer("DIFAT chain loops") }
      let base = (difat + 1) << sectorShift
      for index in 0..<(perSector - 1) {
        if let sector = bytes.uint32(at: base + index * 4), sector < sectorCount { fatSectors.append(sector) }
      }
      difat = bytes.uint32(at: base + sectorSize - 4) ?? endOfChain
    }
    guard !fatSectors.isEmpty else { throw .corruptContainer("no FAT sectors") }
    // A FAT longer than the file's sector count only describes sectors that do not exist.
    let limit = min(fatSectors.count * perSector, sectorCount)
    var fat: [Int] = []
    fat.reserveCapacity(limit)
    outer: for sector in fatSectors {
      let base = (sector + 1) << sectorShift
      for index in 0..<perSector {
        if fat.count == limit { break outer }
        fat.append(bytes.uint32(at: base + index * 4) ?? endOfChain)
      }
    }
    return fat
  }

  /// The sectors of a FAT chain, in order. Loops and sectors outside the file are errors.
  private func chain(from start: Int, what: String) throws(WordBinaryFailure) -> [Int] {
    var sectors: [Int] = []
    var seen = [Bool](repeating: false, count: fat.count)
    var sector = start
    while sector != Self.endOfChain, sector != Self.noStream {
      guard sector >= 0, sector < fat.count else {
        throw .corruptContainer("\(what) chain points to sector \(sector) outside the file")
      }
      guard !seen[sector] else { throw .corruptContainer("\(what) sector chain loops") }
      seen[sector] = true
      sectors.append(sector)
      sector = fat[sector]
    }
    return sectors
  }

  private func streamBytes(
    start: Int, size: Int, inMiniStream: Bool, what: String
  ) throws(WordBinaryFailure) -> [UInt8] {
    guard size > 0 else { return [] }
    let available = inMiniStream ? miniStream.count : bytes.count
    guard size <= available else {
      throw .corruptContainer("\(what) claims \(size) bytes, the file has \(available)")
    }
    var result: [UInt8] = []
    result.reserveCapacity(size)
    if inMiniStream {
      let miniSize = 1 << miniSectorShift
      var seen = [Bool](repeating: false, count: miniFAT.count)
      var sector = start
      while result.count < size {
        guard sector >= 0, sector < miniFAT.count else {
          throw .corruptContainer("\(what) is truncated (mini sector \(sector))")
        }
        guard !seen[sector] else { throw .corruptContainer("\(what) mini sector chain loops") }
        seen[sector] = true
        let base = sector * miniSize
        let length = min(miniSize, size - result.count)
        guard base + length <= miniStream.count else { throw .corruptContainer("\(what) is truncated") }
        result.append(contentsOf: miniStream[base..<(base + length)])
        sector = miniFAT[sector]
      }
      return result
    }
    let sectorSize = 1 << sectorShift
    var seen = [Bool](repeating: false, count: fat.count)
    var sector = start
    while result.count < size {
      guard sector >= 0, sector < fat.count else {
        throw .corruptContainer("\(what) is truncated (sector \(sector))")
      }
      guard !seen[sector] else { throw .corruptContainer("\(what) sector chain loops") }
      seen[sector] = true
      let base = offset(ofSector: sector)
      let length = min(sectorSize, size - result.count)
      guard base + length <= bytes.count else { throw .corruptContainer("\(what) is truncated") }
      result.append(contentsOf: bytes[base..<(base + length)])
      sector = fat[sector]
    }
    return result
  }

  // MARK: - Directory

  private mutating func readDirectory(_ sectors: [Int]) throws(WordBinaryFailure) {
    let sectorSize = 1 << sectorShift
    let isVersion3 = sectorShift == 9
    for sector in sectors {
      let base = offset(ofSector: sector)
      for slot in 0..<(sectorSize / 128) {
        let offset = base + slot * 128
        guard let nameLength = bytes.uint16(at: offset + 0x40), let type = bytes.uint8(at: offset + 0x42),
          let left = bytes.uint32(at: offset + 0x44), let right = bytes.uint32(at: offset + 0x48),
          let child = bytes.uint32(at: offset + 0x4C), let start = bytes.uint32(at: offset + 0x74),
          let sizeLow = bytes.uint32(at: offset + 0x78), let sizeHigh = bytes.uint32(at: offset + 0x7C)
        else { throw .corruptContainer("directory sector \(sector) is truncated") }
        var units: [UInt16] = []
        if nameLength >= 2, nameLength <= 64 {
          for index in 0..<(nameLength / 2 - 1) {
            units.append(UInt16(bytes.uint16(at: offset + index * 2) ?? 0))
          }
        }
        // Version 3 writers may leave garbage in the high half of the size.
        let size = isVersion3 ? sizeLow : sizeLow | sizeHigh << 32
        entries.append(
          Entry(
            name: String(decoding: units, as: UTF16.self), kind: Entry.Kind(rawValue: type) ?? .unknown,
            left: left, right: right, child: child, startSector: start, size: size))
      }
    }
    guard !entries.isEmpty else { throw .corruptContainer("empty directory") }
  }

  /// The children of a storage: an in-order walk of its red-black tree, refusing cycles.
  private func children(of storage: Int) throws(WordBinaryFailure) -> [Int] {
    var result: [Int] = []
    var visited = Set<Int>()
    var stack: [Int] = []
    var current = entries[storage].child
    while current != Self.noStream || !stack.isEmpty {
      while current != Self.noStream {
        guard current >= 0, current < entries.count else {
          throw .corruptContainer("directory entry points to entry \(current) that does not exist")
        }
        guard visited.insert(current).inserted else { throw .corruptContainer("directory tree has a cycle") }
        stack.append(current)
        current = entries[current].left
      }
      guard let node = stack.popLast() else { break }
      result.append(node)
      current = entries[node].right
    }
    return result
  }
}

/// Writes small OLE2 compound files and Word 97 documents byte by byte, so that the `.doc` reader
/// can be tested on exactly the structure a test names (and on broken versions of it).
enum CompoundFileBuilder {
  static let endOfChain: UInt32 = 0xFFFF_FFFE
  static let free: UInt32 = 0xFFFF_FFFF

  /// A version 3 file (512-byte sectors) with `streams` under the root. Streams are padded to
  /// 4096 bytes so that none lives in the mini stream. Sector 0 is the FAT, sector 1 the
  /// directory (root + at most three streams), then the streams' sectors in order.
  static func file(_ streams: [(name: String, bytes: [UInt8])]) -> [UInt8] {
    precondition(streams.count <= 3)
    var fat = [UInt32](repeating: free, count: 128)
    fat[0] = 0xFFFF_FFFD
    fat[1] = endOfChain
    var next = 2
    var starts: [Int] = []
    var data: [UInt8] = []
    var sizes: [Int] = []
    for stream in streams {
      var bytes = stream.bytes
      if bytes.count < 4096 { bytes += [UInt8](repeating: 0, count: 4096 - bytes.count) }
      bytes += [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
      let sectors = bytes.count / 512
      starts.append(next)
      for index in 0..<sectors {
        fat[next + index] = index == sectors - 1 ? endOfChain : UInt32(next + index + 1)
      }
      next += sectors
      data += bytes
      sizes.append(max(stream.bytes.count, 4096))
    }
    precondition(next <= 128)
    var header = [UInt8](repeating: 0, count: 512)
    header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    put16(&header, 0x18, 0x3E)
    put16(&header, 0x1A, 3)
    put16(&header, 0x1C, 0xFFFE)
    put16(&header, 0x1E, 9)
    put16(&header, 0x20, 6)
    put32(&header, 0x2C, 1)
    put32(&header, 0x30, 1)
    put32(&header, 0x38, 4096)
    put32(&header, 0x3C, endOfChain)
    put32(&header, 0x44, endOfChain)
    put32(&header, 0x4C, 0)
    for index in 1..<109 { put32(&header, 0x4C + index * 4, free) }
    var fatSector = [UInt8](repeating: 0, count: 512)
    for (index, value) in fat.enumerated() { put32(&fatSector, index * 4, value) }
    var directory = [UInt8](repeating: 0, count: 512)
    // Root's child is the first stream; each stream's right sibling is the next (a valid, if
    // unbalanced, tree).
    entry(
      &directory, 0, name: "Root Entry", type: 5, child: streams.isEmpty ? free : 1, start: endOfChain,
      size: 0)
    for (index, stream) in streams.enumerated() {
      entry(
        &directory, index + 1, name: stream.name, type: 2,
        right: index + 1 < streams.count ? UInt32(index + 2) : free,
        start: UInt32(starts[index]), size: UInt32(sizes[index]))
    }
    for slot in (streams.count + 1)..<4 { entry(&directory, slot, name: "", type: 0, start: 0, size: 0) }
    return header + fatSector + directory + data
  }

  static func entry(
    _ bytes: inout [UInt8], _ slot: Int, name: String, type: UInt8, left: UInt32 = free, right: UInt32 = free,
    child: UInt32 = free, start: UInt32, size: UInt32
  ) {
    let base = slot * 128
    let units = Array(name.utf16)
    for (index, unit) in units.enumerated() { put16(&bytes, base + index * 2, Int(unit)) }
    put16(&bytes, base + 0x40, units.isEmpty ? 0 : (units.count + 1) * 2)
    bytes[base + 0x42] = type
    put32(&bytes, base + 0x44, left)
    put32(&bytes, base + 0x48, right)
    put32(&bytes, base + 0x4C, child)
    put32(&bytes, base + 0x74, start)
    put32(&bytes, base + 0x78, size)
  }

  static func put16(_ bytes: inout [UInt8], _ offset: Int, _ value: Int) {
    bytes[offset] = UInt8(value & 0xFF)
    bytes[offset + 1] = UInt8((value >> 8) & 0xFF)
  }

  static func put32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
    for index in 0..<4 { bytes[offset + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
  }
}

/// A Word 97 document: FIB, the text as one piece at 0x400, one PAPX page and one CHPX page.
enum WordDocumentBuilder {
  /// A paragraph with its mark (`\r`, or `\u{07}` for cell and row ends) and its PAPX sprms.
  struct Run {
    var text: String
    var sprms: [UInt8] = []
    var deleted = false
  }

  static let inTable: [UInt8] = [0x16, 0x24, 1]
  static let rowEnd: [UInt8] = [0x16, 0x24, 1, 0x17, 0x24, 1]

  static func document(
    _ runs: [Run], nFib: Int = 0xC1, flags: Int = 0x0200, language: Int = 0x0409, compressed: Bool = false,
    tableStream: String = "1Table", extraStreams: [(name: String, bytes: [UInt8])] = []
  ) -> [UInt8] {
    let textStart = 0x400
    let width = compressed ? 1 : 2
    var text: [UInt8] = []
    var papx: [(start: Int, end: Int, sprms: [UInt8])] = []
    var chpx: [(start: Int, end: Int, deleted: Bool)] = []
    var characters = 0
    for run in runs {
      let start = textStart + text.count
      if compressed {
        // 8-bit text: the test gives the bytes as Latin-1 scalars (or GBK pairs).
        text += run.text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        characters += run.text.unicodeScalars.count
      } else {
        for unit in run.text.utf16 { text += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        characters += run.text.utf16.count
      }
      let end = textStart + text.count
      papx.append((start, end, run.sprms))
      chpx.append((start, end, run.deleted))
    }
    var stream = [UInt8](repeating: 0, count: textStart)
    stream += text
    stream += [UInt8](repeating: 0, count: (512 - stream.count % 512) % 512)
    let papxPage = stream.count / 512
    stream += papxFKP(papx)
    let chpxPage = stream.count / 512
    stream += chpxFKP(chpx)

    // FIB
    CompoundFileBuilder.put16(&stream, 0, 0xA5EC)
    CompoundFileBuilder.put16(&stream, 2, nFib)
    CompoundFileBuilder.put16(&stream, 6, language)
    CompoundFileBuilder.put16(&stream, 0x0A, flags)
    CompoundFileBuilder.put16(&stream, 0x20, 14)
    CompoundFileBuilder.put16(&stream, 0x3C, language)
    CompoundFileBuilder.put16(&stream, 0x3E, 22)
    CompoundFileBuilder.put32(&stream, 0x4C, UInt32(characters))
    CompoundFileBuilder.put16(&stream, 0x98, 93)

    var table: [UInt8] = []
    func place(_ index: Int, _ bytes: [UInt8]) {
      CompoundFileBuilder.put32(&stream, 0x9A + index * 8, UInt32(table.count))
      CompoundFileBuilder.put32(&stream, 0x9A + index * 8 + 4, UInt32(bytes.count))
      table += bytes
    }
    var clx: [UInt8] = [0x02, 0, 0, 0, 0]
    CompoundFileBuilder.put32(&clx, 1, 16)
    var plcPcd = [UInt8](repeating: 0, count: 16)
    CompoundFileBuilder.put32(&plcPcd, 4, UInt32(characters))
    let fc = compressed ? UInt32(textStart * 2) | 0x4000_0000 : UInt32(textStart)
    CompoundFileBuilder.put32(&plcPcd, 10, fc)
    clx += plcPcd
    place(33, clx)
    place(13, plcBte(first: textStart, last: textStart + text.count, page: papxPage))
    place(12, plcBte(first: textStart, last: textStart + text.count, page: chpxPage))
    _ = width
    return CompoundFileBuilder.file([("WordDocument", stream), (tableStream, table)] + extraStreams)
  }

  private static func plcBte(first: Int, last: Int, page: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 12)
    CompoundFileBuilder.put32(&bytes, 0, UInt32(first))
    CompoundFileBuilder.put32(&bytes, 4, UInt32(last))
    CompoundFileBuilder.put32(&bytes, 8, UInt32(page))
    return bytes
  }

  private static func papxFKP(_ runs: [(start: Int, end: Int, sprms: [UInt8])]) -> [UInt8] {
    var page = [UInt8](repeating: 0, count: 512)
    page[511] = UInt8(runs.count)
    var cursor = 256
    for (index, run) in runs.enumerated() {
      CompoundFileBuilder.put32(&page, index * 4, UInt32(run.start))
      CompoundFileBuilder.put32(&page, index * 4 + 4, UInt32(run.end))
      let body = [0, 0] + run.sprms
      page[(runs.count + 1) * 4 + index * 13] = UInt8(cursor / 2)
      if body.count % 2 == 1 {
        page[cursor] = UInt8((body.count + 1) / 2)
        page.replaceSubrange((cursor + 1)..<(cursor + 1 + body.count), with: body)
        cursor += 1 + body.count
      } else {
        page[cursor] = 0
        page[cursor + 1] = UInt8(body.count / 2)
        page.replaceSubrange((cursor + 2)..<(cursor + 2 + body.count), with: body)
        cursor += 2 + body.count
      }
      cursor += cursor % 2
    }
    return page
  }

  private static func chpxFKP(_ runs: [(start: Int, end: Int, deleted: Bool)]) -> [UInt8] {
    var page = [UInt8](repeating: 0, count: 512)
    page[511] = UInt8(runs.count)
    let deletedAt = 400
    page.replaceSubrange(deletedAt..<(deletedAt + 4), with: [3, 0x00, 0x08, 1])
    for (index, run) in runs.enumerated() {
      CompoundFileBuilder.put32(&page, index * 4, UInt32(run.start))
      CompoundFileBuilder.put32(&page, index * 4 + 4, UInt32(run.end))
      page[(runs.count + 1) * 4 + index] = run.deleted ? UInt8(deletedAt / 2) : 0
    }
    return page
  }
}

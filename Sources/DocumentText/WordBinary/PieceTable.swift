/// The piece table ([MS-DOC] 2.9.38 Clx, 2.8.35 PlcPcd): which bytes of the WordDocument stream
/// hold each run of character positions, and whether they are 8-bit ("compressed") or UTF-16.
struct PieceTable {
  struct Piece: Equatable {
    var cpStart: Int
    var cpEnd: Int
    /// Byte offset of the piece's first character in the WordDocument stream.
    var fileOffset: Int
    var isCompressed: Bool
    /// The Prm: property modifications applied to the whole piece.
    var modifier: Int

    var bytesPerCharacter: Int { isCompressed ? 1 : 2 }
    /// The file offset (FC) of a character position inside the piece.
    func fileOffset(ofCP cp: Int) -> Int { fileOffset + (cp - cpStart) * bytesPerCharacter }
  }

  private(set) var pieces: [Piece] = []
  /// Grpprls of the Prc entries before the piece table, referenced by a piece's Prm1.
  private(set) var propertyGroups: [[UInt8]] = []

  init(clx: [UInt8]) throws(WordBinaryFailure) {
    var position = 0
    // Prc entries (0x01, cbGrpprl, grpprl) come first, then exactly one Pcdt (0x02).
    while clx.uint8(at: position) == 0x01 {
      guard let size = clx.uint16(at: position + 1), size <= 0x3FA2,
        let group = clx.bytes(at: position + 3, length: size)
      else { throw .corruptDocument("piece table property group runs past the table") }
      propertyGroups.append(group)
      position += 3 + size
    }
    guard clx.uint8(at: position) == 0x02, let length = clx.uint32(at: position + 1),
      let table = clx.bytes(at: position + 5, length: length)
    else { throw .corruptDocument("no piece table (Pcdt) in the Clx") }
    guard length >= 4, (length - 4) % 12 == 0 else {
      throw .corruptDocument("piece table size \(length) is not 4 + 12·n")
    }
    let count = (length - 4) / 12
    let descriptors = (count + 1) * 4
    pieces.reserveCapacity(count)
    for index in 0..<count {
      guard let start = table.uint32(at: index * 4), let end = table.uint32(at: index * 4 + 4),
        let fcField = table.uint32(at: descriptors + index * 8 + 2),
        let prm = table.uint16(at: descriptors + index * 8 + 6)
      else { throw .corruptDocument("piece table truncated") }
      guard start <= end else { throw .corruptDocument("piece table positions go backwards") }
      if let last = pieces.last, start < last.cpEnd {
        throw .corruptDocument("piece table pieces overlap")
      }
      let isCompressed = fcField & 0x4000_0000 != 0
      let fc = fcField & 0x3FFF_FFFF
      pieces.append(
        Piece(
          cpStart: start, cpEnd: end, fileOffset: isCompressed ? fc / 2 : fc, isCompressed: isCompressed,
          modifier: prm))
    }
  }

  /// The index of the piece holding `cp`, by binary search.
  func pieceIndex(containing cp: Int) -> Int? {
    var low = 0
    var high = pieces.count
    while low < high {
      let middle = (low + high) / 2
      if pieces[middle].cpEnd <= cp { low = middle + 1 } else { high = middle }
    }
    guard low < pieces.count, pieces[low].cpStart <= cp else { return nil }
    return low
  }
}

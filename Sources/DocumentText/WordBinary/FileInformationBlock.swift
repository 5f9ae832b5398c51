/// The File Information Block at the start of the WordDocument stream ([MS-DOC] 2.5.1): the
/// format version, flags, the lengths of the stories and where the tables live in the table
/// stream. Offsets are computed from the counts the file declares (csw, cslw, cbRgFcLcb), not
/// assumed.
struct FileInformationBlock {
  /// Character counts of the stories, in the order they follow each other in the text.
  struct StoryLengths: Equatable {
    var main = 0
    var footnotes = 0
    var headers = 0
    var macros = 0
    var comments = 0
    var endnotes = 0
    var textBoxes = 0
    var headerTextBoxes = 0

    var total: Int { main + footnotes + headers + macros + comments + endnotes + textBoxes + headerTextBoxes }
  }

  /// A (file offset, length) pair into the table stream.
  struct Location: Equatable {
    var offset: Int
    var length: Int
  }

  /// Indices into FibRgFcLcb97 ([MS-DOC] 2.5.6).
  enum Table: Int {
    case styles = 1
    case footnoteReferences = 2
    case headerStories = 11
    case characterRuns = 12
    case paragraphRuns = 13
    case fonts = 15
    case pieceTable = 33
    case endnoteReferences = 46
    case textBoxStories = 56
    case headerTextBoxStories = 58
  }

  var nFib: Int
  /// The language the document was written in (FibBase.lid).
  var language: Int
  /// The East Asian language of the installation that wrote it (FibRgW97.lidFE).
  var eastAsianLanguage: Int
  var usesTable1: Bool
  var isEncrypted: Bool
  var isObfuscated: Bool
  var stories: StoryLengths
  private var locations: [Location]

  static let identifier = 0xA5EC
  /// nFib of Word 97; Word 6.0/95 files have 101…105 and a different layout.
  static let word97 = 0x00C1

  init(_ stream: [UInt8]) throws(WordBinaryFailure) {
    guard let ident = stream.uint16(at: 0), let nFib = stream.uint16(at: 2),
      let language = stream.uint16(at: 6), let flags = stream.uint16(at: 0x0A)
    else { throw .corruptDocument("WordDocument stream too short for a FIB") }
    guard ident == Self.identifier else {
      throw .corruptDocument("WordDocument stream does not start with a Word FIB")
    }
    self.nFib = nFib
    self.language = language
    // Word 6/95 has no csw/cslw counts at 0x20 and 0x3E; its tables sit at other offsets. A
    // Word 97 layout with an odd nFib (some third-party writers) is still read.
    let hasWord97Layout = stream.uint16(at: 0x20) == 14 && stream.uint16(at: 0x3E) == 22
    guard nFib >= 0x00C0 || hasWord97Layout else { throw .word6(nFib: nFib) }
    isEncrypted = flags & 0x0100 != 0
    usesTable1 = flags & 0x0200 != 0
    isObfuscated = flags & 0x8000 != 0

    guard let csw = stream.uint16(at: 0x20) else { throw .corruptDocument("FIB truncated") }
    let rgW = 0x22
    eastAsianLanguage = csw >= 14 ? stream.uint16(at: rgW + 13 * 2) ?? 0 : 0
    let cslwOffset = rgW + csw * 2
    guard let cslw = stream.uint16(at: cslwOffset) else { throw .corruptDocument("FIB truncated") }
    let rgLw = cslwOffset + 2
    func long(_ index: Int) -> Int { index < cslw ? stream.uint32(at: rgLw + index * 4) ?? 0 : 0 }
    stories = StoryLengths(
      main: long(3), footnotes: long(4), headers: long(5), macros: long(6), comments: long(7),
      endnotes: long(8), textBoxes: long(9), headerTextBoxes: long(10))
    let countOffset = rgLw + cslw * 4
    guard let pairs = stream.uint16(at: countOffset) else { throw .corruptDocument("FIB truncated") }
    let blob = countOffset + 2
    var locations: [Location] = []
    for index in 0..<pairs {
      guard let offset = stream.uint32(at: blob + index * 8),
        let length = stream.uint32(at: blob + index * 8 + 4)
      else { break }
      locations.append(Location(offset: offset, length: length))
    }
    self.locations = locations
    guard locations.count > Table.pieceTable.rawValue else {
      throw .corruptDocument("FIB has no piece table location")
    }
  }

  func location(_ table: Table) -> Location? {
    guard table.rawValue < locations.count else { return nil }
    let location = locations[table.rawValue]
    return location.length > 0 ? location : nil
  }

  /// The bytes of `table` in the table stream, nil when absent or outside the stream.
  func bytes(of table: Table, in tableStream: [UInt8]) -> [UInt8]? {
    guard let location = location(table) else { return nil }
    return tableStream.bytes(at: location.offset, length: location.length)
  }
}

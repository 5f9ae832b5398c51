/// Why a Word 97–2003 binary file could not be read, before it is given the file's name.
enum WordBinaryFailure: Error, Equatable {
  /// The compound-file container (sectors, FAT, directory) is broken.
  case corruptContainer(String)
  /// The container is sound but the Word structures inside it (FIB, piece table) are not.
  case corruptDocument(String)
  case encrypted
  case obfuscated
  /// Word 6.0/95 (or older) binary format, laid out differently from Word 97.
  case word6(nFib: Int)
  /// A Microsoft Works word-processor file (`.wps`), not Word's format.
  case works
  /// An OLE2 container without a WordDocument stream that is nothing this reader knows.
  case notWord

  func error(path: String) -> DocumentReadError {
    switch self {
    case .corruptContainer(let detail): DocumentReadError(path: path, reason: .corruptCompoundFile(detail))
    case .corruptDocument(let detail): DocumentReadError(path: path, reason: .corruptWordBinary(detail))
    case .encrypted: DocumentReadError(path: path, reason: .encryptedWord)
    case .obfuscated: DocumentReadError(path: path, reason: .obfuscatedWord)
    case .word6(let nFib): DocumentReadError(path: path, reason: .word6(nFib: nFib))
    case .works: DocumentReadError(path: path, reason: .worksWordProcessor)
    case .notWord: DocumentReadError(path: path, reason: .unknownFormat)
    }
  }
}

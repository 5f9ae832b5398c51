/// Why a file could not be read. Every reason names something the user can act on.
public struct DocumentReadError: Error, CustomStringConvertible, Sendable, Equatable {
  package enum Reason: Sendable, Equatable {
    case fileNotFound
    case unreadable(String)
    case notAZip
    case corruptZip(String)
    /// An OLE2 container holding an encrypted (password-protected) OOXML package.
    case encryptedWord
    /// An OLE2 container holding a Word 97–2003 binary document.
    case legacyDoc
    case missingMainPart
    case malformedXML(String)
    /// A DTD declared entities (billion laughs and friends are refused before expansion).
    case entityExpansion
    case zipBomb(String)
    case unknownFormat
    case undecodableText
    case tooLarge(String)
    /// The OLE2 compound-file container is broken (sector chains, FAT, directory).
    case corruptCompoundFile(String)
    /// A Word 97–2003 binary document whose own structures (FIB, piece table) are broken.
    case corruptWordBinary(String)
    /// A Word 97–2003 file saved with the obfuscation (XOR) option.
    case obfuscatedWord
    /// A Word 6.0/95 (or older) binary file; `nFib` is its format version number.
    case word6(nFib: Int)
    /// A Microsoft Works word-processor `.wps` file (not Kingsoft WPS, which is read as Word).
    case worksWordProcessor
    /// The file was read but holds no text (empty, whitespace only, or images only).
    case noText
    /// A CSV or TSV table that cannot be split into rows safely.
    case malformedTable(String)
    /// A system tool a reader runs (`pdftotext`, `tesseract`) is not installed; `package` is the
    /// Debian package that provides it.
    case missingTool(tool: String, package: String)
    /// A PDF without a usable text layer (a scan, or a text layer that is garbage) while OCR is
    /// switched off (`--ocr never`).
    case noTextLayer
    /// A system tool failed on the file or ran out of its time or output budget.
    case toolFailed(tool: String, detail: String)
    /// Reading was cancelled (the job was cancelled while a tool ran).
    case cancelled
  }

  package var path: String
  package var reason: Reason

  package init(path: String, reason: Reason) {
    self.path = path
    self.reason = reason
  }

  /// A short stable name of the reason, for counting and JSON output.
  package var kind: String {
    switch reason {
    case .fileNotFound: "fileNotFound"
    case .unreadable: "unreadable"
    case .notAZip: "notAZip"
    case .corruptZip: "corruptZip"
    case .encryptedWord: "encryptedWord"
    case .legacyDoc: "legacyDoc"
    case .missingMainPart: "missingMainPart"
    case .malformedXML: "malformedXML"
    case .entityExpansion: "entityExpansion"
    case .zipBomb: "zipBomb"
    case .unknownFormat: "unknownFormat"
    case .undecodableText: "undecodableText"
    case .tooLarge: "tooLarge"
    case .corruptCompoundFile: "corruptCompoundFile"
    case .corruptWordBinary: "corruptWordBinary"
    case .obfuscatedWord: "obfuscatedWord"
    case .word6: "word6"
    case .worksWordProcessor: "worksWordProcessor"
    case .noText: "noText"
    case .malformedTable: "malformedTable"
    case .missingTool: "missingTool"
    case .noTextLayer: "noTextLayer"
    case .toolFailed: "toolFailed"
    case .cancelled: "cancelled"
    }
  }

  /// The path with control characters escaped (a file name cannot forge a line of output), then
  /// the reason.
  public var description: String { "\(DisplayText.escaped(path)): \(explanation)" }

  /// The reason in words, without the path.
  package var explanation: String {
    switch reason {
    case .fileNotFound: "file not found"
    case .unreadable(let detail): "cannot read the file (\(detail))"
    case .notAZip: "not a zip container although it looks like an OOXML package"
    case .corruptZip(let detail): "truncated or corrupt zip container (\(detail))"
    case .encryptedWord: "encrypted (password-protected) Word file; save it without a password first"
    case .legacyDoc: "legacy Word 97–2003 .doc file; save it as .docx first"
    case .missingMainPart: "no main document part (word/document.xml or the officeDocument relationship)"
    case .malformedXML(let detail): "malformed XML (\(detail))"
    case .entityExpansion: "XML declares entities (DTD); refused to guard against entity expansion attacks"
    case .zipBomb(let detail): "zip entry inflates beyond the limits (\(detail))"
    case .unknownFormat:
      "unknown format (expected .docx/.docm/.dotx, .doc/.wps, Word XML, PDF, a PNG/JPEG/TIFF scan or a text file)"
    case .undecodableText: "text is neither UTF-8, UTF-16 with BOM nor GB18030"
    case .tooLarge(let detail): "too large (\(detail))"
    case .corruptCompoundFile(let detail): "corrupt OLE2 compound file (\(detail))"
    case .corruptWordBinary(let detail): "corrupt Word 97–2003 document (\(detail))"
    case .obfuscatedWord: "obfuscated (XOR-protected) Word 97–2003 file; save it without protection first"
    case .word6(let nFib):
      "Word 6.0/95 or older binary file (format version \(nFib)); open it in Word or WPS and save as .docx"
    case .worksWordProcessor:
      "Microsoft Works word-processor .wps file; open it in Works or Word and save as .docx"
    case .noText: "holds no text (empty, whitespace only, or images only)"
    case .malformedTable(let detail): "malformed table (\(detail))"
    case .missingTool(let tool, let package):
      "needs \(tool), which is not installed (install the Debian package \(package), e.g. "
        + "Tools/ensure-system-packages.sh); other formats are read without it"
    case .noTextLayer:
      "PDF without a usable text layer (a scan, or unreadable font encoding) and OCR is off (--ocr never); "
        + "use --ocr auto to read it by OCR"
    case .toolFailed(let tool, let detail): "\(tool) failed (\(detail))"
    case .cancelled: "reading was cancelled"
    }
  }
}

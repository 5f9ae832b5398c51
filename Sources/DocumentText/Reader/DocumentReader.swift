import Foundation

/// Reads one input file into an `ExtractedDocument`, choosing the format by its content
/// (zip, OLE2 Word 97–2003, XML root element, text), not only by its extension: a `.docx` or
/// Word 2003 XML saved under a `.doc` name (WPS does this) reads as what it is.
public struct DocumentReader: Sendable {
  package typealias FormFieldReading = @Sendable ([DocumentPart]) -> [FormField]

  package let limits: ReadLimits
  /// Fills `ExtractedDocument.formFields` from the parts; the single place form fields are wired in.
  package let formFieldExtractor: FormFieldReading
  /// Further formats, tried by content before the built-in ones (see ``FormatReader``).
  package let readers: [any FormatReader]

  /// For callers that want the text only (benchmarks, bulk ingest of non-application texts).
  package static let noFormFields: FormFieldReading = { _ in [] }

  /// `limits` are clamped to ``ReadLimits/safeBounds``.
  public init(limits: ReadLimits = .standard, readers: [any FormatReader] = []) {
    self.init(limits: limits, formFieldExtractor: { FormFieldExtractor.extract(from: $0) }, readers: readers)
  }

  package init(
    limits: ReadLimits, formFieldExtractor: @escaping FormFieldReading, readers: [any FormatReader] = []
  ) {
    self.limits = limits.clamped
    self.formFieldExtractor = formFieldExtractor
    self.readers = readers
  }

  package func read(path: String) throws(DocumentReadError) -> ExtractedDocument {
    let bytes = try InputFile.bytes(atPath: path, limits: limits)
    return try read(data: bytes, name: path)
  }

  package func read(data: [UInt8], name: String) throws(DocumentReadError) -> ExtractedDocument {
    guard data.count <= limits.maxEntryBytes else {
      throw DocumentReadError(
        path: name, reason: .tooLarge("\(data.count) bytes, limit \(limits.maxEntryBytes)"))
    }
    var document = try readContent(data, name: name)
    try DocumentBudget.checkText(of: document, limits: limits)
    document.formFields = formFieldExtractor(document.parts)
    return document
  }

  /// True when reading `data` waits on a subprocess (a blocking ``FormatReader`` recognises it):
  /// async callers then read it on a thread of their own.
  package func blocks(_ data: [UInt8], name: String) -> Bool {
    let fileExtension = (name as NSString).pathExtension.lowercased()
    return readers.first { $0.recognizes(data, fileExtension: fileExtension) }?.blocks ?? false
  }

  private func readContent(_ data: [UInt8], name: String) throws(DocumentReadError) -> ExtractedDocument {
    let fileExtension = (name as NSString).pathExtension.lowercased()
    for reader in readers where reader.recognizes(data, fileExtension: fileExtension) {
      return try reader.read(data, name: name, limits: limits)
    }
    if data.starts(with: [0x50, 0x4B]) {
      guard data.count >= 4, [[3, 4], [5, 6], [7, 8]].contains(Array(data[2..<4])) else {
        throw DocumentReadError(path: name, reason: .notAZip)
      }
      let container = try ZipContainer(bytes: data, path: name, limits: limits)
      return try PackageAssembler.assemble(
        ZipPackageSource(container: container), format: Self.packageFormat(fileExtension),
        warnings: container.warnings)
    }
    if OLE2Directory.isOLE2(data) {
      do {
        return try WordBinaryReader.read(data, name: name)
      } catch  where error.kind == "corruptCompoundFile" && OLE2Directory.classify(data) == .encryptedPackage
      {
        // A directory too broken to walk may still show, byte by byte, an encrypted package.
        throw DocumentReadError(path: name, reason: .encryptedWord)
      }
    }
    // A text file may start with "<" (an outline like "<项目名称>"): its extension wins over sniffing.
    if !Self.textExtensions.contains(fileExtension), Self.looksLikeXML(data) {
      return try XMLDocumentReader.read(data, name: name, limits: limits)
    }
    if ["docx", "docm", "dotx", "dotm"].contains(fileExtension) {
      throw DocumentReadError(path: name, reason: data.isEmpty ? .corruptZip("empty file") : .notAZip)
    }
    // Word 97–2003 files are recognised by content above; under these names anything else that is
    // neither a package nor XML is not a text file.
    if ["doc", "dot", "wps"].contains(fileExtension) {
      throw DocumentReadError(path: name, reason: .unknownFormat)
    }
    let hasUTF16Mark = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
    if !hasUTF16Mark, data.prefix(8192).contains(0) {
      throw DocumentReadError(path: name, reason: .unknownFormat)
    }
    if !hasUTF16Mark, let offset = Self.firstNUL(data) {
      throw DocumentReadError(
        path: name, reason: .unreadable("a NUL byte at offset \(offset): not a text file"))
    }
    // No encoding makes text shorter than half its bytes (UTF-16 of ASCII): refuse before decoding.
    if data.count / 2 > limits.maxTextBytes {
      throw DocumentReadError(
        path: name, reason: .tooLarge("\(data.count) bytes of text, limit \(limits.maxTextBytes)"))
    }
    guard let decoded = TextDecoder.decode(data) else {
      throw DocumentReadError(path: name, reason: .undecodableText)
    }
    let part = try PlainTextReader.part(
      text: decoded.text, name: (name as NSString).lastPathComponent, limits: limits, path: name)
    return ExtractedDocument(
      path: name, format: .text, encoding: decoded.encoding, parts: [part],
      warnings: decoded.warning.map { [$0] } ?? [])
  }

  private static func firstNUL(_ data: [UInt8]) -> Int? {
    data.withUnsafeBytes { buffer -> Int? in
      guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
      return UnsafeRawPointer(found) - base
    }
  }

  static let textExtensions: Set<String> = ["txt", "text"]

  static func packageFormat(_ fileExtension: String) -> DocumentFormat {
    switch fileExtension {
    case "docm": .docm
    case "dotx", "dotm": .dotx
    default: .docx
    }
  }

  /// XML starts with `<` after an optional BOM and whitespace, in UTF-8 or UTF-16.
  static func looksLikeXML(_ data: [UInt8]) -> Bool {
    if data.starts(with: [0xFF, 0xFE, 0x3C, 0x00]) || data.starts(with: [0xFE, 0xFF, 0x00, 0x3C]) {
      return true
    }
    var bytes = data.prefix(1024)[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    let first = bytes.first { !(" \t\r\n".utf8.contains($0)) }
    return first == UInt8(ascii: "<")
  }
}

/// One input format that is not built into ``DocumentReader``: it recognises its files by
/// content and reads them into the same ``ExtractedDocument`` the `.docx` reader produces, so
/// headings, form fields, evidence and every rule work the same on every format.
///
/// Readers with system dependencies of their own (PDF through poppler, OCR through tesseract)
/// live in their own targets and are handed to ``DocumentReader/init(limits:formFieldExtractor:readers:)``
/// by whoever assembles the reading (the service core). `read` is synchronous and may block on
/// a subprocess: callers run it on reading threads, never on the cooperative pool.
public protocol FormatReader: Sendable {
  /// A short name for messages (`"pdf"`, `"image"`).
  var formatName: String { get }
  /// Whether `data` (the whole file) is this reader's format. Decided by content (magic bytes,
  /// structure); `fileExtension` (lower-cased, without the dot) may only break ties.
  func recognizes(_ data: [UInt8], fileExtension: String) -> Bool
  /// Reads `data`; `name` is what errors and `ExtractedDocument.path` show.
  func read(_ data: [UInt8], name: String, limits: ReadLimits) throws(DocumentReadError) -> ExtractedDocument
  /// True when `read` waits on subprocesses or other blocking work: async callers then run it on
  /// a thread of its own (`BlockingPool`), never on the cooperative pool.
  var blocks: Bool { get }
}

extension FormatReader {
  package var blocks: Bool { false }
}

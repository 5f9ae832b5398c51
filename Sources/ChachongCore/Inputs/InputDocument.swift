import ChachongModel

/// One input resolved to text: a file read by DocumentText, or a `.jsonl` record.
public struct InputDocument: Sendable {
  public var id: String
  /// The file, or `file.jsonl:line` for a record.
  public var path: String
  public var text: String
  public var sections: [(title: String, start: Int, end: Int)]
  public var sourceSHA256: String
  public var metadata: InputMetadata
  /// Set when the text (or part of it) was read by OCR from a scan.
  public var ocr: OCRSummary?

  public init(
    id: String, path: String, text: String, sections: [(title: String, start: Int, end: Int)],
    sourceSHA256: String, metadata: InputMetadata, ocr: OCRSummary? = nil
  ) {
    self.ocr = ocr
    self.id = id
    self.path = path
    self.text = text
    self.sections = sections
    self.sourceSHA256 = sourceSHA256
    self.metadata = metadata
  }
}

/// How much of a document was read by optical character recognition, and how sure the
/// recogniser was. Reports show it beside the document so a reader of the report knows that
/// its text came from a scan (OCR text has errors a typed text does not).
public struct OCRSummary: Sendable, Codable, Equatable {
  /// Pages (or images) whose text is OCR text.
  public var pages: Int
  /// All pages of the document.
  public var totalPages: Int
  /// The recogniser's mean confidence in 0…1, weighted by the characters of each word.
  public var meanConfidence: Double

  public init(pages: Int, totalPages: Int, meanConfidence: Double) {
    self.pages = pages
    self.totalPages = totalPages
    self.meanConfidence = meanConfidence
  }

  /// "OCR 3/3 pages, confidence 91%" (for text and HTML reports).
  public var label: String {
    let percent = Int((meanConfidence * 100).rounded())
    return "OCR \(pages)/\(totalPages) pages, confidence \(percent)% (扫描件识别)"
  }
}

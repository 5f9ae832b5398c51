import DocumentText

/// When the readers run OCR (`--ocr`).
package enum OCRMode: String, Sendable, CaseIterable {
  /// OCR for pages without a usable text layer (scans, garbage font encodings) and for images.
  case auto
  /// OCR for every page, the text layer ignored.
  case always
  /// Never OCR: a PDF without a usable text layer and an image are typed errors.
  case never
}

/// Bounds and settings of the readers that run system tools.
package struct ExternalReaderOptions: Sendable {
  package var ocr: OCRMode
  /// Resolution of the page images handed to tesseract (200–300; tesseract is trained on
  /// about 300 dpi text).
  package var dpi: Int
  /// The most pages of one PDF read (text layer).
  package var maximumPages: Int
  /// The most pages of one PDF (or frames of one image) read by OCR.
  package var maximumOCRPages: Int
  /// Wall-clock limit of `pdfinfo` and `pdftotext` for one file, in seconds.
  package var textTimeout: Double
  /// Wall-clock limit of rasterising one page and of recognising one page, in seconds each.
  package var pageTimeout: Double
  /// The largest page image, in pixels on its longer side (a huge page size gets a lower dpi).
  package var maximumPixels: Int

  package init(
    ocr: OCRMode = .auto, dpi: Int = 300, maximumPages: Int = 1000, maximumOCRPages: Int = 100,
    textTimeout: Double = 60, pageTimeout: Double = 60, maximumPixels: Int = 7000
  ) {
    self.ocr = ocr
    self.dpi = min(max(dpi, 200), 300)
    self.maximumPages = max(1, maximumPages)
    self.maximumOCRPages = max(1, maximumOCRPages)
    self.textTimeout = textTimeout
    self.pageTimeout = pageTimeout
    self.maximumPixels = maximumPixels
  }
}

/// The readers of formats that need system tools: PDF (poppler-utils) and scanned images
/// (tesseract-ocr with tesseract-ocr-chi-sim). Hand them to `DocumentReader(readers:)`.
package enum ExternalReaders {
  package static func all(_ options: ExternalReaderOptions = .init()) -> [any FormatReader] {
    [PDFReader(options: options), ImageReader(options: options)]
  }
}

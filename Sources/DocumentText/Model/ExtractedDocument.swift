import ChachongModel

/// What the reader produced from one input file.
///
/// Offsets everywhere in chachong (passages, sections, paragraphs) are **Unicode scalar offsets
/// into `text`**, the extracted text. `text` is built deterministically from `parts`: parts in
/// order (main first, then headers, footers, footnotes, endnotes), every paragraph in document
/// order (paragraphs inside table cells included, row by row, cell by cell, nested tables in
/// place), paragraphs joined by "\n".
public struct ExtractedDocument: Sendable, Codable, Equatable {
  /// The path the document was read from, as given.
  package var path: String
  package var format: DocumentFormat
  /// How a text file was decoded ("UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "GB18030");
  /// nil for XML formats (libxml2 decodes those by their declaration).
  package var encoding: String?
  package var parts: [DocumentPart]
  /// Named fields of the application form, in document order, one per canonical name.
  package var formFields: [FormField]
  /// Things that were read but may not be what the author meant (skipped entries, unknown parts).
  package var warnings: [String]
  /// Set when some of the text is OCR text (a scanned PDF or an image): how many pages and the
  /// recogniser's mean confidence. The parts read by OCR carry their own `ocrConfidence`.
  package var ocr: OCRSummary?

  package init(
    path: String, format: DocumentFormat, encoding: String? = nil, parts: [DocumentPart],
    formFields: [FormField] = [], warnings: [String] = [], ocr: OCRSummary? = nil
  ) {
    self.path = path
    self.format = format
    self.encoding = encoding
    self.parts = parts
    self.formFields = formFields
    self.warnings = warnings
    self.ocr = ocr
  }
}

/// The kinds of input the reader accepts.
package enum DocumentFormat: String, Sendable, Codable, Equatable {
  case docx, docm, dotx
  /// Single-file Word 2007+ XML (`<pkg:package>`).
  case flatOPC = "flat-opc"
  /// Word 2003 XML (`<w:wordDocument>`).
  case word2003 = "word-2003-xml"
  /// A bare WordprocessingML `document.xml`.
  case documentXML = "document-xml"
  /// Word 97–2003 binary (`.doc`, `.dot`, and Kingsoft WPS `.wps`, which is the same format).
  case doc
  case text
  /// PDF: its text layer (poppler's `pdftotext`) or, for scanned pages, OCR (tesseract).
  case pdf
  /// A scanned page as a PNG, JPEG or TIFF image, read by OCR.
  case image
}

/// One labelled part of a Word document (the main body, a header, a footer, the footnotes…).
package struct DocumentPart: Sendable, Codable, Equatable {
  package enum Kind: String, Sendable, Codable, Equatable {
    case main, header, footer, footnotes, endnotes
    /// The text boxes of a Word 97–2003 binary file, which keeps them apart from the text they
    /// float over (a `.docx` has them inline, in the part they are anchored in).
    case textBoxes = "textboxes"
  }
  package var kind: Kind
  /// The part's name inside the container (`word/document.xml`, `word/header1.xml`); the file
  /// name for text files.
  package var name: String
  package var blocks: [Block]
  /// For text read by OCR: the recogniser's mean confidence for this part in 0…1 (a PDF page or
  /// an image is one part). Nil for text that was typed (Word, text files, PDF text layers).
  package var ocrConfidence: Double?

  package init(kind: Kind, name: String, blocks: [Block], ocrConfidence: Double? = nil) {
    self.kind = kind
    self.name = name
    self.blocks = blocks
    self.ocrConfidence = ocrConfidence
  }
}

/// Body content: a paragraph or a table, in document order.
package enum Block: Sendable, Codable, Equatable {
  case paragraph(Paragraph)
  case table(Table)
}

package struct Paragraph: Sendable, Codable, Equatable {
  package var text: String
  /// The paragraph style id (`w:pStyle`), if any.
  package var style: String?
  /// Outline level 0…8 from the paragraph or its heading style; nil for body text.
  package var outlineLevel: Int?
  /// True when this paragraph starts a section (a heading by style, outline level or a numbered
  /// Chinese heading such as `一、立项依据` or `（二）`).
  package var isHeading: Bool

  package init(text: String, style: String? = nil, outlineLevel: Int? = nil, isHeading: Bool = false) {
    self.text = text
    self.style = style
    self.outlineLevel = outlineLevel
    self.isHeading = isHeading
  }
}

package struct Table: Sendable, Codable, Equatable {
  package var rows: [[TableCell]]
  package init(rows: [[TableCell]]) { self.rows = rows }
}

package struct TableCell: Sendable, Codable, Equatable {
  /// Paragraphs and nested tables of the cell.
  package var blocks: [Block]
  /// Horizontal span (`w:gridSpan`), 1 when absent.
  package var gridSpan: Int
  package init(blocks: [Block], gridSpan: Int = 1) {
    self.blocks = blocks
    self.gridSpan = gridSpan
  }
}

/// A named field of the application form: the label as written and its value.
package struct FormField: Sendable, Codable, Equatable {
  /// The canonical name (`项目名称`, `申报单位`, `统一社会信用代码`, `所在县（市）`, `申报企业类型`,
  /// `指南编号`, `项目负责人`, `身份证号`, `学历`, `研发总投入`, `申请资助`).
  package var name: String
  /// The label as it appears in the document.
  package var label: String
  package var value: String
  package init(name: String, label: String, value: String) {
    self.name = name
    self.label = label
    self.value = value
  }
}

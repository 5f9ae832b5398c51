import ChachongModel
import DocumentText

/// The JSON shape of `chachong extract --format json` (keys sorted when encoded).
struct ExtractionReport: Encodable {
  var documents: [DocumentView]
  var errors: [ErrorView]

  struct ErrorView: Encodable {
    var path: String
    var kind: String
    var message: String
  }

  struct DocumentView: Encodable {
    var path: String
    var format: String
    var encoding: String?
    var characterCount: Int
    var parts: [PartView]
    var sections: [TextSection]
    var formFields: [FormField]
    var warnings: [String]
    /// Set when text was read by OCR; each OCR part has its `ocrConfidence`.
    var ocr: OCRSummary?

    init(_ document: ExtractedDocument, layout: TextLayout) {
      ocr = document.ocr
      path = document.path
      format = document.format.rawValue
      encoding = document.encoding
      characterCount = layout.text.unicodeScalars.count
      parts = document.parts.map(PartView.init)
      sections = layout.sections
      formFields = document.formFields
      warnings = document.warnings
    }
  }

  struct PartView: Encodable {
    var kind: String
    var name: String
    var blocks: [BlockView]
    var ocrConfidence: Double?

    init(_ part: DocumentPart) {
      ocrConfidence = part.ocrConfidence
      kind = part.kind.rawValue
      name = part.name
      blocks = part.blocks.map(BlockView.init)
    }
  }

  /// A paragraph or a table, tagged by `type` rather than Swift's enum encoding.
  struct BlockView: Encodable {
    var block: Block

    init(_ block: Block) { self.block = block }

    private enum Keys: String, CodingKey {
      case type, text, style, outlineLevel, isHeading, rows
    }

    private struct CellView: Encodable {
      var gridSpan: Int
      var blocks: [BlockView]
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: Keys.self)
      switch block {
      case .paragraph(let paragraph):
        try container.encode("paragraph", forKey: .type)
        try container.encode(paragraph.text, forKey: .text)
        try container.encodeIfPresent(paragraph.style, forKey: .style)
        try container.encodeIfPresent(paragraph.outlineLevel, forKey: .outlineLevel)
        try container.encode(paragraph.isHeading, forKey: .isHeading)
      case .table(let table):
        try container.encode("table", forKey: .type)
        let rows = table.rows.map { row in
          row.map { CellView(gridSpan: $0.gridSpan, blocks: $0.blocks.map(BlockView.init)) }
        }
        try container.encode(rows, forKey: .rows)
      }
    }
  }
}

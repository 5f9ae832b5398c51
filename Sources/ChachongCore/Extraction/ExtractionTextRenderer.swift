import ChachongModel
import DocumentText

/// The human-readable form of `chachong extract`.
enum ExtractionTextRenderer {
  static func render(_ document: ExtractedDocument, layout: TextLayout) -> String {
    var lines: [String] = []
    lines.append("== \(document.path)")
    var summary = "format: \(document.format.rawValue)"
    if let encoding = document.encoding { summary += "  encoding: \(encoding)" }
    summary += "  characters: \(layout.text.unicodeScalars.count)"
    if let ocr = document.ocr { summary += "  \(ocr.label)" }
    lines.append(summary)
    lines.append("parts:")
    for part in document.parts {
      let counts = count(part.blocks)
      lines.append(
        "  \(part.kind.rawValue) \(part.name): \(counts.paragraphs) paragraphs, \(counts.tables) tables"
          + (part.ocrConfidence.map { ", OCR confidence \(Int(($0 * 100).rounded()))%" } ?? ""))
    }
    if !document.warnings.isEmpty {
      lines.append("warnings:")
      lines += document.warnings.map { "  \($0)" }
    }
    lines.append("form fields:\(document.formFields.isEmpty ? " none" : "")")
    for field in document.formFields {
      lines.append("  \(field.name) [\(field.label)]: \(field.value)")
    }
    lines.append("sections:")
    for section in layout.sections {
      lines.append(
        "  \(section.start)–\(section.end) \(section.title.isEmpty ? "(before the first heading)" : section.title)"
      )
    }
    for part in document.parts {
      lines.append("--- \(part.kind.rawValue): \(part.name)")
      render(part.blocks, indent: "", into: &lines)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func render(_ blocks: [Block], indent: String, into lines: inout [String]) {
    for block in blocks {
      switch block {
      case .paragraph(let paragraph):
        let marker = paragraph.isHeading ? "# " : ""
        lines.append(indent + marker + paragraph.text.replacingNewlines)
      case .table(let table):
        let width = table.rows.map(\.count).max() ?? 0
        lines.append("\(indent)[table \(table.rows.count)×\(width)]")
        for (rowIndex, row) in table.rows.enumerated() {
          for (cellIndex, cell) in row.enumerated() {
            let span = cell.gridSpan > 1 ? " span \(cell.gridSpan)" : ""
            lines.append("\(indent)  [r\(rowIndex + 1) c\(cellIndex + 1)\(span)]")
            render(cell.blocks, indent: indent + "    ", into: &lines)
          }
        }
      }
    }
  }

  private static func count(_ blocks: [Block]) -> (paragraphs: Int, tables: Int) {
    var paragraphs = 0
    var tables = 0
    for block in blocks {
      switch block {
      case .paragraph: paragraphs += 1
      case .table(let table):
        tables += 1
        for row in table.rows {
          for cell in row {
            let inner = count(cell.blocks)
            paragraphs += inner.paragraphs
            tables += inner.tables
          }
        }
      }
    }
    return (paragraphs, tables)
  }
}

extension String {
  fileprivate var replacingNewlines: String {
    contains("\n") ? split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "⏎") : self
  }
}

import ChachongModel
import Foundation

/// The flattened text every other module uses, built deterministically from an `ExtractedDocument`:
/// parts in order, their paragraphs (table cells row by row, cell by cell, nested tables in place)
/// joined by "\n". Offsets are Unicode scalar offsets into `text`.
package struct TextLayout: Sendable {
  package let text: String
  package let paragraphs: [LaidOutParagraph]
  /// Sections of the main part in order, covering it; "" titles the text before the first heading.
  package let sections: [TextSection]

  package init(_ document: ExtractedDocument) {
    var collector = Collector()
    for part in document.parts {
      collector.add(part.blocks, part: part, inTable: false)
    }
    var paragraphs = collector.paragraphs
    let sections = Self.sections(of: paragraphs)
    var sectionIndex = 0
    for index in paragraphs.indices where paragraphs[index].part == .main {
      while sectionIndex + 1 < sections.count, sections[sectionIndex + 1].start <= paragraphs[index].start {
        sectionIndex += 1
      }
      paragraphs[index].section = sections.isEmpty ? nil : sections[sectionIndex].title
    }
    self.text = collector.text
    self.paragraphs = paragraphs
    self.sections = sections
  }

  /// The title of the section containing `offset`, or nil outside the main part.
  package func section(at offset: Int) -> String? {
    var low = 0
    var high = sections.count
    while low < high {
      let middle = (low + high) / 2
      if sections[middle].end <= offset { low = middle + 1 } else { high = middle }
    }
    guard low < sections.count, sections[low].start <= offset, offset < sections[low].end else {
      return nil
    }
    return sections[low].title
  }

  private static func sections(of paragraphs: [LaidOutParagraph]) -> [TextSection] {
    let main = paragraphs.filter { $0.part == .main }
    guard let first = main.first, let last = main.last else { return [] }
    var sections: [TextSection] = []
    var title = ""
    var start = first.start
    for paragraph in main where paragraph.isHeading {
      if paragraph.start > start || !sections.isEmpty || !title.isEmpty {
        if paragraph.start > start || !title.isEmpty {
          sections.append(TextSection(title: title, start: start, end: paragraph.start))
        }
      }
      title = paragraph.text.trimmingCharacters(in: .whitespacesAndNewlines)
      start = paragraph.start
    }
    sections.append(TextSection(title: title, start: start, end: max(last.end, start)))
    return sections
  }

  /// Scalars are the UTF-8 bytes that are not continuation bytes; faster than walking the view.
  static func scalarCount(_ text: String) -> Int {
    var copy = text
    return copy.withUTF8 { bytes in
      var count = 0
      for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
      return count
    }
  }

  private struct Collector {
    var text = ""
    var offset = 0
    var paragraphs: [LaidOutParagraph] = []

    mutating func add(_ blocks: [Block], part: DocumentPart, inTable: Bool) {
      for block in blocks {
        switch block {
        case .paragraph(let paragraph):
          if !paragraphs.isEmpty {
            text.append("\n")
            offset += 1
          }
          let length = TextLayout.scalarCount(paragraph.text)
          text.append(paragraph.text)
          paragraphs.append(
            LaidOutParagraph(
              text: paragraph.text, style: paragraph.style, outlineLevel: paragraph.outlineLevel,
              isHeading: paragraph.isHeading, part: part.kind, partName: part.name, section: nil,
              inTable: inTable, start: offset, end: offset + length))
          offset += length
        case .table(let table):
          for row in table.rows {
            for cell in row { add(cell.blocks, part: part, inTable: true) }
          }
        }
      }
    }
  }
}

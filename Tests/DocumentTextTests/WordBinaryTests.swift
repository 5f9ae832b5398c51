import Foundation
import Testing

@testable import DocumentText

/// The Word 97–2003 binary reader on documents written byte by byte: each Word control
/// character, tables from paragraph properties, revisions, code pages, and every typed refusal.
struct WordBinaryTests {
  typealias Run = WordDocumentBuilder.Run
  let reader = DocumentReader()

  private func read(_ bytes: [UInt8], name: String = "t.doc") throws -> ExtractedDocument {
    try reader.read(data: bytes, name: name)
  }

  private func reason(_ bytes: [UInt8], name: String = "t.doc") -> DocumentReadError.Reason? {
    do {
      _ = try reader.read(data: bytes, name: name)
      return nil
    } catch {
      return error.reason
    }
  }

  @Test func paragraphsFieldsAndSpecialCharactersReadAsWordShowsThem() throws {
    let document = try read(
      WordDocumentBuilder.document([
        Run(text: "一、立项依据\r"),
        Run(text: "page \u{13} PAGE \\* MERGEFORMAT \u{14}7\u{15} of \u{13}NUMPAGES\u{14}9\u{15}\r"),
        Run(text: "nested \u{13}IF \u{13}DATE\u{14}x\u{15} = 1 \u{14}result\u{15} end\r"),
        Run(text: "line\u{0B}break\u{1E}hyphen\u{1F}soft\u{01}\u{08}pic\tTab\r"),
      ]))
    #expect(document.format == .doc)
    let paragraphs = document.parts[0].blocks.compactMap { block -> Paragraph? in
      if case .paragraph(let paragraph) = block { return paragraph }
      return nil
    }
    #expect(
      paragraphs.map(\.text) == [
        "一、立项依据", "page 7 of 9", "nested result end", "line\nbreak\u{2011}hyphensoftpic\tTab",
      ])
    #expect(paragraphs[0].isHeading)
  }

  @Test func cellAndRowMarksBuildTables() throws {
    let document = try read(
      WordDocumentBuilder.document([
        Run(text: "before\r"),
        Run(text: "项目名称\u{07}", sprms: WordDocumentBuilder.inTable),
        Run(text: "智能传感器研发\u{07}", sprms: WordDocumentBuilder.inTable),
        Run(text: "\u{07}", sprms: WordDocumentBuilder.rowEnd),
        Run(text: "项目负责人\u{07}", sprms: WordDocumentBuilder.inTable),
        Run(text: "first\r", sprms: WordDocumentBuilder.inTable),
        Run(text: "张三\u{07}", sprms: WordDocumentBuilder.inTable),
        Run(text: "\u{07}", sprms: WordDocumentBuilder.rowEnd),
        Run(text: "after\r"),
      ]))
    let blocks = document.parts[0].blocks
    #expect(blocks.count == 3)
    guard case .table(let table) = blocks[1] else {
      Issue.record("expected a table, got \(blocks[1])")
      return
    }
    let texts = table.rows.map { row in
      row.map { cell in
        cell.blocks.compactMap { block -> String? in
          if case .paragraph(let paragraph) = block { return paragraph.text }
          return nil
        }
      }
    }
    #expect(texts == [[["项目名称"], ["智能传感器研发"]], [["项目负责人"], ["first", "张三"]]])
    #expect(document.formFields.first { $0.name == "项目名称" }?.value == "智能传感器研发")
  }

  @Test func deletedRevisionsAreDroppedAsTheDocxReaderDoes() throws {
    let document = try read(
      WordDocumentBuilder.document([
        Run(text: "kept "), Run(text: "deleted ", deleted: true), Run(text: "text\r"),
      ]))
    #expect(TextLayout(document).text == "kept text")
  }

  @Test func eightBitPiecesAreCp1252UnlessAChineseDocumentStoresGBK() throws {
    // 0x93/0x94 are cp1252 curly quotes.
    let latin = try read(
      WordDocumentBuilder.document(
        [Run(text: "\u{93}caf\u{E9}\u{94}\r")], compressed: true))
    #expect(TextLayout(latin).text == "“café”")
    // 中文 in GBK is D6 D0 CE C4; with a zh-CN language the piece is GBK.
    let chinese = try read(
      WordDocumentBuilder.document(
        [Run(text: "\u{D6}\u{D0}\u{CE}\u{C4}ab\r")], language: 0x0804, compressed: true))
    #expect(TextLayout(chinese).text == "中文ab")
    // The same bytes in an English document stay cp1252.
    let english = try read(
      WordDocumentBuilder.document([Run(text: "\u{D6}\u{D0}\r")], compressed: true))
    #expect(TextLayout(english).text == "ÖÐ")
  }

  @Test func refusalsAreTyped() {
    let text = [Run(text: "x\r")]
    #expect(reason(WordDocumentBuilder.document(text, flags: 0x0200 | 0x0100)) == .encryptedWord)
    #expect(reason(WordDocumentBuilder.document(text, flags: 0x0200 | 0x0100 | 0x8000)) == .obfuscatedWord)
    // Word 6/95: nFib 101…105 and no Word 97 FIB layout (an odd nFib on a Word 97 layout is read).
    var word6 = WordDocumentBuilder.document(text, nFib: 0x65)
    #expect(reason(word6) == nil)
    if let offset = findWordDocument(word6) {
      CompoundFileBuilder.put16(&word6, offset + 0x20, 0)
      #expect(reason(word6) == .word6(nFib: 0x65))
    }
    let works = CompoundFileBuilder.file([("CONTENTS", Array("works text".utf8)), ("SPELLING", [0])])
    #expect(reason(works, name: "letter.wps") == .worksWordProcessor)
    let excel = CompoundFileBuilder.file([("Workbook", [1, 2, 3])])
    #expect(reason(excel) == .unknownFormat)
    guard case .corruptWordBinary = reason(WordDocumentBuilder.document(text, tableStream: "0Table")) else {
      Issue.record("a missing 1Table stream must be a corrupt document")
      return
    }
  }

  @Test func brokenContainersAreTypedErrors() {
    let good = WordDocumentBuilder.document([Run(text: "x\r")])
    #expect(reason(good) == nil)
    // FAT entry of the first WordDocument sector points to itself: a chain loop.
    var loop = good
    CompoundFileBuilder.put32(&loop, 512 + 2 * 4, 2)
    // The WordDocument stream starts beyond the file.
    var outside = good
    CompoundFileBuilder.put32(&outside, 1024 + 128 + 0x74, 90_000)
    // It claims 2 GB.
    var huge = good
    CompoundFileBuilder.put32(&huge, 1024 + 128 + 0x78, 0x7FFF_FFFF)
    // The root's child tree points back to the root's first child: a cycle.
    var cycle = good
    CompoundFileBuilder.put32(&cycle, 1024 + 256 + 0x48, 1)
    // The directory chain loops.
    var directoryLoop = good
    CompoundFileBuilder.put32(&directoryLoop, 512 + 1 * 4, 1)
    for broken in [loop, outside, huge, cycle, directoryLoop, Array(good.prefix(700))] {
      guard case .corruptCompoundFile = reason(broken) else {
        Issue.record("expected corruptCompoundFile, got \(String(describing: reason(broken)))")
        continue
      }
    }
  }

  @Test func aPieceTableThatLiesIsACorruptDocument() {
    var bytes = WordDocumentBuilder.document([Run(text: "x\r")])
    // The piece's file offset (in 1Table at its start: the 5-byte Pcdt header, two CPs, then
    // the PCD's 2-byte flags) points far past the WordDocument stream.
    if let table = findStream(bytes, slot: 2) {
      CompoundFileBuilder.put32(&bytes, table + 5 + 10, 0x3FFF_0000)
    }
    guard case .corruptWordBinary = reason(bytes) else {
      Issue.record("expected corruptWordBinary, got \(String(describing: reason(bytes)))")
      return
    }
  }

  @Test func packagesAndWord2003XMLUnderADocNameAreReadByContent() throws {
    let docx = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("docx/strict.docx"))))
    #expect(try read(docx, name: "saved-by-wps.doc").format == .docx)
    let word2003 = Array(
      """
      <?xml version="1.0"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">\
      <w:body><w:p><w:r><w:t>二〇〇三</w:t></w:r></w:p></w:body></w:wordDocument>
      """.utf8)
    let document = try read(word2003, name: "saved-by-wps.doc")
    #expect(document.format == .word2003)
    #expect(TextLayout(document).text == "二〇〇三")
  }

  private func findWordDocument(_ bytes: [UInt8]) -> Int? { findStream(bytes, slot: 1) }

  /// File offset of the stream in directory slot `slot` (the builder's layout).
  private func findStream(_ bytes: [UInt8], slot: Int) -> Int? {
    guard let start = bytes.uint32(at: 1024 + slot * 128 + 0x74) else { return nil }
    return (start + 1) * 512
  }
}

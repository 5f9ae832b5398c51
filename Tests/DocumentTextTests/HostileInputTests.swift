import Foundation
import Testing

@testable import DocumentText

/// Issue 11: inputs built to crash, hang or exhaust the reader. Each must end in a typed error
/// (or, for deep tables, a flattened document), quickly and without a crash.
@Suite struct HostileInputTests {
  let reader = DocumentReader()

  private func reason(_ body: () throws -> ExtractedDocument) -> DocumentReadError.Reason? {
    do {
      _ = try body()
      return nil
    } catch let error as DocumentReadError {
      return error.reason
    } catch {
      return nil
    }
  }

  private func package(_ document: [UInt8]) -> [RawZip.Local] {
    [
      RawZip.Local(
        name: "_rels/.rels", data: WordXML.relationships([("rId1", "officeDocument", "word/document.xml")])),
      RawZip.Local(name: "word/document.xml", data: document),
    ]
  }

  // MARK: 1. Overlapping entries, package total

  @Test func centralEntriesSharingOneLocalEntryAreRefused() {
    let locals = package(WordXML.document(WordXML.paragraph("内核")))
    var central = [
      RawZip.Central(name: "_rels/.rels", local: 0), RawZip.Central(name: "word/document.xml", local: 1),
    ]
    for index in 1...50 { central.append(RawZip.Central(name: "word/header\(index).xml", local: 1)) }
    let bytes = RawZip.build(locals, central: central)
    guard case .zipBomb(let detail) = reason({ try reader.read(data: bytes, name: "fifield.docx") }) else {
      Issue.record("overlapping entries were accepted")
      return
    }
    #expect(detail.contains("overlapping"))
  }

  @Test func packageTotalIsLimited() throws {
    let text = String(repeating: "段落", count: 400)
    let parts = (1...4).map { ("word/header\($0).xml", WordXML.part("hdr", WordXML.paragraph(text))) }
    let bytes = try ZipBuilder.docx(
      document: WordXML.document(WordXML.paragraph(text)),
      mainRelationships: (1...4).map { ("rId\($0 + 10)", "header", "header\($0).xml") }, parts: parts)
    let small = DocumentReader(limits: ReadLimits(maxPackageBytes: 4096))
    // The headers are read after the main part; a header over the total is dropped with a warning.
    let document = try small.read(data: bytes, name: "many.docx")
    #expect(document.warnings.contains { $0.contains("beyond 4096 bytes in all") })
    let tiny = DocumentReader(limits: ReadLimits(maxPackageBytes: 1024))
    guard case .zipBomb = reason({ try tiny.read(data: bytes, name: "many.docx") }) else {
      Issue.record("package total not enforced")
      return
    }
  }

  // MARK: 15. CRC, duplicate names

  @Test func crcMismatchIsCorrupt() {
    var locals = package(WordXML.document(WordXML.paragraph("校验")))
    locals[1].crc = 0x1234_5678
    guard
      case .corruptZip(let detail) = reason({ try reader.read(data: RawZip.build(locals), name: "crc.docx") })
    else {
      Issue.record("a CRC-32 mismatch was accepted")
      return
    }
    #expect(detail.contains("CRC-32"))
  }

  @Test func duplicateEntryNamesAreRefused() {
    var locals = package(WordXML.document(WordXML.paragraph("正本")))
    locals.append(RawZip.Local(name: "word/document.xml", data: WordXML.document(WordXML.paragraph("副本"))))
    guard
      case .corruptZip(let detail) = reason({ try reader.read(data: RawZip.build(locals), name: "dup.docx") })
    else {
      Issue.record("duplicate names were accepted")
      return
    }
    #expect(detail.contains("two entries named word/document.xml"))
  }

  // MARK: 2. Depth

  private func nestedTables(_ depth: Int, text: String = "深") -> String {
    String(repeating: "<w:tbl><w:tr><w:tc>", count: depth) + WordXML.paragraph(text)
      + String(repeating: "</w:tc></w:tr></w:tbl>", count: depth)
  }

  @Test func twentyThousandNestedTablesAreATypedError() throws {
    let bytes = try ZipBuilder.docx(document: WordXML.document(nestedTables(20_000)))
    guard case .tooLarge(let detail) = reason({ try reader.read(data: bytes, name: "deep.docx") }) else {
      Issue.record("20,000 nested tables were not refused")
      return
    }
    #expect(detail.contains("nested deeper than 256"))
  }

  @Test func tablesBeyondTheTableDepthAreFlattened() throws {
    let bytes = try ZipBuilder.docx(document: WordXML.document(nestedTables(60, text: "最深处")))
    let document = try reader.read(data: bytes, name: "deep.docx")
    func depth(_ blocks: [Block]) -> Int {
      blocks.map { block in
        guard case .table(let table) = block else { return 0 }
        return 1 + (table.rows.flatMap { $0 }.map { depth($0.blocks) }.max() ?? 0)
      }.max() ?? 0
    }
    #expect(depth(document.parts[0].blocks) == ReadLimits.standard.maxTableDepth)
    #expect(TextLayout(document).text.contains("最深处"))
  }

  @Test func deepWordXMLIsATypedError() {
    let xml = WordXML.document(
      String(repeating: "<w:sdt>", count: 5000) + String(repeating: "</w:sdt>", count: 5000))
    guard case .tooLarge = reason({ try reader.read(data: xml, name: "deep.xml") }) else {
      Issue.record("deep XML was not refused")
      return
    }
  }

  // MARK: 10. Namespace and attribute bombs

  @Test func namespaceDeclarationBombIsRefusedQuickly() {
    let declarations = (0..<330_000).map { " xmlns:n\($0)=\"u\"" }.joined()
    let xml = Array(
      "<w:document xmlns:w=\"\(WordXML.main)\"\(declarations)><w:body><w:p/></w:body></w:document>".utf8)
    let start = ContinuousClock.now
    guard case .tooLarge(let detail) = reason({ try reader.read(data: xml, name: "ns.xml") }) else {
      Issue.record("namespace bomb was read")
      return
    }
    #expect(detail.contains("more than 256 attributes"))
    #expect(ContinuousClock.now - start < .seconds(5))
  }

  @Test func attributeBombInsideAZipIsRefused() throws {
    let attributes = (0..<10_000).map { " a\($0)=\"1\"" }.joined()
    let bytes = try ZipBuilder.docx(
      document: WordXML.document("<w:p\(attributes)><w:r><w:t>x</w:t></w:r></w:p>"))
    guard case .tooLarge = reason({ try reader.read(data: bytes, name: "attrs.docx") }) else {
      Issue.record("attribute bomb was read")
      return
    }
  }

  @Test func scannerSkipsCommentsCDATAAndQuotedValues() {
    var scanner = MarkupScanner(maxDepth: 3, maxAttributes: 2)
    let xml =
      "<?xml version=\"1.0\"?><!-- a=1 b=2 c=3 <x> --><a x=\"=>=\"><b/><c><![CDATA[<d><e><f>]]></c></a>"
    let reason = Array(xml.utf8).withUnsafeBytes { scanner.scan($0) }
    #expect(reason == nil)
    var deep = MarkupScanner(maxDepth: 3, maxAttributes: 2)
    #expect(Array("<a><b><c><d>".utf8).withUnsafeBytes { deep.scan($0) } != nil)
  }

  // MARK: 6. Amplification

  @Test func manyEmptyParagraphsAreCapped() throws {
    // Distinct attributes keep the part under the compression-ratio limit, which fires first otherwise.
    let body = (0..<600_000).map {
      "<w:p w14:paraId=\"\(String($0 &* 2_654_435_761 % 4_294_967_296, radix: 16))\"/>"
    }
    .joined()
    let bytes = try ZipBuilder.docx(document: WordXML.document(body))
    guard case .tooLarge(let detail) = reason({ try reader.read(data: bytes, name: "empty.docx") }) else {
      Issue.record("600,000 paragraphs were read")
      return
    }
    #expect(detail.contains("more than 500000 paragraphs"))
    let lines = Array(String(repeating: "\n", count: 600_000).utf8) + Array("正文".utf8)
    guard case .tooLarge = reason({ try reader.read(data: lines, name: "empty.txt") }) else {
      Issue.record("600,000 lines were read")
      return
    }
  }

  @Test func longLinesAndParagraphsAreCapped() throws {
    let limits = ReadLimits(maxParagraphBytes: 2048)
    let small = DocumentReader(limits: limits)
    let line = Array(String(repeating: "长", count: 1000).utf8)
    guard case .tooLarge = reason({ try small.read(data: line, name: "line.txt") }) else {
      Issue.record("a long line was read")
      return
    }
    let bytes = try ZipBuilder.docx(
      document: WordXML.document(WordXML.paragraph(String(repeating: "长", count: 1000))))
    guard case .tooLarge = reason({ try small.read(data: bytes, name: "long.docx") }) else {
      Issue.record("a long paragraph was read")
      return
    }
  }

  @Test func sparseFileIsRefusedBeforeReading() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("sparse.txt")
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 2 << 30)
    try handle.close()
    let start = ContinuousClock.now
    guard case .tooLarge = reason({ try reader.read(path: path) }) else {
      Issue.record("a 2 GiB sparse file was not refused")
      return
    }
    #expect(ContinuousClock.now - start < .seconds(1))
  }

  // MARK: 4. Files that are not regular files

  @Test func fifoAndBrokenLinkAreErrorsNotHangs() throws {
    let directory = try TemporaryDirectory()
    let fifo = directory.path("pipe.docx")
    #expect(mkfifo(fifo, 0o600) == 0)
    guard case .unreadable(let detail) = reason({ try reader.read(path: fifo) }) else {
      Issue.record("a FIFO was not refused")
      return
    }
    #expect(detail.contains("FIFO"))
    let broken = directory.path("broken.docx")
    try FileManager.default.createSymbolicLink(atPath: broken, withDestinationPath: directory.path("missing"))
    guard case .unreadable(let linkDetail) = reason({ try reader.read(path: broken) }) else {
      Issue.record("a broken link was not refused")
      return
    }
    #expect(linkDetail.contains("broken symbolic link"))
    let target = directory.path("real.txt")
    #expect(FileManager.default.createFile(atPath: target, contents: Data("正文".utf8)))
    let link = directory.path("link.txt")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(try reader.read(path: link).parts.first?.blocks.count == 1)
  }

  // MARK: 15. Empty files, NUL bytes, mixed encodings, control characters

  @Test func emptyAndBlankFilesHoldNoText() {
    #expect(reason({ try reader.read(data: [], name: "empty.txt") }) == .noText)
    #expect(reason({ try reader.read(data: Array(" \n\t\n".utf8), name: "blank.txt") }) == .noText)
    let xml = WordXML.document("<w:p/>")
    #expect(reason({ try reader.read(data: xml, name: "empty.xml") }) == .noText)
  }

  @Test func nulBytePastTheSniffedPrefixIsRefused() {
    let bytes = Array(String(repeating: "正文", count: 3000).utf8) + [0] + Array("尾".utf8)
    guard case .unreadable(let detail) = reason({ try reader.read(data: bytes, name: "nul.txt") }) else {
      Issue.record("a NUL byte was indexed")
      return
    }
    #expect(detail.contains("NUL"))
  }

  @Test func oneGBKPhraseInUTF8IsAWarningNotMojibake() throws {
    // 中文 in GBK: D6 D0 CE C4.
    let bytes =
      Array(String(repeating: "项目申报书正文", count: 10).utf8) + [0xD6, 0xD0, 0xCE, 0xC4] + Array("结尾".utf8)
    let document = try reader.read(data: bytes, name: "mixed.txt")
    #expect(document.encoding == "UTF-8")
    #expect(TextLayout(document).text.hasPrefix("项目申报书正文"))
    #expect(document.warnings.contains { $0.contains("not valid UTF-8") })
  }

  @Test func controlCharactersInPathsAreEscaped() {
    let error = DocumentReadError(path: "a\nERROR: b\u{1B}[31m\u{202E}.docx", reason: .fileNotFound)
    #expect(error.description == "a\\nERROR: b\\u{1B}[31m\\u{202E}.docx: file not found")
    #expect(!error.description.contains("\n"))
  }

  // MARK: 8, 9. Tables

  @Test func unclosedQuoteInCSVNamesTheLine() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("manifest.csv")
    let csv = "文件,项目名称\na.docx,甲\n\"b.docx,乙\nc.docx,丙\n"
    #expect(FileManager.default.createFile(atPath: path, contents: Data(csv.utf8)))
    do {
      _ = try TableFileReader.read(path: path)
      Issue.record("rows after an unclosed quote were swallowed")
    } catch {
      #expect(error.reason == .malformedTable("line 3: a quoted field is never closed (a missing \")"))
    }
  }

  @Test func overflowingXLSXRowNumberIsAnError() throws {
    let spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let sheet =
      "<worksheet xmlns=\"\(spreadsheet)\"><sheetData><row r=\"9223372036854775807\">"
      + "<c t=\"inlineStr\"><is><t>x</t></is></c></row><row><c t=\"inlineStr\"><is><t>y</t></is></c></row>"
      + "</sheetData></worksheet>"
    let bytes = try ZipBuilder.zip([
      ("_rels/.rels", WordXML.relationships([("rId1", "officeDocument", "xl/workbook.xml")])),
      (
        "xl/workbook.xml",
        Array(
          "<workbook xmlns=\"\(spreadsheet)\" xmlns:r=\"\(relationships)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            .utf8)
      ),
      ("xl/_rels/workbook.xml.rels", WordXML.relationships([("rId1", "worksheet", "worksheets/sheet1.xml")])),
      ("xl/worksheets/sheet1.xml", Array(sheet.utf8)),
    ])
    let directory = try TemporaryDirectory()
    let path = directory.path("rows.xlsx")
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    do {
      _ = try TableFileReader.read(path: path)
      Issue.record("an overflowing row number was accepted")
    } catch {
      guard case .unreadable(let detail) = error.reason else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(detail.contains("row number 9223372036854775807"))
    }
  }

  @Test func limitsAreClampedToSafeBounds() {
    let wild = ReadLimits(maxEntryBytes: .max, maxXMLDepth: 1_000_000, maxBlocks: -5)
    #expect(
      DocumentReader(limits: wild).limits.maxEntryBytes == ReadLimits.safeBounds.maxEntryBytes.upperBound)
    #expect(DocumentReader(limits: wild).limits.maxXMLDepth == 1000)
    #expect(DocumentReader(limits: wild).limits.maxBlocks == 1000)
  }
}

/// A fresh folder removed when the value goes away.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("chachong-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  deinit { try? FileManager.default.removeItem(at: url) }
}

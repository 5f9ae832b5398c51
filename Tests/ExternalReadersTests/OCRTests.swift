import DocumentText
import Foundation
import Testing

@testable import ExternalReaders

/// OCR of the committed 200 dpi scan of a sample application (Tools/make-pdf-fixtures.sh): a few
/// pages only, each about 4 s of tesseract.
@Suite(.enabled(if: Installed.poppler && Installed.tesseract, Installed.ocrReason))
struct OCRTests {
  let reader = DocumentReader(readers: ExternalReaders.all(ExternalReaderOptions(ocr: .auto)))

  @Test func aScannedPDFIsReadByOCRWithItsConfidence() throws {
    let scan = try reader.read(data: try Fixtures.bytes("pdf/application-scan-200dpi.pdf"), name: "scan.pdf")
    let docx = try reader.read(data: try Fixtures.bytes("pdf/application.docx"), name: "application.docx")
    #expect(scan.format == .pdf)
    #expect(scan.parts.map(\.name) == ["page 1", "page 2", "page 3"])
    #expect(scan.parts.allSatisfy { ($0.ocrConfidence ?? 0) > 0.7 })
    let summary = try #require(scan.ocr)
    #expect(summary.pages == 3 && summary.totalPages == 3)
    #expect(summary.meanConfidence > 0.8 && summary.meanConfidence <= 1)
    let body = TextLayout(docx).paragraphs.filter { $0.part == .main }.map(\.text).joined(separator: "\n")
    let recall = characterRecall(known: body, read: text(of: scan))
    #expect(recall >= 0.95, "OCR character recall \(recall)")
    // No spaces between Han characters, no running header, no page number.
    #expect(!text(of: scan).contains("研 发"))
    #expect(!text(of: scan).contains("2023年度"))
  }

  @Test func anImageIsReadByOCR() throws {
    let page = try reader.read(data: try Fixtures.bytes("pdf/application-page1-200dpi.png"), name: "page.png")
    #expect(page.format == .image)
    #expect(page.ocr?.pages == 1)
    #expect(text(of: page).contains("工业园区的工业互联网关键技术研发"))
  }

  /// A text layer of private-use characters (a CID font without a ToUnicode map) is garbage: in
  /// `auto` that page is read by OCR, the others keep their text layer. The garbage comes from a
  /// stand-in `pdftotext` for page 1; the real poppler and tesseract do the rest.
  @Test func aGarbageTextLayerFallsBackToOCR() throws {
    let garbage = String(String.UnicodeScalarView((0..<60).compactMap { Unicode.Scalar(0xE000 + $0) }))
    let tools = try ToolDirectory(
      linking: ["pdfinfo", "pdftoppm", "tesseract"],
      scripts: ["pdftotext": "printf '\(garbage)\\f第二页正文足够长的一段文字。\\f第三页正文足够长的一段文字。\\f'"])
    defer { tools.remove() }
    let reader = PDFReader(options: ExternalReaderOptions(ocr: .auto), runner: tools.runner)
    let document = try reader.read(
      try Fixtures.bytes("pdf/application-scan-200dpi.pdf"), name: "mixed.pdf", limits: .standard)
    #expect(document.parts.map { $0.ocrConfidence != nil } == [true, false, false])
    #expect(document.ocr?.pages == 1 && document.ocr?.totalPages == 3)
    #expect(document.warnings.contains { $0.hasPrefix("page 1: text layer unusable") })
    #expect(text(of: document).contains("工业园区的工业互联网关键技术研发"))
    #expect(!text(of: document).contains(garbage))
  }

  @Test func missingTesseractOrItsChineseDataIsATypedError() throws {
    let noTesseract = try ToolDirectory(linking: ["pdfinfo", "pdftotext", "pdftoppm"])
    defer { noTesseract.remove() }
    #expect(
      throws: DocumentReadError(
        path: "scan.pdf", reason: .missingTool(tool: "tesseract", package: "tesseract-ocr"))
    ) {
      try PDFReader(options: ExternalReaderOptions(), runner: noTesseract.runner)
        .read(try Fixtures.bytes("pdf/application-scan-200dpi.pdf"), name: "scan.pdf", limits: .standard)
    }
    let englishOnly = try ToolDirectory(
      linking: ["pdfinfo", "pdftotext", "pdftoppm"],
      scripts: [
        "tesseract":
          "printf 'List of available languages in \"/usr/share/tesseract-ocr/5/tessdata/\" (2):\\neng\\nosd\\n'"
      ])
    defer { englishOnly.remove() }
    #expect(
      throws: DocumentReadError(
        path: "page.png", reason: .missingTool(tool: "tesseract chi_sim", package: "tesseract-ocr-chi-sim"))
    ) {
      try ImageReader(options: ExternalReaderOptions(), runner: englishOnly.runner)
        .read(try Fixtures.bytes("pdf/application-page1-200dpi.png"), name: "page.png", limits: .standard)
    }
  }
}

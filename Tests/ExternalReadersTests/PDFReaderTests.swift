import DocumentText
import Foundation
import Testing

@testable import ExternalReaders

/// The PDF text layer through poppler's `pdftotext`, on the committed fixture made from a sample
/// application (Tools/make-pdf-fixtures.sh).
@Suite(.enabled(if: Installed.poppler, Installed.popplerReason))
struct PDFReaderTests {
  let reader = DocumentReader(readers: ExternalReaders.all(ExternalReaderOptions(ocr: .never)))

  @Test func theTextLayerIsReadPageByPageWithoutRunningHeadersAndPageNumbers() throws {
    let document = try reader.read(data: try Fixtures.bytes("pdf/application.pdf"), name: "application.pdf")
    #expect(document.format == .pdf)
    #expect(document.ocr == nil)
    #expect(document.parts.map(\.name) == ["page 1", "page 2", "page 3"])
    #expect(document.parts.allSatisfy { $0.kind == .main && $0.ocrConfidence == nil })
    let layout = TextLayout(document)
    #expect(!layout.text.contains("2023 年度"), "the running header is removed")
    #expect(!layout.paragraphs.contains { $0.text.hasPrefix("- ") }, "page numbers are removed")
    // Lines of one paragraph rejoined: "…访问控制系" + "统为载体…" was broken at a line end.
    #expect(layout.paragraphs.contains { $0.text.contains("以零信任访问控制系统为载体，把超大容量长距离光通信") })
    #expect(layout.sections.map(\.title).contains("一、立项依据"))
    #expect(layout.sections.map(\.title).contains("六、经费预算"))
    // The table's total at the foot of page 3 is a figure, not a page number.
    #expect(layout.paragraphs.last { $0.partName == "page 3" }?.text.contains("80") == true)
  }

  @Test func theTextLayerHasTheWordDocumentsText() throws {
    let pdf = try reader.read(data: try Fixtures.bytes("pdf/application.pdf"), name: "application.pdf")
    let docx = try reader.read(data: try Fixtures.bytes("pdf/application.docx"), name: "application.docx")
    let body = TextLayout(docx).paragraphs.filter { $0.part == .main }.map(\.text).joined(separator: "\n")
    #expect(characterRecall(known: body, read: text(of: pdf)) > 0.99)
  }

  @Test func aScanWithOCROffIsATypedNoTextLayerError() throws {
    #expect(throws: DocumentReadError(path: "scan.pdf", reason: .noTextLayer)) {
      try reader.read(data: try Fixtures.bytes("pdf/application-scan-200dpi.pdf"), name: "scan.pdf")
    }
    #expect(throws: DocumentReadError(path: "page.png", reason: .noTextLayer)) {
      try reader.read(data: try Fixtures.bytes("pdf/application-page1-200dpi.png"), name: "page.png")
    }
  }

  @Test func missingPopplerIsATypedErrorNamingThePackage() throws {
    let empty = try ToolDirectory(linking: [])
    defer { empty.remove() }
    let reader = PDFReader(options: ExternalReaderOptions(), runner: empty.runner)
    #expect(
      throws: DocumentReadError(
        path: "a.pdf", reason: .missingTool(tool: "pdfinfo", package: "poppler-utils"))
    ) {
      try reader.read(try Fixtures.bytes("pdf/application.pdf"), name: "a.pdf", limits: .standard)
    }
  }

  @Test func recognisedByContentNotByName() throws {
    let pdf = try Fixtures.bytes("pdf/application.pdf")
    let png = try Fixtures.bytes("pdf/application-page1-200dpi.png")
    let options = ExternalReaderOptions()
    #expect(PDFReader(options: options).recognizes(pdf, fileExtension: "doc"))
    #expect(!PDFReader(options: options).recognizes(png, fileExtension: "pdf"))
    #expect(ImageReader(options: options).recognizes(png, fileExtension: "pdf"))
    #expect(!ImageReader(options: options).recognizes(Array("%PDF-1.4".utf8), fileExtension: "png"))
    // A text file named .pdf is not a PDF.
    #expect(!PDFReader(options: options).recognizes(Array("项目名称：测试".utf8), fileExtension: "pdf"))
  }
}

/// The subprocess bounds: time, output size, cancellation.
@Suite struct ToolRunnerTests {
  let runner = ToolRunner()

  @Test func aToolPastItsTimeLimitIsKilled() throws {
    let started = Date()
    #expect(throws: ToolRunner.Failure.timedOut(seconds: 0.5)) {
      try runner.run("sleep", ["30"], timeout: 0.5, maximumOutputBytes: 1024)
    }
    #expect(Date().timeIntervalSince(started) < 5)
  }

  @Test func aToolPastItsOutputLimitIsKilled() throws {
    #expect(throws: ToolRunner.Failure.outputTooLarge(limit: 4096)) {
      try runner.run("yes", [], timeout: 10, maximumOutputBytes: 4096)
    }
  }

  @Test func aCancelledReadKillsTheTool() throws {
    let token = ReadCancellation()
    token.cancel()
    let started = Date()
    #expect(throws: ToolRunner.Failure.cancelled) {
      try ReadCancellation.$current.withValue(token) {
        try runner.run("sleep", ["30"], timeout: 60, maximumOutputBytes: 1024)
      }
    }
    #expect(Date().timeIntervalSince(started) < 5)
  }

  @Test func exitStatusAndOutput() throws {
    let output = try runner.run("sh", ["-c", "printf 项目"], timeout: 10, maximumOutputBytes: 1024)
    #expect(String(decoding: output.standardOutput, as: UTF8.self) == "项目")
    #expect(throws: ToolRunner.Failure.exited(status: 3, message: "bad")) {
      try runner.run("sh", ["-c", "echo bad >&2; exit 3"], timeout: 10, maximumOutputBytes: 1024)
    }
    #expect(throws: ToolRunner.Failure.notFound) {
      try runner.run("chachong-no-such-tool", [], timeout: 1, maximumOutputBytes: 1)
    }
  }
}

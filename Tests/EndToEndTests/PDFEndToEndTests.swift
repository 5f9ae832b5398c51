import Foundation
import Testing

/// PDF and OCR through the built binary: `extract`, `compare --versions` with a scanned paper copy,
/// `--ocr never`, a missing tool. Skipped, saying so, where poppler or tesseract is not installed
/// (Tools/ensure-system-packages.sh installs them).
/// Whether poppler-utils, tesseract-ocr and tesseract-ocr-chi-sim are installed (Debian paths).
let pdfToolsInstalled: Bool =
  ["pdftotext", "pdfinfo", "pdftoppm", "tesseract"].allSatisfy { tool in
    FileManager.default.isExecutableFile(atPath: "/usr/bin/\(tool)")
  } && FileManager.default.fileExists(atPath: "/usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata")

@Suite(
  .enabled(if: chachongBinary != nil, "the chachong binary is built by `swift build`"),
  .enabled(
    if: pdfToolsInstalled,
    "poppler-utils, tesseract-ocr or tesseract-ocr-chi-sim is not installed (Tools/ensure-system-packages.sh); skipped"
  ))
struct PDFEndToEndTests {
  let binary = chachongBinary ?? URL(fileURLWithPath: "/nonexistent")

  func fixture(_ name: String) -> String {
    indexTestsPackageRoot.appendingPathComponent("Corpora/fixtures/pdf/\(name)").path
  }

  /// The paper copy was scanned: the planted changes (an inserted sentence, the budget 810 → 860)
  /// are the differences, and OCR's errors are not.
  @Test func comparingTheOnlineVersionWithAScannedPaperCopyFindsThePlantedChangesOnly() throws {
    let (status, output, errors) = try runChachong(
      binary, ["compare", "--versions", fixture("application.docx"), fixture("application-paper-scan.pdf")])
    #expect(status == 1, "\(errors)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let differences = report["differences"] as? [[String: Any]] ?? []
    #expect(differences.count == 2, "\(differences)")
    #expect(
      differences.contains {
        $0["kind"] as? String == "changed" && $0["textA"] as? String == "810"
          && $0["textB"] as? String == "860"
      })
    #expect(
      differences.contains {
        $0["kind"] as? String == "inserted"
          && ($0["textB"] as? String ?? "").contains("项目组已于2023年3月完成中试线的安全评审")
      })
    let b = report["b"] as? [String: Any]
    #expect((b?["ocr"] as? [String: Any])?["pages"] as? Int == 3)
  }

  @Test func aCleanScanOfTheSameApplicationIsIdentical() throws {
    let (status, output, errors) = try runChachong(
      binary,
      [
        "compare", "--versions", "--format", "text", fixture("application.docx"),
        fixture("application-scan-200dpi.pdf"),
      ])
    #expect(status == 0, "\(output)\(errors)")
    #expect(output.contains("identical"))
    #expect(output.contains("OCR 3/3 pages"))
  }

  @Test func ocrNeverOnAScanIsATypedErrorAndTheBatchGoesOn() throws {
    let (status, output, errors) = try runChachong(
      binary,
      [
        "extract", "--ocr", "never", "--format", "json", fixture("application-scan-200dpi.pdf"),
        fixture("application.pdf"),
      ])
    #expect(status == 2)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect((report["errors"] as? [[String: Any]])?.first?["kind"] as? String == "noTextLayer")
    #expect((report["documents"] as? [[String: Any]])?.first?["format"] as? String == "pdf")
    #expect(errors.contains("--ocr auto"))
  }

  @Test func aMissingToolNamesItsPackageAndOtherFormatsStillRead() throws {
    let (status, output, errors) = try runChachong(
      binary, ["extract", "--format", "json", fixture("application.pdf"), fixture("application.docx")],
      environment: ["PATH": "/nonexistent"])
    #expect(status == 2)
    #expect(errors.contains("poppler-utils"), "\(errors)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect((report["errors"] as? [[String: Any]])?.first?["kind"] as? String == "missingTool")
    #expect((report["documents"] as? [[String: Any]])?.first?["format"] as? String == "docx")
  }

  /// check (JSON, text, HTML) and query say that a document was read by OCR, with its confidence.
  @Test func checkAndQueryReportsSayADocumentWasReadByOCR() throws {
    let directory = indexTestDirectory("ocr")
    defer { try? FileManager.default.removeItem(at: directory) }
    let index = directory.appendingPathComponent("index").path
    let page = fixture("application-page1-200dpi.png")
    let (ingested, _, ingestErrors) = try runChachong(
      binary, ["ingest", "--index", index, fixture("application.docx")])
    #expect(ingested == 0, "\(ingestErrors)")

    let (_, json, checkErrors) = try runChachong(
      binary, ["check", "--index", index, "--fail-on", "never", page])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(checkErrors)")
    let input = (report["inputs"] as? [[String: Any]])?.first { $0["path"] as? String == page }
    let ocr = try #require(input?["ocr"] as? [String: Any])
    #expect(ocr["pages"] as? Int == 1 && ocr["totalPages"] as? Int == 1)
    #expect((ocr["meanConfidence"] as? Double ?? 0) > 0.7)

    let html = directory.appendingPathComponent("report.html").path
    _ = try runChachong(
      binary, ["check", "--index", index, "--fail-on", "never", "--format", "html", "--output", html, page])
    #expect(try String(contentsOfFile: html, encoding: .utf8).contains("经OCR识别"))

    let (_, query, _) = try runChachong(binary, ["query", "--index", index, "--format", "json", page])
    let results = try #require(
      (try JSONSerialization.jsonObject(with: Data(query.utf8)) as? [String: Any])?["results"]
        as? [[String: Any]])
    #expect((results.first?["ocr"] as? [String: Any])?["pages"] as? Int == 1)
    #expect((results.first?["matches"] as? [[String: Any]])?.first?["id"] as? String == "application")
  }
}

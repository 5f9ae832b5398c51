import ChachongModel

/// The inputs whose text was read by OCR, for the text and HTML reports: a reader of the report
/// must know that a document's text came from a scan, and how sure the recogniser was.
enum OCRInputsNote {
  static func lines(_ inputs: [InputFileInfo], zh: Bool) -> [String] {
    let read = inputs.filter { $0.ocr != nil }
    guard !read.isEmpty else { return [] }
    var lines = [
      "",
      zh ? "经OCR识别的文件（扫描件，文字可能有识别误差）：" : "Inputs read by OCR (scans; the text may have recognition errors):",
    ]
    for input in read {
      if let ocr = input.ocr { lines.append("  \(input.path): \(ocr.label)") }
    }
    return lines
  }

  /// " · OCR: paper.pdf (OCR 3/3 pages, confidence 91%)" after the HTML report's subtitle.
  static func subtitle(_ inputs: [InputFileInfo], zh: Bool) -> String {
    let read = inputs.compactMap { input in input.ocr.map { "\(input.path)（\($0.label)）" } }
    guard !read.isEmpty else { return "" }
    return (zh ? " · 经OCR识别：" : " · read by OCR: ") + read.joined(separator: "；")
  }
}

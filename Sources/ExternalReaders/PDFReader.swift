import ChachongModel
import DocumentText
import Foundation

/// Reads PDF files: the text layer with poppler's `pdftotext`, pages without a usable text layer
/// (scans; CID fonts without a ToUnicode map) by OCR (`pdftoppm` renders the page, `tesseract`
/// recognises it). poppler and tesseract run as bounded subprocesses (``ToolRunner``): chachong
/// does not link their code, and their crashes and hangs stay outside.
package struct PDFReader: FormatReader {
  package let options: ExternalReaderOptions
  var runner = ToolRunner()

  package init(options: ExternalReaderOptions, runner: ToolRunner? = nil) {
    self.options = options
    if let runner { self.runner = runner }
  }

  package var formatName: String { "pdf" }
  package var blocks: Bool { true }

  /// `%PDF-` in the first kilobyte (the format allows bytes before it).
  package func recognizes(_ data: [UInt8], fileExtension: String) -> Bool {
    Self.isPDF(data)
  }

  static func isPDF(_ data: [UInt8]) -> Bool {
    let marker: [UInt8] = Array("%PDF-".utf8)
    let head = data.prefix(1024)
    guard head.count >= marker.count else { return false }
    for start in head.startIndex...(head.endIndex - marker.count) where head[start] == marker[0] {
      if Array(head[start..<(start + marker.count)]) == marker { return true }
    }
    return false
  }

  package func read(_ data: [UInt8], name: String, limits: ReadLimits) throws(DocumentReadError)
    -> ExtractedDocument
  {
    let workspace = try Workspace(path: name)
    defer { workspace.remove() }
    let file = try workspace.write(data, as: "input.pdf")
    let info = try pageInfo(file, name: name)
    guard info.pages > 0 else { throw DocumentReadError(path: name, reason: .noText) }
    guard info.pages <= options.maximumPages else {
      throw DocumentReadError(
        path: name, reason: .tooLarge("\(info.pages) pages, limit \(options.maximumPages)"))
    }
    var textPages: [[[String]]] = Array(repeating: [], count: info.pages)
    var needOCR: [Int] = []
    var warnings: [String] = []
    if options.ocr != .always {
      textPages = try textLayer(file, pages: info.pages, name: name, limits: limits)
      for (index, page) in textPages.enumerated() {
        switch TextLayerQuality.assess(page.joined().joined(separator: "\n")) {
        case .usable: break
        case .empty: needOCR.append(index)
        case .garbage(let why):
          needOCR.append(index)
          warnings.append("page \(index + 1): text layer unusable (\(why))")
          textPages[index] = []
        }
      }
    } else {
      needOCR = Array(0..<info.pages)
    }
    var pages = textPages.enumerated().map { PageLines(number: $0.offset + 1, blocks: $0.element) }
    if !needOCR.isEmpty {
      if options.ocr == .never {
        if needOCR.count == info.pages { throw DocumentReadError(path: name, reason: .noTextLayer) }
        warnings.append(
          "\(needOCR.count) of \(info.pages) pages have no usable text layer and were not read (--ocr never)")
      } else {
        guard needOCR.count <= options.maximumOCRPages else {
          throw DocumentReadError(
            path: name, reason: .tooLarge("\(needOCR.count) pages to OCR, limit \(options.maximumOCRPages)"))
        }
        let ocr = OCREngine(options: options, runner: runner)
        try ocr.checkInstalled(name: name, rasterising: true)
        for index in needOCR {
          let image = try ocr.rasterise(
            file, page: index + 1, size: info.sizes[index + 1], in: workspace, name: name)
          let recognised = try ocr.recognise(image, name: name, limits: limits)
          let page = recognised.first
          pages[index] = PageLines(
            number: index + 1, blocks: page?.paragraphs ?? [], ocrConfidence: page?.confidence ?? 0)
        }
      }
    }
    let parts = PageAssembler.parts(pages)
    guard parts.contains(where: { !$0.blocks.isEmpty }) else {
      throw DocumentReadError(path: name, reason: .noText)
    }
    return ExtractedDocument(
      path: name, format: .pdf, parts: parts, warnings: warnings, ocr: OCREngine.summary(parts))
  }

  // MARK: poppler

  struct PageInfo {
    var pages: Int
    /// Page sizes in points (width, height) by page number.
    var sizes: [Int: (Double, Double)]
  }

  func pageInfo(_ file: String, name: String) throws(DocumentReadError) -> PageInfo {
    let first = try poppler("pdfinfo", [file], name: name, limits: 1024 * 1024)
    guard let pages = Self.field("Pages", in: first).flatMap({ Int($0) }) else {
      throw DocumentReadError(path: name, reason: .toolFailed(tool: "pdfinfo", detail: "no page count"))
    }
    var sizes: [Int: (Double, Double)] = [:]
    if pages > 0, pages <= options.maximumPages {
      let listed = try poppler(
        "pdfinfo", ["-f", "1", "-l", "\(pages)", file], name: name, limits: 1024 * 1024)
      for line in listed.split(separator: "\n") where line.hasPrefix("Page") && line.contains(" size:") {
        // "Page    1 size: 595.276 x 841.89 pts (A4)"
        let words = line.split(separator: " ")
        guard words.count >= 6, let number = Int(words[1]), let width = Double(words[3]),
          let height = Double(words[5])
        else { continue }
        sizes[number] = (width, height)
      }
    }
    return PageInfo(pages: pages, sizes: sizes)
  }

  static func field(_ name: String, in text: String) -> String? {
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
    }
    return nil
  }

  /// The text layer, page by page, as blocks of lines (`pdftotext` ends every page with a form
  /// feed and separates blocks by blank lines).
  func textLayer(_ file: String, pages: Int, name: String, limits: ReadLimits) throws(DocumentReadError)
    -> [[[String]]]
  {
    let text = try poppler(
      "pdftotext", ["-q", "-enc", "UTF-8", "-eol", "unix", "-f", "1", "-l", "\(pages)", file, "-"],
      name: name,
      limits: limits.maxTextBytes)
    var result = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).prefix(pages).map {
      page -> [[String]] in
      var blocks: [[String]] = [[]]
      for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
          if !(blocks.last?.isEmpty ?? true) { blocks.append([]) }
        } else {
          blocks[blocks.count - 1].append(trimmed)
        }
      }
      return blocks.filter { !$0.isEmpty }
    }
    while result.count < pages { result.append([]) }
    return result
  }

  private func poppler(_ tool: String, _ arguments: [String], name: String, limits: Int)
    throws(DocumentReadError) -> String
  {
    do {
      let output = try runner.run(tool, arguments, timeout: options.textTimeout, maximumOutputBytes: limits)
      return String(decoding: output.standardOutput, as: UTF8.self)
    } catch {
      throw error.readError(path: name, tool: tool)
    }
  }
}

/// A private temporary directory for one read, removed afterwards.
struct Workspace {
  let directory: String

  init(path: String) throws(DocumentReadError) {
    var template = Array((NSTemporaryDirectory() + "/chachong-read-XXXXXX").utf8CString)
    let made: String? = template.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
      return String(cString: base)
    }
    guard let made else {
      throw DocumentReadError(path: path, reason: .unreadable("cannot create a temporary directory"))
    }
    directory = made
  }

  func write(_ data: [UInt8], as name: String) throws(DocumentReadError) -> String {
    let path = directory + "/" + name
    guard
      FileManager.default.createFile(
        atPath: path, contents: Data(data), attributes: [.posixPermissions: 0o600])
    else {
      throw DocumentReadError(path: path, reason: .unreadable("cannot write a temporary file"))
    }
    return path
  }

  func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

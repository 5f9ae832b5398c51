import ChachongModel
import DocumentText
import Foundation
import Synchronization

/// OCR of page images: `pdftoppm` renders a PDF page to a grey PNG, `tesseract -l chi_sim`
/// recognises it and writes TSV (words with confidences), each a bounded subprocess with the
/// per-page time limit.
struct OCREngine {
  let options: ExternalReaderOptions
  let runner: ToolRunner

  static let language = "chi_sim"

  /// Whether tesseract (and its chi_sim data, and pdftoppm when rendering) are installed: a
  /// missing one is the file's typed error naming the Debian package.
  func checkInstalled(name: String, rasterising: Bool) throws(DocumentReadError) {
    if rasterising, runner.locate("pdftoppm") == nil {
      throw DocumentReadError(path: name, reason: .missingTool(tool: "pdftoppm", package: "poppler-utils"))
    }
    guard runner.locate("tesseract") != nil else {
      throw DocumentReadError(path: name, reason: .missingTool(tool: "tesseract", package: "tesseract-ocr"))
    }
    guard try languages(name: name).contains(Self.language) else {
      throw DocumentReadError(
        path: name, reason: .missingTool(tool: "tesseract chi_sim", package: "tesseract-ocr-chi-sim"))
    }
  }

  private static let knownLanguages = Mutex<[String: Set<String>]>([:])

  /// `tesseract --list-langs`, once per search path.
  private func languages(name: String) throws(DocumentReadError) -> Set<String> {
    if let known = Self.knownLanguages.withLock({ $0[runner.searchPath] }) { return known }
    let output: ToolRunner.Output
    do {
      output = try runner.run("tesseract", ["--list-langs"], timeout: 30, maximumOutputBytes: 1024 * 1024)
    } catch {
      throw error.readError(path: name, tool: "tesseract")
    }
    // Listed on standard output (older versions: standard error), after a heading line.
    let text = String(decoding: output.standardOutput + output.standardError, as: UTF8.self)
    let languages = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
    Self.knownLanguages.withLock { $0[runner.searchPath] = languages }
    return languages
  }

  /// Renders one page to `page-N.png` at `options.dpi`, less when the page is so large that the
  /// image would pass `options.maximumPixels` on its longer side.
  func rasterise(
    _ file: String, page: Int, size: (Double, Double)?, in workspace: Workspace, name: String
  ) throws(DocumentReadError) -> String {
    var dpi = options.dpi
    if let (width, height) = size, max(width, height) > 0 {
      let inches = max(width, height) / 72
      dpi = max(30, min(dpi, Int(Double(options.maximumPixels) / inches)))
    }
    let base = workspace.directory + "/page-\(page)"
    do {
      _ = try runner.run(
        "pdftoppm",
        ["-q", "-r", "\(dpi)", "-gray", "-png", "-singlefile", "-f", "\(page)", "-l", "\(page)", file, base],
        timeout: options.pageTimeout, maximumOutputBytes: 1024 * 1024)
    } catch {
      throw error.readError(path: name, tool: "pdftoppm")
    }
    return base + ".png"
  }

  /// Recognises an image file (every frame of a multi-page TIFF).
  func recognise(_ image: String, name: String, limits: ReadLimits, frames: Int = 1) throws(DocumentReadError)
    -> [TesseractTSV.Page]
  {
    let output: ToolRunner.Output
    do {
      // One thread: the machine's cores go to several documents at once, and tesseract's OpenMP
      // threads are slower than one on a busy machine.
      output = try runner.run(
        "tesseract", [image, "stdout", "-l", Self.language, "--psm", "3", "tsv"],
        timeout: options.pageTimeout * Double(frames), maximumOutputBytes: 8 * limits.maxTextBytes,
        environment: ["OMP_THREAD_LIMIT": "1"])
    } catch {
      throw error.readError(path: name, tool: "tesseract")
    }
    return TesseractTSV.parse(String(decoding: output.standardOutput, as: UTF8.self))
  }

  /// Pages read by OCR and their mean confidence, weighted by characters.
  static func summary(_ parts: [DocumentPart]) -> OCRSummary? {
    var pages = 0
    var weighted = 0.0
    var characters = 0
    for part in parts {
      guard let confidence = part.ocrConfidence else { continue }
      pages += 1
      let count = part.blocks.reduce(0) { sum, block in
        if case .paragraph(let paragraph) = block { return sum + paragraph.text.unicodeScalars.count }
        return sum
      }
      weighted += confidence * Double(count)
      characters += count
    }
    guard pages > 0 else { return nil }
    return OCRSummary(
      pages: pages, totalPages: parts.count,
      meanConfidence: characters > 0 ? weighted / Double(characters) : 0)
  }
}

/// Reads scanned pages saved as images (PNG, JPEG, TIFF) by OCR. Recognised by magic bytes.
package struct ImageReader: FormatReader {
  package let options: ExternalReaderOptions
  var runner = ToolRunner()

  package init(options: ExternalReaderOptions, runner: ToolRunner? = nil) {
    self.options = options
    if let runner { self.runner = runner }
  }

  package var formatName: String { "image" }
  package var blocks: Bool { true }

  package func recognizes(_ data: [UInt8], fileExtension: String) -> Bool {
    Self.imageType(data) != nil
  }

  static func imageType(_ data: [UInt8]) -> String? {
    if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "png" }
    if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
    if data.starts(with: [0x49, 0x49, 0x2A, 0x00]) || data.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
      return "tif"
    }
    return nil
  }

  package func read(_ data: [UInt8], name: String, limits: ReadLimits) throws(DocumentReadError)
    -> ExtractedDocument
  {
    guard options.ocr != .never else { throw DocumentReadError(path: name, reason: .noTextLayer) }
    if let (width, height) = Self.pngSize(data),
      width * height > options.maximumPixels * options.maximumPixels
    {
      throw DocumentReadError(path: name, reason: .tooLarge("image of \(width)×\(height) pixels"))
    }
    let engine = OCREngine(options: options, runner: runner)
    try engine.checkInstalled(name: name, rasterising: false)
    let workspace = try Workspace(path: name)
    defer { workspace.remove() }
    let file = try workspace.write(data, as: "input." + (Self.imageType(data) ?? "png"))
    let frames = Self.imageType(data) == "tif" ? min(10, options.maximumOCRPages) : 1
    let recognised = try engine.recognise(file, name: name, limits: limits, frames: frames)
    guard recognised.count <= options.maximumOCRPages else {
      throw DocumentReadError(
        path: name, reason: .tooLarge("\(recognised.count) pages, limit \(options.maximumOCRPages)"))
    }
    let parts = PageAssembler.parts(
      recognised.map {
        PageLines(number: $0.number, blocks: $0.paragraphs, ocrConfidence: $0.confidence ?? 0)
      })
    guard parts.contains(where: { !$0.blocks.isEmpty }) else {
      throw DocumentReadError(path: name, reason: .noText)
    }
    return ExtractedDocument(path: name, format: .image, parts: parts, ocr: OCREngine.summary(parts))
  }

  /// Width and height from a PNG's IHDR chunk.
  static func pngSize(_ data: [UInt8]) -> (Int, Int)? {
    guard data.count >= 24, imageType(data) == "png" else { return nil }
    let number = { (offset: Int) in data[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (number(16), number(20))
  }
}

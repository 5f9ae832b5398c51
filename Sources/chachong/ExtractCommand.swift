import ArgumentParser
import ChachongCore
import DocumentText
import Foundation
import Pipeline

extension ExtractionFormat: ExpressibleByArgument {}

struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Print what chachong reads from Word and text files.",
    discussion: """
      Reads .docx/.docm/.dotx, Word 97–2003 .doc and Kingsoft .wps, flat OPC and Word 2003 XML, \
      a bare document.xml, and .txt \
      (UTF-8, UTF-16 with BOM, GB18030) and prints the parts, sections, paragraphs, tables, \
      form fields, the detected encoding and any warnings.

      Unreadable files are reported on standard error and the others are still printed; \
      the exit code is then 2.

      Examples:
        chachong extract application.docx
        chachong extract --format json a.docx b.txt > extracted.json
      """
  )

  @OptionGroup var ocrOption: OCROption

  @Argument(help: "The files to read.")
  var files: [String]

  @Option(help: "Output format: text or json.")
  var format: ExtractionFormat = .text

  func run() throws {
    var read: [NamedBytes] = []
    var errors: [DocumentReadError] = []
    for path in files {
      do {
        read.append(try NamedBytes(contentsOf: path))
      } catch {
        errors.append(error)
      }
    }
    let result = ExtractionJob(reader: try CommandSupport.reader(ocr: ocrOption.ocr)).run(
      read, errors: errors, format: format)
    try Output.write(result.output)
    for error in result.errors {
      Output.error("error: \(error.description)")
    }
    if !result.errors.isEmpty { throw ExitCode(2) }
  }
}

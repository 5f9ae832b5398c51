import ChachongModel
import DocumentText
import Foundation

/// Extracted text, section spans and form-field metadata of one file.
struct ExtractedText {
  var text: String
  var sections: [(title: String, start: Int, end: Int)]
  /// Form fields (项目名称, 申报单位, …) found in the document.
  var formMetadata: InputMetadata
  var ocr: OCRSummary?
}

/// Reads a file with DocumentReader (format sniffed from the content) and lays it out.
enum FileTextExtractor {
  static func extract(bytes: [UInt8], path: String, reader: DocumentReader) throws(InputFailure)
    -> ExtractedText
  {
    let document: ExtractedDocument
    do {
      document = try reader.read(data: bytes, name: path)
    } catch {
      throw InputFailure(path: path, reason: error.explanation)
    }
    let layout = TextLayout(document)
    var formMetadata = InputMetadata()
    for field in document.formFields {
      formMetadata.set(name: field.name, value: field.value)
    }
    return ExtractedText(
      text: layout.text, sections: layout.sections.map { ($0.title, $0.start, $0.end) },
      formMetadata: formMetadata, ocr: document.ocr)
  }
}

import Foundation

/// Extracted text and section spans of one file.
struct ExtractedText {
  var text: String
  var sections: [(title: String, start: Int, end: Int)]
}

/// Reads a file's text. Plain UTF-8 text only until DocumentReader is merged.
enum FileTextExtractor {
  static func extract(bytes: [UInt8], path: String) throws(InputFailure) -> ExtractedText {
    var content = bytes[...]
    if content.starts(with: [0xEF, 0xBB, 0xBF]) {
      content = content.dropFirst(3)
    }
    guard let text = String(validating: content, as: UTF8.self) else {
      throw InputFailure(path: path, reason: "not UTF-8 text")
    }
    return ExtractedText(text: text, sections: PlainTextSections.detect(text))
  }
}

import Digest
import Foundation

/// Turns ``InputEntry`` values into ``InputDocument`` values, one at a time, so a batch of any
/// size streams. A bad file or record is handed over as a failure; reading goes on.
public struct InputReader: Sendable {
  public init() {}

  public func forEachDocument(
    in entries: [InputEntry], _ body: (Result<InputDocument, InputFailure>) throws -> Void
  ) throws {
    for entry in entries {
      switch entry {
      case .file(let path, let metadata):
        try body(readFile(path: path, metadata: metadata))
      case .records(let path, let defaults):
        do {
          try JSONLinesReader(path: path).forEachLine { line, number in
            let location = "\(path):\(number)"
            do {
              let record = try JSONLRecord.parse(line, location: location)
              let metadata = record.metadata.filling(from: defaults)
              try body(
                .success(
                  InputDocument(
                    id: record.id, path: location, text: record.text,
                    sections: PlainTextSections.detect(record.text),
                    sourceSHA256: SHA256.hexHash(record.text.utf8), metadata: metadata)))
            } catch let failure as InputFailure {
              try body(.failure(failure))
            }
          }
        } catch let failure as InputFailure {
          try body(.failure(failure))
        }
      }
    }
  }

  /// Reads one document file; the id is the manifest's, else the file name without extension.
  public func readFile(path: String, metadata: InputMetadata) -> Result<InputDocument, InputFailure> {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(InputFailure(path: path, reason: "cannot read file"))
    }
    let bytes = [UInt8](data)
    let extracted: ExtractedText
    do {
      extracted = try FileTextExtractor.extract(bytes: bytes, path: path)
    } catch {
      return .failure(error)
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    // Headings from Word styles when there are any, else heading-like lines.
    let sections =
      extracted.sections.count > 1 ? extracted.sections : PlainTextSections.detect(extracted.text)
    return .success(
      InputDocument(
        id: metadata.id ?? name, path: path, text: extracted.text, sections: sections,
        sourceSHA256: SHA256.hexHash(bytes), metadata: metadata.filling(from: extracted.formMetadata)))
  }
}

import Digest
import DocumentText
import Foundation

/// One unit of input: a document file to read, or one line of a `.jsonl` file to parse.
public enum InputItem: Sendable {
  case file(path: String, metadata: InputMetadata)
  case record(line: [UInt8], location: String, defaults: InputMetadata)
  /// A `.jsonl` file that could not be read at all.
  case failed(InputFailure)
}

/// Turns ``InputEntry`` values into ``InputDocument`` values, one at a time, so a batch of any
/// size streams. A bad file or record is handed over as a failure; reading goes on.
public struct InputReader: Sendable {
  public init() {}

  public func forEachDocument(
    in entries: [InputEntry], _ body: (Result<InputDocument, InputFailure>) throws -> Void
  ) throws {
    try forEachItem(in: entries) { item in try body(document(for: item)) }
  }

  /// The units of reading in input order, before any parsing: each can be turned into a document
  /// by ``document(for:)`` on any thread, so a caller can read many at once.
  public func forEachItem(in entries: [InputEntry], _ body: (InputItem) throws -> Void) throws {
    for entry in entries {
      switch entry {
      case .file(let path, let metadata):
        try body(.file(path: path, metadata: metadata))
      case .records(let path, let defaults):
        do {
          try JSONLinesReader(path: path).forEachLine(
            { line, number in
              try body(.record(line: Array(line), location: "\(path):\(number)", defaults: defaults))
            },
            overlong: { number, limit in
              try body(
                .failed(
                  InputFailure(path: "\(path):\(number)", reason: "line longer than \(limit) bytes; skipped"))
              )
            })
        } catch let failure as InputFailure {
          try body(.failed(failure))
        }
      }
    }
  }

  /// ``forEachItem(in:_:)`` in chunks of at most `itemLimit` items, a chunk also ending once its
  /// `.jsonl` lines reach `byteLimit` bytes: what a caller reads on several threads at a time.
  public func forEachChunk(
    in entries: [InputEntry], itemLimit: Int, byteLimit: Int = .max, _ body: ([InputItem]) throws -> Void
  ) throws {
    var chunk: [InputItem] = []
    var bytes = 0
    try forEachItem(in: entries) { item in
      chunk.append(item)
      if case .record(let line, _, _) = item { bytes += line.count }
      if chunk.count >= itemLimit || bytes >= byteLimit {
        try body(chunk)
        chunk.removeAll(keepingCapacity: true)
        bytes = 0
      }
    }
    if !chunk.isEmpty {
      try body(chunk)
    }
  }

  /// Reads, parses and checksums one item.
  public func document(for item: InputItem) -> Result<InputDocument, InputFailure> {
    switch item {
    case .file(let path, let metadata):
      return readFile(path: path, metadata: metadata)
    case .record(let line, let location, let defaults):
      do {
        let record = try JSONLRecord.parse(line[...], location: location)
        return .success(
          InputDocument(
            id: record.id, path: location, text: record.text,
            sections: PlainTextSections.detect(record.text),
            sourceSHA256: SHA256.hexHash(record.text.utf8), metadata: record.metadata.filling(from: defaults))
        )
      } catch {
        return .failure(error)
      }
    case .failed(let failure):
      return .failure(failure)
    }
  }

  /// Reads one document file; the id is the manifest's, else the file name without extension.
  public func readFile(path: String, metadata: InputMetadata) -> Result<InputDocument, InputFailure> {
    let bytes: [UInt8]
    do {
      // Size and file type checked before reading (a FIFO or a sparse 2 GiB file is an error).
      bytes = try InputFile.bytes(atPath: path)
    } catch {
      return .failure(InputFailure(path: path, reason: error.explanation))
    }
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

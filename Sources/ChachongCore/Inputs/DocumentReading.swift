import ArchiveStore
import ChachongModel
import Digest
import DocumentText
import Foundation

/// Turns input items into documents: reads, parses and checksums one item. Pure over the bytes
/// it is given; which formats it reads is the `reader`'s (the adapters add PDF and OCR readers).
public struct DocumentReading: Sendable {
  public let reader: DocumentReader

  public init(reader: DocumentReader = DocumentReader()) {
    self.reader = reader
  }

  public func document(for item: SourceItem) -> Result<InputDocument, InputFailure> {
    switch item {
    case .file(let file, let metadata):
      return document(file, metadata: metadata)
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

  /// One document file; the id is the manifest's, else the file name without extension.
  public func document(_ file: NamedBytes, metadata: InputMetadata) -> Result<InputDocument, InputFailure> {
    let extracted: ExtractedText
    do {
      extracted = try FileTextExtractor.extract(bytes: file.bytes, path: file.name, reader: reader)
    } catch {
      return .failure(error)
    }
    let name = URL(fileURLWithPath: file.name).deletingPathExtension().lastPathComponent
    // Headings from Word styles when there are any, else heading-like lines.
    let sections =
      extracted.sections.count > 1 ? extracted.sections : PlainTextSections.detect(extracted.text)
    return .success(
      InputDocument(
        id: metadata.id ?? name, path: file.name, text: extracted.text, sections: sections,
        sourceSHA256: SHA256.hexHash(file.bytes), metadata: metadata.filling(from: extracted.formMetadata),
        ocr: extracted.ocr))
  }

  /// ``document(for:)`` for async callers: when the reader runs a subprocess for the item (PDF,
  /// OCR), the read happens on a `BlockingPool` thread, never on the cooperative pool, and the
  /// subprocess is killed when the task is cancelled.
  public func documentOffPool(for item: SourceItem) async -> Result<InputDocument, InputFailure> {
    guard case .file(let file, _) = item, reader.blocks(file.bytes, name: file.name) else {
      return document(for: item)
    }
    let reading = self
    return await Self.offPool { reading.document(for: item) }
  }

  /// Runs a read that may wait on subprocesses on a `BlockingPool` thread; cancelling the task
  /// cancels the read (``ReadCancellation``), which kills the subprocess.
  package static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    let token = ReadCancellation()
    return await withTaskCancellationHandler {
      await BlockingPool.shared.run { ReadCancellation.$current.withValue(token) { body() } }
    } onCancel: {
      token.cancel()
    }
  }
}

import ArchiveStore
import Fingerprints
import Foundation

/// Reads and prepares a chunk of input items in several child tasks; the results come back in
/// input order.
struct ChunkPreparation: Sendable {
  enum Outcome: Sendable {
    case failed(InputFailure)
    case error(IndexError)
    case prepared(StorableDocument, path: String)
  }

  let store: any ArchiveWriting
  let reading: DocumentReading
  let workers: Int

  func prepare(_ items: [SourceItem]) async throws(CancellationError) -> [Outcome] {
    let store = self.store
    let reading = self.reading
    // One preparer (compression state) and fingerprinter per worker.
    return try await OrderedConcurrentMap.map(
      items, workers: workers,
      makeState: { (store.preparer(), Fingerprinter(parameters: store.parameters.fingerprint)) }
    ) { state, item in
      ChunkPreparation.outcome(
        of: await reading.documentOffPool(for: item), store: store, preparer: state.0,
        fingerprinter: state.1)
    }
  }

  static func outcome(
    of read: Result<InputDocument, InputFailure>, store: any ArchiveWriting, preparer: DocumentPreparer,
    fingerprinter: Fingerprinter
  ) -> Outcome {
    switch read {
    case .failure(let failure):
      return .failed(failure)
    case .success(let input):
      let record = DocumentRecordBuilder.record(for: input, store: store)
      let (fingerprint, sectionSignatures) = fingerprinter.fingerprint(input.text) { normalized in
        SectionSignatures.shingleRanges(
          of: normalized, sections: record.sections, parameters: store.parameters)
      }
      do {
        let document = try preparer.prepare(
          IndexedDocument(
            metadata: record, text: input.text, fingerprint: fingerprint, sectionSignatures: sectionSignatures
          ))
        return .prepared(document, path: input.path)
      } catch {
        return .error(error)
      }
    }
  }
}

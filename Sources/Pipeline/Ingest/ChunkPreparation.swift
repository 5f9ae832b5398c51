import Fingerprints
import Foundation
import IndexStore

/// Reads and prepares a chunk of input items on several threads; the results come back in input
/// order.
struct ChunkPreparation {
  /// Items per chunk, or `.jsonl` bytes: at least 16 items per thread to keep the threads busy,
  /// small enough to stream.
  var chunkItems: Int { max(64, 16 * threads) }
  var chunkBytes: Int { max(4 << 20, threads << 20) }

  enum Outcome: Sendable {
    case failed(InputFailure)
    case error(IndexError)
    case prepared(StorableDocument, path: String)
  }

  let index: DocumentIndex
  let threads: Int

  func prepare(_ items: [InputItem]) -> [Outcome] {
    let results = OutcomeSlots(count: items.count)
    let workers = max(1, min(threads, items.count))
    let index = self.index
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      // One preparer (compression state) and fingerprinter per thread.
      let preparer = index.preparer()
      let fingerprinter = Fingerprinter(parameters: index.parameters.fingerprint)
      var position = worker
      while position < items.count {
        results.set(
          position,
          ChunkPreparation.outcome(
            of: items[position], index: index, preparer: preparer, fingerprinter: fingerprinter))
        position += workers
      }
    }
    return results.outcomes()
  }

  static func outcome(
    of item: InputItem, index: DocumentIndex, preparer: DocumentPreparer, fingerprinter: Fingerprinter
  ) -> Outcome {
    switch InputReader().document(for: item) {
    case .failure(let failure):
      return .failed(failure)
    case .success(let input):
      let metadata = DocumentMetadataBuilder.metadata(for: input, index: index)
      let (fingerprint, sectionSignatures) = fingerprinter.fingerprint(input.text) { normalized in
        SectionSignatures.shingleRanges(
          of: normalized, sections: metadata.sections, parameters: index.parameters)
      }
      do {
        let document = try preparer.prepare(
          IndexedDocument(
            metadata: metadata, text: input.text, fingerprint: fingerprint,
            sectionSignatures: sectionSignatures))
        return .prepared(document, path: input.path)
      } catch {
        return .error(error)
      }
    }
  }
}

/// Result slots written by several threads, each slot by one.
private final class OutcomeSlots: @unchecked Sendable {
  private var slots: [ChunkPreparation.Outcome?]
  private let lock = NSLock()

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ outcome: ChunkPreparation.Outcome) {
    lock.lock()
    slots[index] = outcome
    lock.unlock()
  }

  func outcomes() -> [ChunkPreparation.Outcome] {
    lock.lock()
    defer { lock.unlock() }
    return slots.compactMap { $0 }
  }
}

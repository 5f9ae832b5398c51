import ArchiveStore
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
    let index = self.index
    // One preparer (compression state) and fingerprinter per thread.
    return OrderedParallelMap.map(
      items, threads: threads,
      makeState: { (index.preparer(), Fingerprinter(parameters: index.parameters.fingerprint)) }
    ) { state, item in
      ChunkPreparation.outcome(of: item, index: index, preparer: state.0, fingerprinter: state.1)
    }
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

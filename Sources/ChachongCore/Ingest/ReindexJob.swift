import ArchiveStore
import ChachongModel
import Fingerprints

/// `reindex`: every document of one store filed again in another, empty store, from the stored
/// record and text, under the target's parameters; the templates are copied too.
///
/// What it is for: an index keeps the parameters it was created with, so an archive ingested
/// before a new index stored winnowed passage fingerprints (window 0) finds neither a copied
/// paragraph nor a rewritten application. Reading it again from the source files needs the files,
/// the manifests and their metadata; the store already holds every record and text.
///
/// The records are copied as they are: ids, metadata, sections, the keyed and masked lead IDs.
/// The keyed IDs are hashes under the source's key, which cannot be recomputed (the ID numbers are
/// not stored), so the target must have the same key: a target with another key is a conflict,
/// as is a target that already holds documents. The fingerprints are computed from the stored
/// text, in which ID numbers are masked, so shingles over an ID number can differ from an ingest
/// of the original file (a few shingles of a document, never its evidence).
public struct ReindexJob: Sendable {
  public struct Summary: Sendable, Codable, Equatable {
    public var reindexed: Int
    public var templates: Int
    /// Ids whose record has no stored text (nothing to fingerprint); not copied.
    public var withoutText: [String]
  }

  public let source: any ArchiveReading
  public let target: any ArchiveWriting
  /// Documents read, fingerprinted and stored per step.
  public var batchSize: Int
  /// Child tasks that fingerprint and compress documents at once.
  public var workers: Int

  public init(source: any ArchiveReading, target: any ArchiveWriting, batchSize: Int = 256, workers: Int = 1)
  {
    self.source = source
    self.target = target
    self.batchSize = max(1, batchSize)
    self.workers = max(1, workers)
  }

  /// An ID number that only tells whether two stores hash ID numbers alike (GB 11643's example
  /// number, nobody's).
  static let keyProbe = "11010519491231002X"

  public func run(progress: ProgressHandler? = nil) async throws(ServiceError) -> Summary {
    guard source.leadIDKey(of: Self.keyProbe) == target.leadIDKey(of: Self.keyProbe) else {
      throw ServiceError(
        .conflict,
        "the target store hashes ID numbers under another key than the source: give it the source's key "
          + "(an index directory's \(LeadIDHashKey.fileName), or CHACHONG_ID_KEY_FILE)")
    }
    do {
      let existing = try await target.documentCount()
      guard existing == 0 else {
        throw ServiceError(
          .conflict, "the target store already holds \(existing) document(s); reindex into an empty one")
      }
      var summary = Summary(reindexed: 0, templates: 0, withoutText: [])
      for template in try await source.templates() {
        try await target.addTemplate(id: template.id, text: template.text)
        summary.templates += 1
      }
      let records = try await source.records(DocumentFilter()).sorted { $0.id < $1.id }
      let session = try await target.beginBulkLoad()
      let target = self.target
      do {
        var start = 0
        while start < records.count {
          try Task.checkCancellation()
          let chunk = Array(records[start..<min(records.count, start + batchSize)])
          start += chunk.count
          let texts = try await source.texts(ids: chunk.map(\.id))
          let items = chunk.compactMap { record in texts[record.id].map { (record, $0) } }
          summary.withoutText += chunk.filter { texts[$0.id] == nil }.map(\.id)
          let prepared = try await OrderedConcurrentMap.map(
            items, workers: workers,
            makeState: { (target.preparer(), Fingerprinter(parameters: target.parameters.fingerprint)) }
          ) { state, item -> Result<StorableDocument, IndexError> in
            let (record, text) = item
            let (fingerprint, sectionSignatures) = state.1.fingerprint(text) { normalized in
              SectionSignatures.shingleRanges(
                of: normalized, sections: record.sections, parameters: target.parameters)
            }
            do throws(IndexError) {
              return .success(
                try state.0.prepare(
                  IndexedDocument(
                    metadata: record, text: text, fingerprint: fingerprint,
                    sectionSignatures: sectionSignatures)))
            } catch {
              return .failure(error)
            }
          }
          try await session.add(try prepared.map { try $0.get() })
          summary.reindexed += prepared.count
          progress?(ProgressEvent(stage: .storing, done: start, total: records.count))
        }
        try await session.finish()
      } catch is CancellationError {
        // What was stored stays stored (a partial copy: the target is not empty, so a rerun is
        // refused until it is removed).
        try? await session.finish()
        throw ServiceError(.cancelled, "reindex cancelled after \(summary.reindexed) documents")
      }
      progress?(ProgressEvent(stage: .done, done: records.count, total: records.count))
      return summary
    } catch let error as ServiceError {
      throw error
    } catch let error as IndexError {
      throw .store(error)
    } catch {
      throw ServiceError(.storeFailure, "\(error)")
    }
  }
}

import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation

/// `ingest`: reads inputs, fingerprints them and stores them in batches, in input order, so the
/// store is the same for any number of workers.
public struct IngestJob: Sendable {
  public struct Options: Sendable {
    /// Documents per store call: a killed ingest loses at most this many.
    public var batchSize: Int
    /// A batch is also stored when its prepared documents hold this many bytes, so that large
    /// documents do not multiply the memory a batch takes.
    public var batchByteLimit = 64 << 20
    /// Child tasks that read, parse, fingerprint and compress documents at once.
    public var workers = 1
    /// Blank forms and call instructions to store: their text is never evidence in later
    /// checks and queries against this store.
    public var templates: [NamedBytes]

    public init(batchSize: Int = 1024, workers: Int = 1, templates: [NamedBytes] = []) {
      self.batchSize = batchSize
      self.workers = workers
      self.templates = templates
    }
  }

  public struct Summary: Sendable, Codable, Equatable {
    public var ingested: Int
    public var failures: [InputFailure]
    /// Ids of the templates stored (the file name without its folder).
    public var templates: [String] = []
  }

  public let store: any ArchiveWriting
  public let reading: DocumentReading
  public var options: Options

  public init(
    store: any ArchiveWriting, reading: DocumentReading = DocumentReading(), options: Options = Options()
  ) {
    self.store = store
    self.reading = reading
    self.options = options
  }

  /// Ingests every chunk of `inputs`; `failures` (from collecting them) are reported with the
  /// summary. Cancellation is honoured between chunks.
  public func run<Inputs: AsyncSequence & Sendable>(
    _ inputs: Inputs, failures: [InputFailure] = [], progress: ProgressHandler? = nil
  ) async throws(ServiceError) -> Summary where Inputs.Element == [SourceItem] {
    var summary = Summary(ingested: 0, failures: failures)
    for template in options.templates {
      switch CheckBatchLoader.readDocument(template, reading: reading) {
      case .failure(let reason):
        summary.failures.append(InputFailure(path: template.name, reason: "template: \(reason)"))
      case .success(let document):
        let id = (template.name as NSString).lastPathComponent
        do {
          try await store.addTemplate(id: id, text: document.text)
        } catch {
          throw .store(error)
        }
        summary.templates.append(id)
      }
    }
    let session: any BulkLoadSession
    do {
      session = try await store.beginBulkLoad()
    } catch {
      throw .store(error)
    }
    var batch: [StorableDocument] = []
    var batchBytes = 0
    var processed = 0
    // Two inputs with one id in one run (files of the same name in two folders, an id listed
    // twice): the first is stored, the second is an error naming both, never a silent overwrite.
    var firstPath: [String: String] = [:]
    let preparation = ChunkPreparation(store: store, reading: reading, workers: options.workers)
    do {
      for try await chunk in inputs {
        try Task.checkCancellation()
        for outcome in try await preparation.prepare(chunk) {
          processed += 1
          switch outcome {
          case .failed(let failure):
            summary.failures.append(failure)
          case .error(let error):
            throw ServiceError.store(error)
          case .prepared(let document, let path):
            if let earlier = firstPath[document.id] {
              summary.failures.append(
                InputFailure(
                  path: path,
                  reason: "id \(document.id) is already given by \(earlier) in this run; not stored"))
              continue
            }
            firstPath[document.id] = path
            batch.append(document)
            batchBytes += document.heldBytes
            if batch.count >= options.batchSize || batchBytes >= options.batchByteLimit {
              try await session.add(batch)
              summary.ingested += batch.count
              batch.removeAll(keepingCapacity: true)
              batchBytes = 0
            }
          }
        }
        progress?(ProgressEvent(stage: .storing, done: processed, total: nil))
      }
      if !batch.isEmpty {
        try await session.add(batch)
        summary.ingested += batch.count
      }
      try await session.finish()
    } catch let error as ServiceError {
      throw error
    } catch let error as IndexError {
      throw .store(error)
    } catch is CancellationError {
      // What was stored stays stored; the rest is not read.
      try? await session.finish()
      throw ServiceError(.cancelled, "ingest cancelled after \(summary.ingested) documents")
    } catch let failure as InputFailure {
      throw ServiceError(.badInput, failure.description, cause: failure)
    } catch {
      throw ServiceError(.badInput, "\(error)")
    }
    progress?(ProgressEvent(stage: .done, done: processed, total: processed))
    return summary
  }
}

/// Store metadata from an input: the lead's ID number is kept only as keyed hash and mask.
enum DocumentRecordBuilder {
  static func record(for input: InputDocument, store: any ArchiveReading) -> DocumentRecord {
    let meta = input.metadata
    return DocumentRecord(
      id: input.id, program: meta.program, year: meta.year, status: meta.status, title: meta.title,
      organisation: meta.organisation, creditCode: meta.creditCode, lead: meta.lead,
      leadIDKey: meta.leadID.map { store.leadIDKey(of: $0) },
      leadIDMasked: meta.leadID.map(IdentityKey.mask), sourcePath: input.path,
      sourceSHA256: input.sourceSHA256, characterCount: ScalarCount.of(input.text),
      sections: input.sections.map { TextSection(title: $0.title, start: $0.start, end: $0.end) },
      extra: meta.extra)
  }
}

import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import IndexStore

/// `chachong ingest`: reads inputs, fingerprints them and stores them in batches.
public struct IngestJob: Sendable {
  public struct Options: Sendable {
    public var indexDirectory: String
    /// Parameters for a new index; an existing index keeps its own (nil) or must match them.
    public var parameters: IndexParameters?
    /// Documents per transaction: a killed ingest loses at most this many.
    public var batchSize: Int
    /// A batch is also committed when its prepared documents hold this many bytes, so that
    /// large documents do not multiply the memory a batch takes.
    public var batchByteLimit = 64 << 20
    /// Bucket rows are written for this many committed documents at a time, and at the end
    /// (``DocumentIndex/upsert(prepared:deferringBuckets:)``): each write of rows at random keys
    /// rewrites most pages of the bucket tables, so writing them less often saves most of the
    /// cost of ingesting into a large index.
    public var bucketFlushDocuments = 8192
    /// Threads that read, parse, fingerprint and compress documents; storing stays on one, in
    /// input order, so the index is the same for any number.
    public var threads = 1
    /// Blank forms and call instructions to store in the index: their text is never evidence in
    /// later `check` and `query` runs against this index.
    public var templates: [String]

    public init(
      indexDirectory: String, parameters: IndexParameters? = nil, batchSize: Int = 1024,
      templates: [String] = []
    ) {
      self.indexDirectory = indexDirectory
      self.parameters = parameters
      self.batchSize = batchSize
      self.templates = templates
    }
  }

  public struct Summary: Sendable, Codable, Equatable {
    public var ingested: Int
    public var failures: [InputFailure]
    /// Ids of the templates stored (the file name without its folder).
    public var templates: [String] = []
  }

  public struct Progress: Sendable {
    public var processed: Int
    public var failed: Int
    public var current: String
  }

  public var options: Options

  public init(options: Options) {
    self.options = options
  }

  /// Ingests `entries`; `failures` (from collecting them) are reported with the summary.
  public func run(
    entries: [InputEntry], failures: [InputFailure] = [], progress: (Progress) -> Void = { _ in }
  ) throws(IndexError) -> Summary {
    let index: DocumentIndex
    if DocumentIndex.exists(directory: options.indexDirectory) {
      index = try DocumentIndex.open(directory: options.indexDirectory, creating: options.parameters)
    } else {
      index = try DocumentIndex.open(
        directory: options.indexDirectory, creating: options.parameters ?? .standard)
    }
    var summary = Summary(ingested: 0, failures: failures)
    for path in options.templates {
      switch CheckBatchLoader.readDocument(path) {
      case .failure(let reason):
        summary.failures.append(InputFailure(path: path, reason: "template: \(reason)"))
      case .success(let template):
        let id = (path as NSString).lastPathComponent
        try index.addTemplate(id: id, text: template.text)
        summary.templates.append(id)
      }
    }
    var batch: [StorableDocument] = []
    var batchBytes = 0
    var processed = 0
    var pending = 0
    func flush() throws(IndexError) {
      guard !batch.isEmpty else { return }
      try index.upsert(prepared: batch, deferringBuckets: true)
      summary.ingested += batch.count
      pending += batch.count
      batch.removeAll(keepingCapacity: true)
      batchBytes = 0
      if pending >= options.bucketFlushDocuments {
        try index.flushPendingBuckets()
        pending = 0
      }
    }
    let preparation = ChunkPreparation(index: index, threads: options.threads)
    func store(_ chunk: [InputItem]) throws(IndexError) {
      for outcome in preparation.prepare(chunk) {
        processed += 1
        switch outcome {
        case .failed(let failure):
          summary.failures.append(failure)
        case .error(let error):
          throw error
        case .prepared(let document, let path):
          batch.append(document)
          batchBytes += document.heldBytes
          if batch.count >= options.batchSize || batchBytes >= options.batchByteLimit {
            try flush()
          }
          progress(Progress(processed: processed, failed: summary.failures.count, current: path))
        }
      }
    }
    do {
      try InputReader().forEachChunk(
        in: entries, itemLimit: preparation.chunkItems, byteLimit: preparation.chunkBytes
      ) { chunk in try store(chunk) }
      try flush()
      try index.flushPendingBuckets()
    } catch let error as IndexError {
      throw error
    } catch {
      throw IndexError(path: options.indexDirectory, reason: .storage("\(error)"))
    }
    return summary
  }
}

/// Index metadata from an input: the lead's ID number is kept only as keyed hash and mask.
enum DocumentMetadataBuilder {
  static func metadata(for input: InputDocument, index: DocumentIndex) -> DocumentRecord {
    let meta = input.metadata
    return DocumentRecord(
      id: input.id, program: meta.program, year: meta.year, status: meta.status, title: meta.title,
      organisation: meta.organisation, creditCode: meta.creditCode, lead: meta.lead,
      leadIDKey: meta.leadID.map { index.leadIDKey(of: $0) },
      leadIDMasked: meta.leadID.map(IdentityKey.mask), sourcePath: input.path,
      sourceSHA256: input.sourceSHA256, characterCount: ScalarCount.of(input.text),
      sections: input.sections.map { TextSection(title: $0.title, start: $0.start, end: $0.end) },
      extra: meta.extra)
  }
}

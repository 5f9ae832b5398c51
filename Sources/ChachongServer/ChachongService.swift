import ArchiveStore
import ChachongCore
import ChachongModel
import Digest
import Foundation
import Integrity
import Reports
import Synchronization

/// The service facade: every operation the API routes and the web interface's pages need, over
/// the archive store, the durable job queue and the service-state store. Routes stay thin: they
/// parse HTTP, call one operation with the caller, and write its answer. Every operation checks
/// the caller's scope and writes the audit entries the issue asks for.
package final class ChachongService: Sendable {
  package let configuration: ServerConfiguration
  package let archive: any ArchiveWriting
  package let jobs: any JobQueue
  package let state: any ServiceStateStore
  package let reading: DocumentReading
  /// Where uploads are streamed before they are stored (deleted after).
  package let scratchDirectory: String
  /// Set when SIGTERM arrives: new work is refused with 503, workers stop claiming.
  let drainingFlag = Atomic<Bool>(false)
  let clock: @Sendable () -> Double
  /// One token bucket per key for the rate limit: it holds up to `rateLimitPerMinute` requests and
  /// refills at that rate. Fixed minute windows would let a client send twice the limit across a
  /// minute boundary and would make the answer depend on when in the minute it started.
  private let rateBuckets = Mutex([String: (tokens: Double, updated: Double)]())
  /// Runs before each job's work, inside its time limit and cancellation: tests make a job slow or
  /// failing with it without depending on the machine's speed. Nil in the service.
  let beforeJob: (@Sendable (JobRecord) async throws -> Void)?
  /// Synchronous queries and comparisons at once (``ServerConfiguration/queryConcurrency``).
  let queryGate: RequestGate
  /// Where the jobs' work runs, off the cooperative pool (``JobExecutor``).
  let jobExecutor: JobExecutor

  package convenience init(
    configuration: ServerConfiguration, archive: any ArchiveWriting, jobs: any JobQueue,
    state: any ServiceStateStore, reading: DocumentReading = DocumentReading(), scratchDirectory: String,
    clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.init(
      configuration: configuration, archive: archive, jobs: jobs, state: state, reading: reading,
      scratchDirectory: scratchDirectory, clock: clock, beforeJob: nil)
  }

  init(
    configuration: ServerConfiguration, archive: any ArchiveWriting, jobs: any JobQueue,
    state: any ServiceStateStore, reading: DocumentReading = DocumentReading(), scratchDirectory: String,
    clock: @escaping @Sendable () -> Double, beforeJob: (@Sendable (JobRecord) async throws -> Void)?
  ) {
    self.beforeJob = beforeJob
    self.jobExecutor = JobExecutor(threads: configuration.workerCount)
    self.queryGate = RequestGate(
      capacity: configuration.queryConcurrency, waitingLimit: 64 * max(1, configuration.queryConcurrency))
    self.configuration = configuration
    self.archive = archive
    self.jobs = jobs
    self.state = state
    self.reading = reading
    self.scratchDirectory = scratchDirectory
    self.clock = clock
    try? FileManager.default.createDirectory(atPath: scratchDirectory, withIntermediateDirectories: true)
  }

  package var isDraining: Bool { drainingFlag.load(ordering: .relaxed) }

  /// Stops accepting new work (SIGTERM).
  package func beginDraining() { drainingFlag.store(true, ordering: .relaxed) }

  // MARK: Store helpers

  func record(_ collection: String, _ id: String) async throws(APIError) -> StateRecord? {
    do {
      return try await state.record(collection: collection, id: id)
    } catch {
      throw APIError.from(error)
    }
  }

  func update(_ record: StateRecord, body: [UInt8]) async throws(APIError) -> StateRecord {
    do {
      return try await state.update(
        collection: record.collection, id: record.id, body: body, expectedVersion: record.version)
    } catch {
      throw APIError.from(error)
    }
  }

  /// Reads, changes and writes a record, retrying when another writer came first.
  func modify<T: Codable & Sendable>(
    _ collection: String, _ id: String, as type: T.Type, notFound: APIError,
    _ change: (inout T, StateRecord) async throws(APIError) -> Void
  ) async throws(APIError) -> (T, StateRecord) {
    for attempt in 0..<Self.modifyAttempts {
      guard let record = try await record(collection, id) else { throw notFound }
      var value = try StoredJSON.decode(type, record.body)
      try await change(&value, record)
      do {
        let updated = try await state.update(
          collection: collection, id: id, body: StoredJSON.encode(value), expectedVersion: record.version)
        return (value, updated)
      } catch let error where error.reason.isVersionMismatch {
        // Writers of one record (parallel uploads into one batch) that retried at once collided
        // again: eight clients uploading a batch's files got 409 after eight tries. A short
        // random pause, doubling up to 64 ms, spreads them out.
        let bound = 2 << min(attempt, 5)
        try? await Task.sleep(for: .milliseconds(Int.random(in: 1...bound)))
        continue
      } catch {
        throw APIError.from(error)
      }
    }
    throw APIError.conflict("记录正被频繁修改，请重试", "the record is being changed concurrently, retry")
  }

  /// Tries of a read-change-write before 409 (at most ≈ 1 s of pauses in all). A try fails only
  /// when another write of the record succeeded since its read, so up to this many concurrent
  /// writers of one record all succeed, however their tries interleave.
  static let modifyAttempts = 24

  /// Writes `data` to a scratch file and stores it as blob `id`.
  func storeBlob(id: String, data: Data) async throws(APIError) {
    let path = scratchPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      try data.write(to: URL(fileURLWithPath: path))
    } catch {
      throw APIError.internalError("cannot write a scratch file: \(error)")
    }
    do {
      _ = try await state.putBlob(id: id, fromFile: path)
    } catch {
      throw APIError.from(error)
    }
  }

  func blob(_ id: String) async throws(APIError) -> [UInt8]? {
    do {
      return try await state.blob(id: id)
    } catch {
      throw APIError.from(error)
    }
  }

  /// A fresh file name in the scratch directory.
  package func scratchPath() -> String {
    (scratchDirectory as NSString).appendingPathComponent("upload-\(UUID().uuidString)")
  }

  func job(_ id: String?) async throws(APIError) -> JobRecord? {
    guard let id else { return nil }
    do {
      return try await jobs.job(id: id)
    } catch {
      throw APIError.from(error)
    }
  }

  /// Queues a job unless the queue is full (429) or the service is draining (503).
  func enqueue(id: String, kind: String, payload: some Encodable) async throws(APIError) -> JobRecord {
    guard !isDraining else { throw APIError.draining }
    do {
      if let existing = try await jobs.job(id: id) { return existing }
      let queued = try await jobs.counts()[.queued] ?? 0
      guard queued < configuration.queueLimit else { throw APIError.queueFull }
      return try await jobs.enqueue(id: id, kind: kind, payload: StoredJSON.encode(payload))
    } catch let error as APIError {
      throw error
    } catch let error as JobQueueError {
      throw APIError.from(error)
    } catch {
      throw APIError.internalError("\(error)")
    }
  }

  /// The service's own secret (request hashes): made once, kept in the state store.
  func serviceSecret() async throws(APIError) -> [UInt8] {
    var random = SystemRandomNumberGenerator()
    let fresh = Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
    do {
      let (record, _) = try await state.create(
        collection: Collection.settings, id: "request-hash-key", owner: nil, body: Array(fresh.utf8))
      return record.body
    } catch {
      throw APIError.from(error)
    }
  }

  func now() -> Double { (clock() * 1000).rounded() / 1000 }

  /// Counts a request of `caller` against the per-key rate limit. A refused request says in
  /// `Retry-After` how many seconds until the next one is allowed.
  package func checkRateLimit(_ caller: Caller) throws(APIError) {
    let limit = Double(configuration.rateLimitPerMinute)
    guard limit > 0 else { return }
    let now = clock()
    let secondsToWait: Double? = rateBuckets.withLock { buckets in
      var bucket = buckets[caller.id] ?? (tokens: limit, updated: now)
      bucket.tokens = min(limit, bucket.tokens + max(0, now - bucket.updated) * limit / 60)
      bucket.updated = now
      defer { buckets[caller.id] = bucket }
      guard bucket.tokens >= 1 else { return (1 - bucket.tokens) * 60 / limit }
      bucket.tokens -= 1
      return nil
    }
    if let secondsToWait {
      var refusal = APIError.rateLimited
      refusal.retryAfter = max(1, Int(secondsToWait.rounded(.up)))
      throw refusal
    }
  }

  // MARK: Audit

  package func auditEntries(before: Int64?, limit: Int, caller: Caller) async throws(APIError) -> [AuditEntry]
  {
    try caller.require(.admin)
    do {
      return try await state.auditEntries(before: before, limit: max(1, min(limit, 1000)))
    } catch {
      throw APIError.from(error)
    }
  }

  /// Appends to the audit log (ID numbers in `target` and `detail` are masked).
  package func appendAudit(action: String, target: String, detail: String? = nil, caller: Caller)
    async throws(APIError)
  {
    let entry = AuditEntry(
      time: now(), actor: caller.id, action: action, target: IdentityKey.maskingIDNumbers(in: target),
      clientAddress: caller.clientAddress, detail: detail.map(IdentityKey.maskingIDNumbers(in:)))
    do {
      _ = try await state.appendAudit(entry)
    } catch {
      throw APIError.from(error)
    }
  }

  // MARK: Query and compare

  package func query(_ document: NamedBytes, caller: Caller) async throws(APIError) -> QueryReport {
    try caller.require(.audit)
    guard document.bytes.count <= configuration.maxQueryBytes else {
      throw APIError.tooLarge(limit: configuration.maxQueryBytes)
    }
    let job = QueryJob(store: archive, reading: reading, options: QueryJob.Options())
    let items = [[SourceItem.file(document, metadata: InputMetadata())]].async
    let report: QueryReport
    do {
      report = try await queryGate.run { try await job.run(items) }
    } catch let error as ServiceError {
      throw APIError.from(error)
    } catch let error as APIError {
      throw error
    } catch {
      throw APIError.internalError("\(error)")
    }
    if let failure = report.errors.first {
      throw APIError.unprocessable("无法读取文档：\(failure.reason)", "cannot read the document: \(failure.reason)")
    }
    try await appendAudit(
      action: "query", target: document.name,
      detail: "matches: " + (report.results.first?.matches.map(\.id).joined(separator: ",") ?? ""),
      caller: caller)
    return report
  }

  package func compare(_ first: NamedBytes, _ second: NamedBytes, caller: Caller) async throws(APIError)
    -> CompareReport
  {
    try caller.require(.audit)
    for file in [first, second] where file.bytes.count > configuration.maxQueryBytes {
      throw APIError.tooLarge(limit: configuration.maxQueryBytes)
    }
    let reading = self.reading
    let parameters = archive.parameters.fingerprint
    let outcome: Result<CompareReport, InputFailure>
    do {
      outcome = try await queryGate.run {
        var documents: [InputDocument] = []
        for file in [first, second] {
          switch await reading.documentOffPool(for: .file(file, metadata: InputMetadata())) {
          case .success(let document): documents.append(document)
          case .failure(let failure): return .failure(failure)
          }
        }
        return .success(CompareJob.compare(documents[0], documents[1], parameters: parameters))
      }
    } catch let error as APIError {
      throw error
    } catch {
      throw APIError.internalError("\(error)")
    }
    let report: CompareReport
    switch outcome {
    case .success(let compared): report = compared
    case .failure(let failure):
      throw APIError.unprocessable(
        "无法读取文档：\(failure.description)", "cannot read the document: \(failure.description)")
    }
    try await appendAudit(action: "compare", target: "\(first.name) | \(second.name)", caller: caller)
    return report
  }

  // MARK: Archive

  package func archivedDocument(id: String, caller: Caller) async throws(APIError) -> ArchivedDocument {
    try caller.require(.audit)
    let record: DocumentRecord?
    let texts: [String: String]
    do {
      record = try await archive.record(id: id)
      texts = try await archive.texts(ids: [id])
    } catch {
      throw APIError.from(ServiceError.store(error))
    }
    guard var record else { throw APIError.notFound("document", id) }
    record.leadIDKey = nil
    try await appendAudit(action: "text.read", target: id, caller: caller)
    return ArchivedDocument(
      id: id, record: record, text: IdentityKey.maskingIDNumbers(in: texts[id] ?? ""))
  }
}

extension StateStoreError.Reason {
  var isVersionMismatch: Bool {
    if case .versionMismatch = self { return true }
    return false
  }
}

/// One element, as an async sequence (a query of one document).
extension Array where Element: Sendable {
  var async: AsyncArraySequence<Element> { AsyncArraySequence(elements: self) }
}

struct AsyncArraySequence<Element: Sendable>: AsyncSequence, Sendable {
  let elements: [Element]

  struct AsyncIterator: AsyncIteratorProtocol {
    var index = 0
    let elements: [Element]
    mutating func next() async -> Element? {
      guard index < elements.count else { return nil }
      defer { index += 1 }
      return elements[index]
    }
  }

  func makeAsyncIterator() -> AsyncIterator { AsyncIterator(elements: elements) }
}

import ArchiveStore
import ChachongCore
import ChachongModel
import Foundation
import Integrity
import Reports

extension ChachongService {
  func view(batch record: StateRecord, _ stored: StoredBatch) async throws(APIError) -> Batch {
    let run = try await job(stored.runJob)
    let state: BatchState
    var message: String?
    var errorCode: BatchErrorCode?
    switch run?.state {
    case nil: state = .created
    case .queued: state = .queued
    case .running: state = .running
    case .succeeded: state = .complete
    case .failed:
      state = .error
      message = run?.error
      // A failure the run did not classify (an input missing from the store, …) is CHECK_FAILED.
      errorCode = stored.failure.flatMap { $0.job == stored.runJob ? $0.code : nil } ?? .checkFailed
    case .cancelled:
      state = .cancelled
      message = run?.error
    }
    return Batch(
      id: record.id, name: stored.name, state: state, errorCode: errorCode, message: message,
      applications: stored.applications,
      manifest: stored.manifest, registry: stored.registry, templates: stored.templates, call: stored.call,
      addToArchive: stored.addToArchive,
      progress: run.map {
        JobProgress(stage: $0.progressStage, done: $0.progressDone, total: $0.progressTotal)
      },
      attempts: run?.attempts ?? 0, createdAt: record.createdAt, updatedAt: record.updatedAt)
  }

  func storedBatch(_ id: String, caller: Caller) async throws(APIError) -> (StateRecord, StoredBatch) {
    try caller.require(.review)
    guard let record = try await record(Collection.batches, id) else { throw APIError.notFound("batch", id) }
    return (record, try StoredJSON.decode(StoredBatch.self, record.body))
  }

  package func createBatch(_ creation: BatchCreation, caller: Caller) async throws(APIError)
    -> (batch: Batch, created: Bool)
  {
    try caller.require(.review)
    guard !isDraining else { throw APIError.draining }
    let id = creation.id ?? "batch-\(UUID().uuidString.lowercased())"
    guard Self.validID(id) else {
      throw APIError.unprocessable(
        "id 只能包含字母、数字、.、_、-，最长 128 个字符", "id must be letters, digits, '.', '_', '-', at most 128")
    }
    if let name = creation.name, name.count > 500 {
      throw APIError.unprocessable("名称过长", "the name is longer than 500 characters")
    }
    let stored = StoredBatch(name: creation.name, addToArchive: creation.addToArchive ?? false)
    let result: (record: StateRecord, created: Bool)
    do {
      result = try await state.create(
        collection: Collection.batches, id: id, owner: caller.id, body: StoredJSON.encode(stored))
    } catch {
      throw APIError.from(error)
    }
    let existing = try StoredJSON.decode(StoredBatch.self, result.record.body)
    if !result.created, existing.name != stored.name || existing.addToArchive != stored.addToArchive {
      throw APIError.conflict("已存在相同 id 但内容不同的批次", "a batch with this id exists with a different body")
    }
    return (try await view(batch: result.record, existing), result.created)
  }

  /// A batch may change only before it runs (or after it finished, for a new run).
  func requireEditable(_ stored: StoredBatch) async throws(APIError) {
    if let run = try await job(stored.runJob), !run.state.isFinished {
      throw APIError.conflict("批次正在运行，不能修改", "the batch is running and cannot be changed")
    }
  }

  static func batchBlob(_ batch: String, role: String, name: String) -> String {
    "batch:\(batch):\(role):\(name)"
  }

  /// A file name a client may give: one path component, no control characters, at most 255 bytes.
  static func safeFileName(_ name: String) throws(APIError) -> String {
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty, trimmed.utf8.count <= 255, trimmed != ".", trimmed != "..",
      !trimmed.contains("/"), !trimmed.contains("\\"),
      !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
      !trimmed.hasPrefix(".")
    else {
      let shown = IdentityKey.maskingIDNumbers(in: name)
      throw APIError.unprocessable("文件名无效：\(shown)", "invalid file name: \(shown)")
    }
    return trimmed
  }

  /// Adds an application file, or every application of one `.zip` (bounded in entries and size,
  /// no names outside the batch).
  package func addBatchFile(batchID: String, name: String, fromFile path: String, caller: Caller)
    async throws(APIError) -> Batch
  {
    guard !isDraining else { throw APIError.draining }
    let fileName = try Self.safeFileName(name)
    let (_, current) = try await storedBatch(batchID, caller: caller)
    try await requireEditable(current)
    var added: [BatchFile] = []
    if fileName.lowercased().hasSuffix(".zip") {
      let unpackDirectory = scratchPath()
      defer { try? FileManager.default.removeItem(atPath: unpackDirectory) }
      let entries = try await ZipUnpacking.unpack(
        zip: path, into: unpackDirectory, maxEntries: configuration.maxZipEntries,
        maxTotalBytes: configuration.maxZipUnpackedBytes)
      for entry in entries {
        added.append(
          try await storeBatchFile(batchID, role: "application", name: entry.name, path: entry.path))
      }
    } else {
      added.append(try await storeBatchFile(batchID, role: "application", name: fileName, path: path))
    }
    let (stored, record) = try await modify(
      Collection.batches, batchID, as: StoredBatch.self, notFound: .notFound("batch", batchID)
    ) { batch, _ in
      for file in added {
        batch.applications.removeAll { $0.name == file.name }
        batch.applications.append(file)
      }
      batch.applications.sort { $0.name < $1.name }
    }
    return try await view(batch: record, stored)
  }

  func storeBatchFile(_ batchID: String, role: String, name: String, path: String) async throws(APIError)
    -> BatchFile
  {
    let sha256 = try Self.fileSHA256(path)
    let size: Int
    do {
      size = try await state.putBlob(id: Self.batchBlob(batchID, role: role, name: name), fromFile: path)
    } catch {
      throw APIError.from(error)
    }
    return BatchFile(name: name, size: size, sha256: sha256)
  }

  /// Sets the manifest, registry or call, or adds a template.
  package func setBatchInput(
    batchID: String, role: BatchInputRole, name: String, fromFile path: String, caller: Caller
  ) async throws(APIError) -> Batch {
    guard !isDraining else { throw APIError.draining }
    let fileName = try Self.safeFileName(name)
    let (_, current) = try await storedBatch(batchID, caller: caller)
    try await requireEditable(current)
    let file = try await storeBatchFile(batchID, role: role.rawValue, name: fileName, path: path)
    let (stored, record) = try await modify(
      Collection.batches, batchID, as: StoredBatch.self, notFound: .notFound("batch", batchID)
    ) { batch, _ in
      switch role {
      case .manifest: batch.manifest = file
      case .registry: batch.registry = file
      case .call: batch.call = file
      case .template:
        batch.templates.removeAll { $0.name == file.name }
        batch.templates.append(file)
      }
    }
    return try await view(batch: record, stored)
  }

  package func runBatch(id: String, caller: Caller) async throws(APIError) -> Batch {
    guard !isDraining else { throw APIError.draining }
    let (_, current) = try await storedBatch(id, caller: caller)
    if let run = try await job(current.runJob), !run.state.isFinished {
      return try await batch(id: id, caller: caller)
    }
    guard !current.applications.isEmpty || current.manifest != nil else {
      throw APIError.unprocessable("批次中没有申报书", "the batch has no applications")
    }
    let run = current.runs + 1
    let jobID = "batch:\(id):\(run)"
    // The run is recorded before its job is queued: a worker may claim the job at once, and it
    // takes a job its batch does not name for a stale one. If the queue refuses the job, the
    // batch names its previous run again.
    let (stored, record) = try await modify(
      Collection.batches, id, as: StoredBatch.self, notFound: .notFound("batch", id)
    ) { batch, _ in
      batch.runs = max(batch.runs, run)
      batch.runJob = jobID
      batch.cancelled = false
    }
    do {
      _ = try await enqueue(
        id: jobID, kind: JobKind.batchCheck, payload: BatchCheckPayload(batch: id, run: run))
    } catch {
      _ = try? await modify(Collection.batches, id, as: StoredBatch.self, notFound: .notFound("batch", id)) {
        batch, _ in
        if batch.runJob == jobID { batch.runJob = current.runJob }
      }
      throw error
    }
    try await appendAudit(action: "batch.run", target: id, caller: caller)
    return try await view(batch: record, stored)
  }

  package func cancelBatch(id: String, caller: Caller) async throws(APIError) -> Batch {
    let (_, current) = try await storedBatch(id, caller: caller)
    guard let jobID = current.runJob else {
      throw APIError.conflict("批次尚未运行", "the batch has not been run")
    }
    do {
      _ = try await jobs.cancel(id: jobID, reason: "cancelled by \(caller.id)")
    } catch {
      throw APIError.from(error)
    }
    try await appendAudit(action: "batch.cancel", target: id, caller: caller)
    return try await batch(id: id, caller: caller)
  }

  package func batch(id: String, caller: Caller) async throws(APIError) -> Batch {
    let (record, stored) = try await storedBatch(id, caller: caller)
    return try await view(batch: record, stored)
  }

  package func batches(caller: Caller, limit: Int) async throws(APIError) -> [Batch] {
    try caller.require(.review)
    let records: [StateRecord]
    do {
      records = try await state.records(
        collection: Collection.batches, owner: nil, after: nil, limit: max(1, min(limit, 1000)))
    } catch {
      throw APIError.from(error)
    }
    var result: [Batch] = []
    for record in records {
      result.append(try await view(batch: record, try StoredJSON.decode(StoredBatch.self, record.body)))
    }
    return result
  }

  package func batchReport(id: String, format: ReportFormat, language: ReportLanguage, caller: Caller)
    async throws(APIError) -> ReportReading
  {
    let (_, stored) = try await storedBatch(id, caller: caller)
    guard let jobID = stored.runJob, let run = try await job(jobID) else {
      throw APIError.conflict("批次尚未运行", "the batch has not been run")
    }
    switch run.state {
    case .queued, .running:
      return .pending(
        state: run.state.rawValue,
        progress: JobProgress(stage: run.progressStage, done: run.progressDone, total: run.progressTotal))
    case .failed, .cancelled:
      throw APIError.unprocessable(
        "批次查重未完成：\(run.error ?? "")", "the batch check did not finish: \(run.error ?? "")")
    case .succeeded:
      break
    }
    let tag: ReportLanguageTag = language == .en ? .en : .zh
    guard
      let bytes = try await blob(Self.reportBlob(job: jobID, format: format, language: tag, part: "batch"))
    else {
      throw APIError.internalError("the report of \(jobID) is missing")
    }
    try await appendAudit(
      action: "report.read", target: "batch:\(id)", detail: format.rawValue, caller: caller)
    return .ready(body: Data(bytes), contentType: format.contentType)
  }

  /// The typed report of a finished batch (nil while it is not finished).
  package func batchCheckReport(id: String, caller: Caller) async throws(APIError) -> CheckReport? {
    let (_, stored) = try await storedBatch(id, caller: caller)
    guard let jobID = stored.runJob, let run = try await job(jobID), run.state == .succeeded else {
      return nil
    }
    guard let bytes = try await blob(Self.reportBlob(job: jobID, format: .json, language: .zh, part: "batch"))
    else {
      return nil
    }
    try await appendAudit(action: "report.read", target: "batch:\(id)", detail: "model", caller: caller)
    do {
      return try CheckReport.decode(Data(bytes))
    } catch {
      throw APIError.internalError("the stored report cannot be read: \(error)")
    }
  }
}

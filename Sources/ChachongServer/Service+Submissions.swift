import ArchiveStore
import ChachongCore
import ChachongModel
import Digest
import Foundation

extension ChachongService {
  /// An id a client may choose: letters, digits, `.`, `_`, `-`, at most 128, starting with a
  /// letter or digit.
  static func validID(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 128 else { return false }
    func plain(_ scalar: Unicode.Scalar) -> Bool {
      scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))
    }
    // An id that holds an ID number would carry it into every answer, log line and audit entry.
    return plain(first) && id.unicodeScalars.allSatisfy { plain($0) || $0 == "." || $0 == "_" || $0 == "-" }
      && IdentityKey.maskingIDNumbers(in: id) == id
  }

  func view(_ record: StateRecord, _ stored: StoredSubmission) async throws(APIError) -> Submission {
    let checkJob = try await job(stored.checkJob)
    let extractJob = try await job(stored.extractJob)
    return Submission(
      id: record.id, state: stored.state, errorCode: stored.errorCode, message: stored.message,
      metadata: stored.metadata, fileName: stored.fileName, fileSize: stored.fileSize,
      characters: stored.characters,
      check: checkJob?.state, attempts: max(extractJob?.attempts ?? 0, checkJob?.attempts ?? 0),
      createdAt: record.createdAt, updatedAt: record.updatedAt)
  }

  /// The submission when `caller` may see it: its creator, or a reviewer.
  func ownedSubmission(_ id: String, caller: Caller) async throws(APIError) -> (StateRecord, StoredSubmission)
  {
    try caller.require(.submit)
    guard let record = try await record(Collection.submissions, id) else {
      throw APIError.notFound("submission", id)
    }
    guard record.owner == caller.id || caller.has(.review) else { throw APIError.notFound("submission", id) }
    return (record, try StoredJSON.decode(StoredSubmission.self, record.body))
  }

  /// Creates a submission from the metadata the platform sends (its `id` is required: the
  /// client's, so a retried request finds the same submission); the same id with the same
  /// metadata again returns it with `created == false`, with other metadata it is 409.
  package func createSubmission(_ sent: InputMetadata, caller: Caller) async throws(APIError)
    -> (submission: Submission, created: Bool)
  {
    try caller.require(.submit)
    guard !isDraining else { throw APIError.draining }
    guard let id = sent.id else { throw APIError.badRequest("缺少 id", "id is required") }
    // The API has no free-form fields: manifest columns beyond the named ones are not taken.
    var metadata = sent
    metadata.extra = [:]
    guard Self.validID(id) else {
      throw APIError.unprocessable(
        "id 只能包含字母、数字、.、_、-，最长 128 个字符", "id must be letters, digits, '.', '_', '-', at most 128")
    }
    let requestHash = HMACSHA256.hexAuthenticationCode(
      key: try await serviceSecret(), message: StoredJSON.encode(metadata))
    var masked = metadata
    masked.leadID = metadata.leadID.map(IdentityKey.maskingIDNumbers(in:))
    let stored = StoredSubmission(metadata: masked, requestHash: requestHash, state: .created)
    let result: (record: StateRecord, created: Bool)
    do {
      result = try await state.create(
        collection: Collection.submissions, id: id, owner: caller.id, body: StoredJSON.encode(stored)
      )
    } catch {
      throw APIError.from(error)
    }
    let existing = try StoredJSON.decode(StoredSubmission.self, result.record.body)
    if !result.created {
      guard existing.requestHash == requestHash, result.record.owner == caller.id else {
        throw APIError.conflict(
          "已存在相同 id 但内容不同的申报", "a submission with this id exists with a different body")
      }
    }
    return (try await view(result.record, existing), result.created)
  }

  package func submission(id: String, caller: Caller) async throws(APIError) -> Submission {
    let (record, stored) = try await ownedSubmission(id, caller: caller)
    return try await view(record, stored)
  }

  package func submissions(caller: Caller, limit: Int) async throws(APIError) -> [Submission] {
    try caller.require(.submit)
    let records: [StateRecord]
    do {
      records = try await state.records(
        collection: Collection.submissions, owner: caller.has(.review) ? nil : caller.id, after: nil,
        limit: max(1, min(limit, 1000)))
    } catch {
      throw APIError.from(error)
    }
    var result: [Submission] = []
    for record in records {
      result.append(try await view(record, try StoredJSON.decode(StoredSubmission.self, record.body)))
    }
    return result
  }

  /// Stores the file at `path` (an upload streamed to disk) as the submission's file and queues
  /// the reading of its text. The blob and the record are written before the answer, so an
  /// acknowledged upload survives a kill; the job id comes from the file's hash, so a retried
  /// upload of the same file queues nothing new.
  package func uploadSubmissionFile(id: String, fileName: String, fromFile path: String, caller: Caller)
    async throws(APIError) -> Submission
  {
    guard !isDraining else { throw APIError.draining }
    let (record, stored) = try await ownedSubmission(id, caller: caller)
    if let checkJob = try await job(stored.checkJob), !checkJob.state.isFinished {
      throw APIError.conflict("查重进行中，不能更换文件", "a check is running; the file cannot be replaced")
    }
    let sha256 = try Self.fileSHA256(path)
    let size: Int
    do {
      size = try await state.putBlob(id: Self.submissionBlob(id), fromFile: path)
    } catch {
      throw APIError.from(error)
    }
    let jobID = "extract:\(id):\(sha256.prefix(32))"
    // Recorded before queued, as a batch's run (`runBatch`). If the queue refuses the job the
    // client gets 429 and uploads again; the same file gives the same job id, so the retry queues
    // it without resetting the submission twice.
    let (updated, updatedRecord) = try await modify(
      Collection.submissions, id, as: StoredSubmission.self, notFound: .notFound("submission", id)
    ) { submission, _ in
      if submission.extractJob != jobID {
        submission.state = .processing
        submission.errorCode = nil
        submission.message = nil
        submission.characters = nil
        submission.checkJob = nil
      }
      submission.fileName = IdentityKey.maskingIDNumbers(in: fileName)
      submission.fileSize = size
      submission.fileSHA256 = sha256
      submission.extractJob = jobID
    }
    _ = try await enqueue(
      id: jobID, kind: JobKind.extract, payload: ExtractPayload(submission: id, sha256: sha256))
    _ = record
    return try await view(updatedRecord, updated)
  }

  static func submissionBlob(_ id: String) -> String { "submission:\(id):file" }

  static func fileSHA256(_ path: String) throws(APIError) -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw APIError.internalError("cannot read the uploaded file")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    do {
      while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        hasher.update([UInt8](chunk))
      }
    } catch {
      throw APIError.internalError("cannot read the uploaded file: \(error)")
    }
    return Hex.encode(hasher.finalize())
  }

  package func requestSubmissionCheck(id: String, options: SubmissionCheckOptions, caller: Caller)
    async throws(APIError) -> Submission
  {
    guard !isDraining else { throw APIError.draining }
    let (_, stored) = try await ownedSubmission(id, caller: caller)
    guard stored.fileSHA256 != nil else {
      throw APIError.conflict("尚未上传文件", "no file has been uploaded")
    }
    if stored.state == .error {
      throw APIError.unprocessable(
        "文件无法查重：\(stored.errorCode?.rawValue ?? "")",
        "the file cannot be checked: \(stored.errorCode?.rawValue ?? "")")
    }
    if let callID = options.call {
      guard try await record(Collection.batches, callID) != nil else {
        throw APIError.notFound("call configuration (batch)", callID)
      }
    }
    if let checkJob = try await job(stored.checkJob), !checkJob.state.isFinished,
      stored.checkOptions == options
    {
      return try await submission(id: id, caller: caller)
    }
    let run = stored.checkRuns + 1
    let jobID = "check:\(id):\(run)"
    // Recorded before queued, as a batch's run (`runBatch`).
    let (updated, record) = try await modify(
      Collection.submissions, id, as: StoredSubmission.self, notFound: .notFound("submission", id)
    ) { submission, _ in
      submission.checkRuns = max(submission.checkRuns, run)
      submission.checkJob = jobID
      submission.checkOptions = options
    }
    do {
      _ = try await enqueue(
        id: jobID, kind: JobKind.submissionCheck, payload: SubmissionCheckPayload(submission: id, run: run))
    } catch {
      _ = try? await modify(
        Collection.submissions, id, as: StoredSubmission.self, notFound: .notFound("submission", id)
      ) { submission, _ in
        guard submission.checkJob == jobID else { return }
        submission.checkJob = stored.checkJob
        submission.checkOptions = stored.checkOptions
      }
      throw error
    }
    return try await view(record, updated)
  }

  /// The application's report (its entry of `check`'s report), or pending.
  package func submissionReport(id: String, format: ReportFormat, caller: Caller) async throws(APIError)
    -> ReportReading
  {
    let (_, stored) = try await ownedSubmission(id, caller: caller)
    guard let jobID = stored.checkJob, let checkJob = try await job(jobID) else {
      throw APIError.conflict("尚未请求查重", "no check has been requested")
    }
    switch checkJob.state {
    case .queued, .running:
      return .pending(
        state: checkJob.state.rawValue,
        progress: JobProgress(
          stage: checkJob.progressStage, done: checkJob.progressDone, total: checkJob.progressTotal))
    case .failed, .cancelled:
      throw APIError.unprocessable(
        "查重失败：\(checkJob.error ?? "")", "the check failed: \(checkJob.error ?? "")")
    case .succeeded:
      break
    }
    let blobID = Self.reportBlob(job: jobID, format: format, language: .zh, part: "application")
    guard let bytes = try await blob(blobID) else {
      throw APIError.internalError("the report of \(jobID) is missing")
    }
    try await appendAudit(
      action: "report.read", target: "submission:\(id)", detail: format.rawValue, caller: caller)
    return .ready(body: Data(bytes), contentType: format.contentType)
  }

  static func reportBlob(job: String, format: ReportFormat, language: ReportLanguageTag, part: String)
    -> String
  {
    switch format {
    case .text: "report:\(job):\(part):text.\(language.rawValue)"
    default: "report:\(job):\(part):\(format.rawValue)"
    }
  }

  package func deleteSubmission(id: String, caller: Caller) async throws(APIError) {
    try caller.require(.admin)
    guard let record = try await record(Collection.submissions, id) else {
      throw APIError.notFound("submission", id)
    }
    let stored = try StoredJSON.decode(StoredSubmission.self, record.body)
    do {
      for jobID in [stored.extractJob, stored.checkJob].compactMap({ $0 }) {
        _ = try? await jobs.cancel(id: jobID, reason: "submission deleted")
        for format in ReportFormat.allCases {
          for language in ReportLanguageTag.allCases {
            _ = try await state.deleteBlob(
              id: Self.reportBlob(job: jobID, format: format, language: language, part: "application"))
          }
        }
      }
      _ = try await state.deleteBlob(id: Self.submissionBlob(id))
      _ = try await state.delete(collection: Collection.submissions, id: id)
    } catch {
      throw APIError.from(error)
    }
    try await appendAudit(action: "submission.delete", target: id, caller: caller)
  }
}

/// The report languages blobs are stored in.
enum ReportLanguageTag: String, CaseIterable, Sendable {
  case zh
  case en
}

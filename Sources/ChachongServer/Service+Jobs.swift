import ArchiveStore
import ChachongCore
import ChachongModel
import DocumentText
import Foundation
import Integrity
import Pipeline
import Reports

extension ChachongService {
  /// Texts shorter than this are `TOO_LITTLE_TEXT`: nothing to compare, not an alarm.
  static let minimumCharacters = 50

  /// Reads the submission's text; the result is its state COMPLETE or ERROR with a code.
  func performExtraction(_ job: JobRecord) async throws -> [UInt8] {
    let payload = try StoredJSON.decode(ExtractPayload.self, job.payload)
    guard let submissionRecord = try await record(Collection.submissions, payload.submission) else {
      return []
    }
    let stored = try StoredJSON.decode(StoredSubmission.self, submissionRecord.body)
    // A newer upload superseded this job: nothing to write.
    guard stored.extractJob == job.id else { return [] }
    guard let bytes = try await blob(Self.submissionBlob(payload.submission)) else {
      throw APIError.internalError("the uploaded file of \(payload.submission) is missing")
    }
    let name = stored.fileName ?? "upload"
    var code: SubmissionErrorCode?
    var message: String?
    var characters: Int?
    let reader = reading.reader
    let outcome = await BlockingPool.shared.run { () -> Result<Int, DocumentReadError> in
      do throws(DocumentReadError) {
        return .success(TextLayout(try reader.read(data: bytes, name: name)).text.count)
      } catch {
        return .failure(error)
      }
    }
    switch outcome {
    case .success(let count):
      characters = count
      if count < Self.minimumCharacters {
        code = .tooLittleText
        message = "the file holds \(count) characters of text, fewer than \(Self.minimumCharacters)"
      }
    case .failure(let error):
      code = Self.errorCode(error.reason)
      message = error.description
    }
    _ = try await modify(
      Collection.submissions, payload.submission, as: StoredSubmission.self,
      notFound: .notFound("submission", payload.submission)
    ) { submission, _ in
      guard submission.extractJob == job.id else { return }
      submission.state = code == nil ? .complete : .error
      submission.errorCode = code
      submission.message = message.map(IdentityKey.maskingIDNumbers(in:))
      submission.characters = characters
    }
    return StoredJSON.encode(["state": code == nil ? "COMPLETE" : "ERROR"])
  }

  /// The fixed error codes from the readers' typed errors.
  static func errorCode(_ reason: DocumentReadError.Reason) -> SubmissionErrorCode {
    switch reason {
    case .unknownFormat, .legacyDoc, .word6, .worksWordProcessor: .unsupportedFiletype
    case .encryptedWord, .obfuscatedWord: .encryptedFile
    case .notAZip, .corruptZip, .missingMainPart, .malformedXML, .entityExpansion, .zipBomb,
      .corruptCompoundFile,
      .corruptWordBinary, .malformedTable:
      .corruptFile
    // Every case named, so that a new reason is a compile error here and not a silent default.
    case .fileNotFound, .unreadable, .undecodableText, .missingTool, .noTextLayer, .toolFailed, .cancelled:
      .cannotExtractText
    case .tooLarge: .fileTooLarge
    case .noText: .tooLittleText
    }
  }

  /// A folder of the job's inputs under the scratch directory, laid out as `check` reads them.
  /// One per attempt: an attempt that lost its lease and is still winding down must not delete
  /// (or overwrite) the inputs of the attempt that took the job over.
  func workFolder(_ job: JobRecord) -> String {
    let safe = job.id.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
    return (scratchDirectory as NSString).appendingPathComponent("job-\(String(safe))-a\(job.attempts)")
  }

  func writeBlob(_ blobID: String, to path: String) async throws {
    guard let bytes = try await blob(blobID) else {
      throw APIError.internalError("a stored input is missing (\(blobID))")
    }
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  /// Checks one submission: its file with a one-row manifest made of its metadata (so the report's
  /// application has the submission's id), against the archive, with the call, registry and
  /// templates of the batch `options.call` names.
  func performSubmissionCheck(_ job: JobRecord, progress: @escaping ProgressHandler) async throws -> [UInt8] {
    let payload = try StoredJSON.decode(SubmissionCheckPayload.self, job.payload)
    func read() async throws -> StoredSubmission {
      guard let submissionRecord = try await record(Collection.submissions, payload.submission) else {
        throw APIError.notFound("submission", payload.submission)
      }
      return try StoredJSON.decode(StoredSubmission.self, submissionRecord.body)
    }
    let stored = try await read()
    // The run is recorded before its job is queued (`requestSubmissionCheck`): a job the
    // submission does not name was superseded by a newer run.
    guard stored.checkJob == job.id else { return [] }
    let options = stored.checkOptions ?? SubmissionCheckOptions()
    let folder = workFolder(job)
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let fileName = (try? Self.safeFileName(stored.fileName ?? "")) ?? "application.docx"
    try await writeBlob(Self.submissionBlob(payload.submission), to: "\(folder)/applications/\(fileName)")
    let metadata = stored.metadata
    let columns: [(String, String?)] = [
      ("网上申报编号", payload.submission), ("文件", "applications/\(fileName)"), ("项目名称", metadata.title),
      ("申报单位", metadata.organisation), ("统一社会信用代码", metadata.creditCode), ("项目负责人", metadata.lead),
      ("计划类别", metadata.program), ("年度", metadata.year.map(String.init)), ("状态", metadata.status),
    ]
    let csv =
      columns.map { Self.csvField($0.0) }.joined(separator: ",") + "\n"
      + columns.map { Self.csvField($0.1 ?? "") }.joined(separator: ",") + "\n"
    try Data(csv.utf8).write(to: URL(fileURLWithPath: "\(folder)/manifest.csv"))
    var paths = CheckFiles.Paths(applications: ["\(folder)/applications"], manifest: "\(folder)/manifest.csv")
    if let callBatch = options.call, let batchRecord = try await record(Collection.batches, callBatch) {
      let batch = try StoredJSON.decode(StoredBatch.self, batchRecord.body)
      try await addCallInputs(batch, batchID: callBatch, folder: folder, to: &paths)
    }
    let result = try await runCheck(paths, add: options.addToArchive, progress: progress)
    let application = result.report.applications.first { $0.id == payload.submission }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let json: Data
    if let application {
      json = Data(
        IdentityKey.maskingIDNumbers(in: String(decoding: try encoder.encode(application), as: UTF8.self))
          .utf8)
    } else {
      let reason = result.report.errors.map(\.message).joined(separator: "; ")
      throw APIError.unprocessable("申报书无法查重：\(reason)", "the application could not be checked: \(reason)")
    }
    try await storeReports(result, job: job.id, part: "application", json: json)
    return StoredJSON.encode(["application": payload.submission])
  }

  static func csvField(_ value: String) -> String {
    "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The call configuration, registry and templates of a batch, written into `folder`.
  func addCallInputs(_ batch: StoredBatch, batchID: String, folder: String, to paths: inout CheckFiles.Paths)
    async throws
  {
    if let call = batch.call {
      let path = "\(folder)/inputs/call-\(call.name)"
      try await writeBlob(Self.batchBlob(batchID, role: "call", name: call.name), to: path)
      paths.call = path
    }
    if let registry = batch.registry {
      let path = "\(folder)/inputs/registry-\(registry.name)"
      try await writeBlob(Self.batchBlob(batchID, role: "registry", name: registry.name), to: path)
      paths.registry = path
    }
    for template in batch.templates {
      let path = "\(folder)/inputs/templates/\(template.name)"
      try await writeBlob(Self.batchBlob(batchID, role: "template", name: template.name), to: path)
      paths.templates.append(path)
    }
  }

  /// `check` on the files `paths` names: the same request the command line builds.
  func runCheck(_ paths: CheckFiles.Paths, add: Bool, progress: @escaping ProgressHandler) async throws
    -> CheckResult
  {
    let options = CheckOptions(
      format: .json, failOn: .error, language: .zh, add: add, commonShare: nil,
      // One core is left to the rest of the service: the check's work runs on the cooperative
      // pool, and with every thread busy the job's heartbeat (and the web's progress polls)
      // could not run for longer than the lease on a loaded machine (the job was taken over).
      workers: max(1, min(8, ProcessInfo.processInfo.activeProcessorCount - 1)),
      storeDescription: archive.location,
      // Every format is rendered from this one run: the stored HTML report (and the web's
      // evidence pages cut from it) shows the texts side by side.
      evidenceTexts: true)
    let request = try CheckFiles.request(paths, options: options)
    let job = CheckJob(archive: archive, writer: add ? archive : nil, reading: reading)
    do {
      return try await job.run(request, progress: progress)
    } catch {
      throw APIError.from(error)
    }
  }

  /// The report in every format the API serves, stored under the job's id.
  func storeReports(_ result: CheckResult, job: String, part: String, json: Data) async throws {
    try await storeBlob(id: Self.reportBlob(job: job, format: .json, language: .zh, part: part), data: json)
    try await storeBlob(
      id: Self.reportBlob(job: job, format: .html, language: .zh, part: part),
      data: try result.rendered(.html, language: .zh))
    try await storeBlob(
      id: Self.reportBlob(job: job, format: .text, language: .zh, part: part),
      data: try result.rendered(.text, language: .zh))
    try await storeBlob(
      id: Self.reportBlob(job: job, format: .text, language: .en, part: part),
      data: try result.rendered(.text, language: .en))
  }

  func storedBatchForRun(_ payload: BatchCheckPayload) async throws -> StoredBatch {
    guard let batchRecord = try await record(Collection.batches, payload.batch) else {
      throw APIError.notFound("batch", payload.batch)
    }
    return try StoredJSON.decode(StoredBatch.self, batchRecord.body)
  }

  /// A batch's check: its uploads written out as `check` reads a folder (applications under
  /// `applications/`, the manifest beside that folder, so its rows `applications/NAME` resolve).
  func performBatchCheck(_ job: JobRecord, progress: @escaping ProgressHandler) async throws -> [UInt8] {
    let payload = try StoredJSON.decode(BatchCheckPayload.self, job.payload)
    let batch = try await storedBatchForRun(payload)
    // `runBatch` records the run before it queues the job: a job the batch does not name was
    // superseded by a newer run (or cancelled and run again).
    guard batch.runJob == job.id else { return [] }
    do {
      return try await runBatchCheck(batch, payload: payload, job: job, progress: progress)
    } catch {
      // An interrupted job (time limit, drain, lost lease) is classified where it is interrupted.
      if !Task.isCancelled {
        await recordBatchFailure(payload.batch, job: job.id, code: Self.batchErrorCode(error))
      }
      throw error
    }
  }

  func runBatchCheck(
    _ batch: StoredBatch, payload: BatchCheckPayload, job: JobRecord, progress: @escaping ProgressHandler
  ) async throws -> [UInt8] {
    let folder = workFolder(job)
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(
      atPath: "\(folder)/applications", withIntermediateDirectories: true)
    for file in batch.applications {
      try await writeBlob(
        Self.batchBlob(payload.batch, role: "application", name: file.name),
        to: "\(folder)/applications/\(file.name)")
    }
    var paths = CheckFiles.Paths(applications: ["\(folder)/applications"])
    if let manifest = batch.manifest {
      let path = "\(folder)/\(manifest.name)"
      try await writeBlob(Self.batchBlob(payload.batch, role: "manifest", name: manifest.name), to: path)
      paths.manifest = path
    }
    try await addCallInputs(batch, batchID: payload.batch, folder: folder, to: &paths)
    let result = try await runCheck(paths, add: batch.addToArchive, progress: progress)
    if result.report.applications.isEmpty, !result.report.errors.isEmpty {
      throw Self.noReadableApplication(result.report.errors)
    }
    try await storeReports(
      result, job: job.id, part: "batch", json: try result.rendered(.json, language: .zh))
    return StoredJSON.encode(["applications": "\(result.report.applications.count)"])
  }

  static let noReadableApplicationCode = "no_readable_application"

  /// A batch none of whose applications could be read fails (ERROR, NO_READABLE_APPLICATION)
  /// instead of completing with an empty report; the message names the first files and reasons.
  static func noReadableApplication(_ errors: [InputErrorInfo]) -> APIError {
    let shown = errors.prefix(3).map { "\(($0.path as NSString).lastPathComponent): \($0.message)" }
    let more = errors.count > 3 ? "; … (\(errors.count) in all)" : ""
    return APIError(
      .unprocessableContent, code: noReadableApplicationCode,
      zh: "批次中没有可读取的申报书：\(shown.joined(separator: "; "))\(more)",
      en: "no application of the batch could be read: \(shown.joined(separator: "; "))\(more)")
  }

  /// The fixed code of a batch run's error.
  static func batchErrorCode(_ error: any Error) -> BatchErrorCode {
    // `CheckFiles.request` throws the core's error as it is; `runCheck` wraps the check's.
    if let error = error as? ServiceError {
      switch error.kind {
      case .badInput: return .invalidInput
      case .storeFailure: return .storeFailure
      default: return .checkFailed
      }
    }
    guard let error = error as? APIError else { return .checkFailed }
    switch error.code {
    case noReadableApplicationCode: return .noReadableApplication
    // `APIError.from(ServiceError)`: the request's inputs (manifest, registry, call, templates).
    case "bad_input": return .invalidInput
    case "store_failure": return .storeFailure
    default: return .checkFailed
    }
  }

  /// Keeps why the batch's run `job` failed (nothing when a newer run superseded it).
  func recordBatchFailure(_ batchID: String, job: String, code: BatchErrorCode) async {
    _ = try? await modify(
      Collection.batches, batchID, as: StoredBatch.self, notFound: .notFound("batch", batchID)
    ) { batch, _ in
      guard batch.runJob == job else { return }
      batch.failure = StoredBatchFailure(job: job, code: code)
    }
  }

  /// After a job's end: the webhooks' events.
  func jobFinished(_ job: JobRecord, succeeded: Bool, error: String?, timedOut: Bool = false) async {
    switch job.kind {
    case JobKind.extract:
      guard let payload = try? StoredJSON.decode(ExtractPayload.self, job.payload) else { return }
      if !succeeded {
        // The job itself failed (not the file): the submission says so.
        _ = try? await modify(
          Collection.submissions, payload.submission, as: StoredSubmission.self,
          notFound: .notFound("submission", payload.submission)
        ) { submission, _ in
          guard submission.extractJob == job.id else { return }
          submission.state = .error
          submission.errorCode = timedOut ? .timedOut : .cannotExtractText
          submission.message = error
        }
      }
      let state = try? await submission(id: payload.submission, caller: .system)
      let event: WebhookEvent = state?.state == .complete ? .submissionComplete : .submissionError
      await emit(
        event, jobID: job.id,
        body: [
          "submission": .string(payload.submission), "state": .string(state?.state.rawValue ?? "ERROR"),
          "errorCode": .string(state?.errorCode?.rawValue ?? ""),
        ])
    case JobKind.submissionCheck:
      guard let payload = try? StoredJSON.decode(SubmissionCheckPayload.self, job.payload) else { return }
      await emit(
        .checkComplete, jobID: job.id,
        body: [
          "submission": .string(payload.submission), "succeeded": .bool(succeeded),
          "error": .string(error ?? ""),
        ])
    case JobKind.batchCheck:
      guard let payload = try? StoredJSON.decode(BatchCheckPayload.self, job.payload) else { return }
      if timedOut { await recordBatchFailure(payload.batch, job: job.id, code: .timedOut) }
      let code = succeeded ? nil : (try? await batch(id: payload.batch, caller: .system))?.errorCode
      await emit(
        .batchComplete, jobID: job.id,
        body: [
          "batch": .string(payload.batch), "succeeded": .bool(succeeded), "error": .string(error ?? ""),
          "errorCode": .string(code?.rawValue ?? ""),
        ])
    default:
      break
    }
  }
}

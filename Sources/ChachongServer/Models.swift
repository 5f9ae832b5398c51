import ArchiveStore
import ChachongCore
import ChachongModel
import Foundation

/// Where a submission is (issue 15's fixed list).
public enum SubmissionState: String, Sendable, Codable, CaseIterable {
  case created = "CREATED"
  case processing = "PROCESSING"
  case complete = "COMPLETE"
  case error = "ERROR"
}

/// Why a submission's file could not be used: the fixed list the platform maps to messages.
public enum SubmissionErrorCode: String, Sendable, Codable, CaseIterable {
  case unsupportedFiletype = "UNSUPPORTED_FILETYPE"
  case corruptFile = "CORRUPT_FILE"
  case encryptedFile = "ENCRYPTED_FILE"
  case cannotExtractText = "CANNOT_EXTRACT_TEXT"
  case tooLittleText = "TOO_LITTLE_TEXT"
  case fileTooLarge = "FILE_TOO_LARGE"
  case checkFailed = "CHECK_FAILED"
  case timedOut = "TIMED_OUT"
}

/// A submission as the API answers it.
public struct Submission: Sendable, Codable, Equatable {
  public var id: String
  public var state: SubmissionState
  public var errorCode: SubmissionErrorCode?
  public var message: String?
  /// As the client sent it (``InputMetadata``, the metadata every input comes with), its lead's
  /// ID number masked.
  public var metadata: InputMetadata
  public var fileName: String?
  public var fileSize: Int?
  public var characters: Int?
  /// The check: nil until requested; then `queued`, `running`, `succeeded`, `failed`, `cancelled`.
  public var check: JobState?
  /// How many times its background work started (more than one after a restart).
  public var attempts: Int
  public var createdAt: Double
  public var updatedAt: Double
}

/// Options of `POST /v1/submissions/{id}/check`.
public struct SubmissionCheckOptions: Sendable, Codable, Equatable {
  /// A call configuration stored under `PUT`… nil: the built-in call.
  public var call: String?
  /// Add the application to the archive after the check.
  public var addToArchive: Bool

  public init(call: String? = nil, addToArchive: Bool = false) {
    self.call = call
    self.addToArchive = addToArchive
  }
}

/// A batch's state.
public enum BatchState: String, Sendable, Codable, CaseIterable {
  case created = "CREATED"
  case queued = "QUEUED"
  case running = "RUNNING"
  case complete = "COMPLETE"
  case error = "ERROR"
  case cancelled = "CANCELLED"
}

/// Why a batch's run failed (state ERROR): the fixed list, like a submission's codes.
public enum BatchErrorCode: String, Sendable, Codable, CaseIterable {
  /// The manifest, registry, call configuration or a template cannot be used (the message
  /// names which and why).
  case invalidInput = "INVALID_INPUT"
  /// Not one application could be read (the message gives the first files' reasons).
  case noReadableApplication = "NO_READABLE_APPLICATION"
  /// The archive or the service's store could not be read or written: a retry may succeed.
  case storeFailure = "STORE_FAILURE"
  case checkFailed = "CHECK_FAILED"
  case timedOut = "TIMED_OUT"
}

/// The input files of a batch besides its applications.
public enum BatchInputRole: String, Sendable, Codable, CaseIterable {
  case manifest
  case registry
  case template
  case call
}

/// One stored file of a batch.
public struct BatchFile: Sendable, Codable, Equatable {
  public var name: String
  public var size: Int
  public var sha256: String
}

/// Progress of a running job: stage (reading, searching, rules, evidence, done), done of total.
public struct JobProgress: Sendable, Codable, Equatable {
  public var stage: String?
  public var done: Int
  public var total: Int?
}

/// A batch (one call's check) as the API answers it.
public struct Batch: Sendable, Codable, Equatable {
  public var id: String
  public var name: String?
  public var state: BatchState
  /// Set when `state` is ERROR.
  public var errorCode: BatchErrorCode?
  public var message: String?
  public var applications: [BatchFile]
  public var manifest: BatchFile?
  public var registry: BatchFile?
  public var templates: [BatchFile]
  public var call: BatchFile?
  public var addToArchive: Bool
  public var progress: JobProgress?
  public var attempts: Int
  public var createdAt: Double
  public var updatedAt: Double
}

/// `POST /v1/batches`.
public struct BatchCreation: Sendable, Codable, Equatable {
  /// The client's id (idempotent creation); nil: the service picks one.
  public var id: String?
  public var name: String?
  public var addToArchive: Bool?

  public init(id: String? = nil, name: String? = nil, addToArchive: Bool? = nil) {
    self.id = id
    self.name = name
    self.addToArchive = addToArchive
  }
}

/// A report read: not ready yet (the job's state says why), or the bytes in the asked format.
public enum ReportReading: Sendable {
  case pending(state: String, progress: JobProgress?)
  case ready(body: Data, contentType: String)
}

/// Report formats the API serves.
public enum ReportFormat: String, Sendable, CaseIterable {
  case json
  case html
  case text

  var contentType: String {
    switch self {
    case .json: "application/json; charset=utf-8"
    case .html: "text/html; charset=utf-8"
    case .text: "text/plain; charset=utf-8"
    }
  }
}

/// An API key as listed (never its secret).
public struct APIKeyInfo: Sendable, Codable, Equatable {
  public var id: String
  public var name: String
  public var scopes: [Scope]
  public var createdAt: Double
  public var revokedAt: Double?
}

/// An archived document: its record (the lead's ID number only masked; the keyed hash left out)
/// and its text (ID numbers masked).
public struct ArchivedDocument: Sendable, Codable, Equatable {
  public var id: String
  public var record: DocumentRecord
  public var text: String
}

/// A registered webhook (its secret never answered).
public struct Webhook: Sendable, Codable, Equatable {
  public var id: String
  public var url: String
  public var events: [String]
  public var createdAt: Double
}

/// One delivery of an event to a webhook.
public struct WebhookDelivery: Sendable, Codable, Equatable {
  public var id: String
  public var webhook: String
  public var event: String
  public var state: String
  public var attempts: Int
  public var lastStatus: Int?
  public var lastError: String?
  public var createdAt: Double
  public var updatedAt: Double
}

/// The webhook events.
public enum WebhookEvent: String, Sendable, Codable, CaseIterable {
  case submissionComplete = "submission.complete"
  case submissionError = "submission.error"
  case checkComplete = "check.complete"
  case batchComplete = "batch.complete"
}

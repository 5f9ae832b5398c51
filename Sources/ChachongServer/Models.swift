import ArchiveStore
import ChachongCore
import ChachongModel
import Foundation

/// Where a submission is (issue 15's fixed list).
package enum SubmissionState: String, Sendable, Codable, CaseIterable {
  case created = "CREATED"
  case processing = "PROCESSING"
  case complete = "COMPLETE"
  case error = "ERROR"
}

/// Why a submission's file could not be used: the fixed list the platform maps to messages.
package enum SubmissionErrorCode: String, Sendable, Codable, CaseIterable {
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
package struct Submission: Sendable, Codable, Equatable {
  package var id: String
  package var state: SubmissionState
  package var errorCode: SubmissionErrorCode?
  package var message: String?
  /// As the client sent it (``InputMetadata``, the metadata every input comes with), its lead's
  /// ID number masked.
  package var metadata: InputMetadata
  package var fileName: String?
  package var fileSize: Int?
  package var characters: Int?
  /// The check: nil until requested; then `queued`, `running`, `succeeded`, `failed`, `cancelled`.
  package var check: JobState?
  /// How many times its background work started (more than one after a restart).
  package var attempts: Int
  package var createdAt: Double
  package var updatedAt: Double
}

/// Options of `POST /v1/submissions/{id}/check`.
package struct SubmissionCheckOptions: Sendable, Codable, Equatable {
  /// A call configuration stored under `PUT`… nil: the built-in call.
  package var call: String?
  /// Add the application to the archive after the check.
  package var addToArchive: Bool

  package init(call: String? = nil, addToArchive: Bool = false) {
    self.call = call
    self.addToArchive = addToArchive
  }
}

/// A batch's state.
package enum BatchState: String, Sendable, Codable, CaseIterable {
  case created = "CREATED"
  case queued = "QUEUED"
  case running = "RUNNING"
  case complete = "COMPLETE"
  case error = "ERROR"
  case cancelled = "CANCELLED"
}

/// Why a batch's run failed (state ERROR): the fixed list, like a submission's codes.
package enum BatchErrorCode: String, Sendable, Codable, CaseIterable {
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
package enum BatchInputRole: String, Sendable, Codable, CaseIterable {
  case manifest
  case registry
  case template
  case call
}

/// One stored file of a batch.
package struct BatchFile: Sendable, Codable, Equatable {
  package var name: String
  package var size: Int
  package var sha256: String
}

/// Progress of a running job: stage (reading, searching, rules, evidence, done), done of total.
package struct JobProgress: Sendable, Codable, Equatable {
  package var stage: String?
  package var done: Int
  package var total: Int?
}

/// A batch (one call's check) as the API answers it.
package struct Batch: Sendable, Codable, Equatable {
  package var id: String
  package var name: String?
  package var state: BatchState
  /// Set when `state` is ERROR.
  package var errorCode: BatchErrorCode?
  package var message: String?
  package var applications: [BatchFile]
  package var manifest: BatchFile?
  package var registry: BatchFile?
  package var templates: [BatchFile]
  package var call: BatchFile?
  package var addToArchive: Bool
  package var progress: JobProgress?
  package var attempts: Int
  package var createdAt: Double
  package var updatedAt: Double
}

/// `POST /v1/batches`.
package struct BatchCreation: Sendable, Codable, Equatable {
  /// The client's id (idempotent creation); nil: the service picks one.
  package var id: String?
  package var name: String?
  package var addToArchive: Bool?

  package init(id: String? = nil, name: String? = nil, addToArchive: Bool? = nil) {
    self.id = id
    self.name = name
    self.addToArchive = addToArchive
  }
}

/// A report read: not ready yet (the job's state says why), or the bytes in the asked format.
package enum ReportReading: Sendable {
  case pending(state: String, progress: JobProgress?)
  case ready(body: Data, contentType: String)
}

/// Report formats the API serves.
package enum ReportFormat: String, Sendable, CaseIterable {
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
package struct APIKeyInfo: Sendable, Codable, Equatable {
  package var id: String
  package var name: String
  package var scopes: [Scope]
  package var createdAt: Double
  package var revokedAt: Double?
}

/// An archived document: its record (the lead's ID number only masked; the keyed hash left out)
/// and its text (ID numbers masked).
package struct ArchivedDocument: Sendable, Codable, Equatable {
  package var id: String
  package var record: DocumentRecord
  package var text: String
}

/// A registered webhook (its secret never answered).
package struct Webhook: Sendable, Codable, Equatable {
  package var id: String
  package var url: String
  package var events: [String]
  package var createdAt: Double
}

/// One delivery of an event to a webhook.
package struct WebhookDelivery: Sendable, Codable, Equatable {
  package var id: String
  package var webhook: String
  package var event: String
  package var state: String
  package var attempts: Int
  package var lastStatus: Int?
  package var lastError: String?
  package var createdAt: Double
  package var updatedAt: Double
}

/// The webhook events.
package enum WebhookEvent: String, Sendable, Codable, CaseIterable {
  case submissionComplete = "submission.complete"
  case submissionError = "submission.error"
  case checkComplete = "check.complete"
  case batchComplete = "batch.complete"
}

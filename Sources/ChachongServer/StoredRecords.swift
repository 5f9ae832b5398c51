import ArchiveStore
import ChachongCore
import Foundation

/// Collections of the service-state store the service files its records under.
enum Collection {
  static let submissions = "submissions"
  static let batches = "batches"
  static let keys = "api-keys"
  static let webhooks = "webhooks"
  static let deliveries = "webhook-deliveries"
  static let settings = "settings"
}

/// Job kinds of the durable queue.
enum JobKind {
  static let extract = "submission.extract"
  static let submissionCheck = "submission.check"
  static let batchCheck = "batch.check"
  static let webhook = "webhook.deliver"
  static let all = [extract, submissionCheck, batchCheck, webhook]
}

/// A submission as stored: the API's view plus what the service needs to go on.
struct StoredSubmission: Codable, Sendable {
  var metadata: InputMetadata
  /// HMAC of the creation body (with the ID number as sent), to tell a retry from another body
  /// without keeping the ID number.
  var requestHash: String
  var state: SubmissionState
  var errorCode: SubmissionErrorCode?
  var message: String?
  var fileName: String?
  var fileSize: Int?
  var fileSHA256: String?
  var characters: Int?
  var extractJob: String?
  var checkJob: String?
  var checkOptions: SubmissionCheckOptions?
  var checkRuns: Int = 0
}

/// A batch as stored.
struct StoredBatch: Codable, Sendable {
  var name: String?
  var addToArchive: Bool
  var applications: [BatchFile] = []
  var manifest: BatchFile?
  var registry: BatchFile?
  var templates: [BatchFile] = []
  var call: BatchFile?
  var runJob: String?
  var runs: Int = 0
  var cancelled = false
  /// Why a run failed, kept with the run's job id: shown only while that run is the batch's
  /// latest and its job failed.
  var failure: StoredBatchFailure?
}

struct StoredBatchFailure: Codable, Sendable {
  var job: String
  var code: BatchErrorCode
}

/// An API key as stored, filed under the SHA-256 of its secret.
struct StoredKey: Codable, Sendable {
  var keyID: String
  var name: String
  var scopes: [Scope]
  var createdAt: Double
  var revokedAt: Double?
}

struct StoredWebhook: Codable, Sendable {
  var url: String
  var events: [String]
  var secret: String
}

struct StoredDelivery: Codable, Sendable {
  var webhook: String
  var event: String
  var body: String
  var state: String
  var attempts: Int
  var lastStatus: Int?
  var lastError: String?
  var job: String
  var resends: Int = 0
}

/// Job payloads (JSON in the queue).
struct ExtractPayload: Codable, Sendable {
  var submission: String
  var sha256: String
}

struct SubmissionCheckPayload: Codable, Sendable {
  var submission: String
  var run: Int
}

struct BatchCheckPayload: Codable, Sendable {
  var batch: String
  var run: Int
}

struct WebhookPayload: Codable, Sendable {
  var delivery: String
  var resend: Int
}

/// Deterministic JSON of stored bodies.
enum StoredJSON {
  static func encode<T: Encodable>(_ value: T) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding plain records of strings and numbers cannot fail; an empty object if it did.
    return (try? Array(encoder.encode(value))) ?? Array("{}".utf8)
  }

  static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws(APIError) -> T {
    do {
      return try JSONDecoder().decode(type, from: Data(bytes))
    } catch {
      throw APIError.internalError("a stored record cannot be read: \(error)")
    }
  }
}

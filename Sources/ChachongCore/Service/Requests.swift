import ArchiveStore

/// A file handed to the core: its bytes and the name it is known by (the path as the user gave
/// it on the command line, an upload's file name). The core never opens files itself.
public struct NamedBytes: Sendable {
  public var name: String
  public var bytes: [UInt8]

  public init(name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
  }
}

/// One unit of input of `ingest` and `query`: a document file's bytes, or one line of a `.jsonl`
/// file, or an input that could not even be read (it is reported, the batch goes on).
public enum SourceItem: Sendable {
  case file(NamedBytes, metadata: InputMetadata)
  case record(line: [UInt8], location: String, defaults: InputMetadata)
  case failed(InputFailure)

  /// The bytes this item holds, for bounding chunks of input by memory.
  public var heldBytes: Int {
    switch self {
    case .file(let file, _): file.bytes.count
    case .record(let line, _, _): line.count
    case .failed: 0
    }
  }
}

/// Where a long job is: shown by the CLI on a terminal, by the service as a job's progress.
public struct ProgressEvent: Sendable, Equatable {
  public enum Stage: String, Sendable, Codable, CaseIterable {
    /// Reading and parsing documents.
    case reading
    /// Fingerprinting and storing (ingest).
    case storing
    /// Searching the archive and the batch for similar documents (check).
    case searching
    /// Applying the call's rules (check).
    case rules
    /// Aligning passages and measuring copy ratios (check).
    case evidence
    case done
  }

  public var stage: Stage
  public var done: Int
  /// nil when the total is not known in advance (a stream of `.jsonl` records).
  public var total: Int?

  public init(stage: Stage, done: Int, total: Int?) {
    self.stage = stage
    self.done = done
    self.total = total
  }
}

/// Receives progress events; called from any task, never on the caller's thread only.
public typealias ProgressHandler = @Sendable (ProgressEvent) -> Void

/// Why a job of the core failed as a whole (a bad document is not this: it is listed in the
/// job's result and the job goes on). Adapters map the kind to an exit code or an HTTP status.
public struct ServiceError: Error, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable {
    /// The request itself is unusable: a call configuration, manifest or registry that cannot
    /// be read, an option out of range.
    case badInput
    /// What the request names does not exist (no store, no such document).
    case notFound
    /// The request contradicts what is stored (another body under the same id).
    case conflict
    /// The store could not be read or written.
    case storeFailure
    /// The job was cancelled.
    case cancelled
  }

  public var kind: Kind
  public var message: String
  /// The error this one was made from, kept for logs and for callers that look deeper.
  public var cause: (any Error & Sendable)?

  public init(_ kind: Kind, _ message: String, cause: (any Error & Sendable)? = nil) {
    self.kind = kind
    self.message = message
    self.cause = cause
  }

  public var description: String { message }

  /// A store error, with the store's own message (which names the store).
  package static func store(_ error: IndexError) -> ServiceError {
    switch error.reason {
    case .notFound: ServiceError(.notFound, error.description, cause: error)
    default: ServiceError(.storeFailure, error.description, cause: error)
    }
  }
}

/// Why the index could not be opened, read or written. The description names the index path.
public struct IndexError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Reason: Sendable, Equatable {
    /// The directory holds no index (and creating one was not asked for).
    case notFound
    /// Built with other parameters; both are given as JSON.
    case parametersMismatch(stored: String, requested: String)
    /// Written by a newer chachong.
    case newerSchema(found: Int, supported: Int)
    /// Built by a chachong whose fingerprints (normalisation, hashing, MinHash) differ from this
    /// one's: re-ingest into a new index.
    case fingerprintsChanged
    /// Not a chachong index, or damaged.
    case corrupt(String)
    /// SQLite or file-system failure.
    case storage(String)
    /// A stored text could not be decompressed or decoded.
    case undecodableText(id: String)
  }

  public var path: String
  public var reason: Reason

  public init(path: String, reason: Reason) {
    self.path = path
    self.reason = reason
  }

  public var description: String {
    switch reason {
    case .notFound:
      return "\(path): no chachong index here (run `chachong ingest --index \(path) …` first)"
    case .parametersMismatch(let stored, let requested):
      return "\(path): index was built with parameters \(stored), not \(requested)"
    case .newerSchema(let found, let supported):
      return
        "\(path): index schema version \(found) is newer than this chachong supports (\(supported))"
    case .fingerprintsChanged:
      return
        "\(path): index was built by a chachong with different fingerprinting (normalisation, "
        + "hashing or MinHash); re-ingest the documents into a new index"
    case .corrupt(let detail):
      return "\(path): not a valid chachong index (\(detail))"
    case .storage(let detail):
      return "\(path): index storage error: \(detail)"
    case .undecodableText(let id):
      return "\(path): stored text of document \(id) cannot be decoded"
    }
  }
}

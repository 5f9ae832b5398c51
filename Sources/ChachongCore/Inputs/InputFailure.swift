import DocumentText

/// An input that could not be read or stored; reported and skipped, the batch goes on.
public struct InputFailure: Error, Sendable, Equatable, Codable, CustomStringConvertible {
  /// The file (and `:line` for a `.jsonl` record).
  public var path: String
  public var reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// The path with control characters escaped, so a file name cannot forge a line of output.
  public var description: String { "\(DisplayText.escaped(path)): \(reason)" }
}

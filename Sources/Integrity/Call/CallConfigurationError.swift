/// Why a call configuration cannot be used; names the file and the reason.
public struct CallConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Reason: Sendable, Equatable {
    case unreadable(String)
    case invalidJSON(String)
    case unsupportedSchemaVersion(Int)
    case invalidValue(field: String, reason: String)
  }

  public var source: String
  public var reason: Reason

  public init(source: String, reason: Reason) {
    self.source = source
    self.reason = reason
  }

  public var description: String {
    switch reason {
    case .unreadable(let why): return "\(source): cannot read the call configuration: \(why)"
    case .invalidJSON(let why): return "\(source): not a valid call configuration: \(why)"
    case .unsupportedSchemaVersion(let version):
      return "\(source): call configuration schemaVersion \(version) is not supported "
        + "(this build reads \(CallConfiguration.currentSchemaVersion))"
    case .invalidValue(let field, let why): return "\(source): \(field): \(why)"
    }
  }
}

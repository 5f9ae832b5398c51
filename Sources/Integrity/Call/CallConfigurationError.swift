/// Why a call configuration cannot be used; names the file and the reason.
package struct CallConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  package enum Reason: Sendable, Equatable {
    case unreadable(String)
    case invalidJSON(String)
    case unsupportedSchemaVersion(Int)
    case invalidValue(field: String, reason: String)
  }

  package var source: String
  package var reason: Reason

  package init(source: String, reason: Reason) {
    self.source = source
    self.reason = reason
  }

  package var description: String {
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

/// A serialized fingerprint value (normalised text, signature) could not be decoded.
package struct FingerprintsError: Error, Sendable, Equatable, CustomStringConvertible {
  package enum Reason: Sendable, Equatable {
    case badMagic
    case unsupportedVersion(UInt8)
    case truncated
    case malformed(String)
  }

  /// What was being decoded ("NormalizedText", "MinHashSignature").
  package var what: String
  package var reason: Reason

  package init(what: String, reason: Reason) {
    self.what = what
    self.reason = reason
  }

  package var description: String {
    switch reason {
    case .badMagic: return "\(what): not a serialized \(what) (bad magic bytes)"
    case .unsupportedVersion(let version): return "\(what): unsupported format version \(version)"
    case .truncated: return "\(what): serialized data is truncated"
    case .malformed(let detail): return "\(what): malformed serialized data: \(detail)"
    }
  }
}

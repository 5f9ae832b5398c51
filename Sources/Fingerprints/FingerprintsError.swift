/// A serialized fingerprint value (normalised text, signature) could not be decoded.
public struct FingerprintsError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Reason: Sendable, Equatable {
    case badMagic
    case unsupportedVersion(UInt8)
    case truncated
    case malformed(String)
  }

  /// What was being decoded ("NormalizedText", "MinHashSignature").
  public var what: String
  public var reason: Reason

  public init(what: String, reason: Reason) {
    self.what = what
    self.reason = reason
  }

  public var description: String {
    switch reason {
    case .badMagic: return "\(what): not a serialized \(what) (bad magic bytes)"
    case .unsupportedVersion(let version): return "\(what): unsupported format version \(version)"
    case .truncated: return "\(what): serialized data is truncated"
    case .malformed(let detail): return "\(what): malformed serialized data: \(detail)"
    }
  }
}

import ChachongModel
import Digest
import Foundation

/// The secret key of a store's ID-number hashes (``ArchiveReading/leadIDKey(of:)``).
///
/// It never lives in the store it protects: with the key beside the hashes, every 18-digit
/// number (a date, a region and a few digits) can be recovered from the hashes in seconds. The
/// embedded index keeps it in a file of mode 0600 beside the database (``fileName``); a server
/// store takes it from the environment (``environmentVariable``, ``fileEnvironmentVariable``) or
/// a secret store. The store itself keeps only ``checkValue``, so a wrong key is refused instead
/// of silently giving hashes that match nothing.
package struct LeadIDHashKey: Sendable, Equatable {
  package static let byteCount = 32
  /// The key file's name inside an embedded index's directory.
  package static let fileName = "lead-id.key"
  /// 64 hex digits: the key itself (a service's secret store exports it this way).
  package static let environmentVariable = "CHACHONG_ID_KEY"
  /// The path of a key file (64 hex digits, optional trailing newline).
  package static let fileEnvironmentVariable = "CHACHONG_ID_KEY_FILE"

  package let bytes: [UInt8]

  package init?(bytes: [UInt8]) {
    guard bytes.count == Self.byteCount else { return nil }
    self.bytes = bytes
  }

  package init?(hex: String) {
    guard let bytes = Hex.decode(hex.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
    self.init(bytes: bytes)
  }

  /// A new random key.
  package static func generate() -> LeadIDHashKey {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
    guard let key = LeadIDHashKey(bytes: bytes) else { preconditionFailure("byteCount bytes make a key") }
    return key
  }

  package var hex: String { Hex.encode(bytes) }

  /// What a store keeps to recognise its key: an HMAC of a fixed label, not the key.
  package var checkValue: String {
    HMACSHA256.hexAuthenticationCode(key: bytes, message: Array("chachong lead-id key check v1".utf8))
  }

  /// The keyed hash of an ID number (normalised by ``IdentityKey`` first).
  package func keyed(_ idNumber: String) -> String {
    IdentityKey.keyed(idNumber) { HMACSHA256.hexAuthenticationCode(key: bytes, message: $0) }
  }

  /// The key the environment names, if any: ``environmentVariable`` first, then the file
  /// ``fileEnvironmentVariable`` points at.
  package static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(IndexError) -> LeadIDHashKey? {
    if let hex = environment[environmentVariable], !hex.isEmpty {
      guard let key = LeadIDHashKey(hex: hex) else {
        throw IndexError(
          path: environmentVariable, reason: .corrupt("\(environmentVariable) must be 64 hex digits"))
      }
      return key
    }
    if let path = environment[fileEnvironmentVariable], !path.isEmpty {
      return try read(file: path)
    }
    return nil
  }

  /// Reads a key file (64 hex digits).
  package static func read(file path: String) throws(IndexError) -> LeadIDHashKey {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw IndexError(path: path, reason: .storage("cannot read the ID-hash key file"))
    }
    guard data.count <= 256, let text = String(data: data, encoding: .utf8),
      let key = LeadIDHashKey(hex: text)
    else {
      throw IndexError(path: path, reason: .corrupt("the ID-hash key file does not hold 64 hex digits"))
    }
    return key
  }

  /// Writes the key to a new file readable by its owner only (mode 0600); an existing file is
  /// never overwritten.
  package func write(file path: String) throws(IndexError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard descriptor >= 0 else {
      throw IndexError(
        path: path,
        reason: .storage("cannot create the ID-hash key file: \(String(cString: strerror(errno)))"))
    }
    defer { close(descriptor) }
    let line = Array((hex + "\n").utf8)
    let written = line.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    guard written == line.count, fsync(descriptor) == 0 else {
      throw IndexError(path: path, reason: .storage("cannot write the ID-hash key file"))
    }
  }
}

import ArchiveStore
import Digest
import Foundation

/// A logged-in browser: kept in the service state under collection `sessions`, id = hex SHA-256
/// of the session token (the token itself lives only in the browser's cookie), owner = the user.
package struct WebSession: Sendable, Codable, Equatable {
  package var user: String
  /// The token every form of this session carries; a POST without it is refused.
  package var csrfToken: String
  package var createdAt: Double
  package var expiresAt: Double
}

/// Creates, finds and ends sessions. Tokens are 32 random bytes from the system's generator.
package struct Sessions: Sendable {
  package static let collection = "sessions"
  /// Sessions end this long after login (a working day).
  package static let lifetime: Double = 10 * 3600

  let store: any ServiceStateStore
  let clock: @Sendable () -> Double

  package init(
    store: any ServiceStateStore, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.store = store
    self.clock = clock
  }

  /// 32 random bytes as 64 hex digits.
  static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
  }

  static func id(ofToken token: String) -> String { SHA256.hexHash(Array(token.utf8)) }

  /// A new session for `user`; returns the token for the cookie and the session.
  package func start(user: String) async throws(StateStoreError) -> (token: String, session: WebSession) {
    let token = Self.randomToken()
    let now = clock()
    let session = WebSession(
      user: user, csrfToken: Self.randomToken(), createdAt: now, expiresAt: now + Self.lifetime)
    _ = try await store.create(
      collection: Self.collection, id: Self.id(ofToken: token), owner: user, body: encode(session))
    return (token, session)
  }

  /// The session of a cookie's token, when it exists and has not expired (an expired one is
  /// deleted).
  package func find(token: String) async throws(StateStoreError) -> WebSession? {
    guard token.utf8.count == 64, token.utf8.allSatisfy(isHexDigit)
    else { return nil }
    let id = Self.id(ofToken: token)
    guard let record = try await store.record(collection: Self.collection, id: id),
      let session = try? JSONDecoder().decode(WebSession.self, from: Data(record.body))
    else { return nil }
    guard session.expiresAt > clock() else {
      _ = try await store.delete(collection: Self.collection, id: id)
      return nil
    }
    return session
  }

  package func end(token: String) async throws(StateStoreError) {
    _ = try await store.delete(collection: Self.collection, id: Self.id(ofToken: token))
  }

  /// Ends every session of `user` (when the user is disabled or changes password).
  package func endAll(user: String) async throws(StateStoreError) {
    while true {
      let page = try await store.records(collection: Self.collection, owner: user, after: nil, limit: 200)
      for record in page { _ = try await store.delete(collection: Self.collection, id: record.id) }
      if page.count < 200 { return }
    }
  }

  private func isHexDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
  }

  private func encode(_ session: WebSession) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? Array(encoder.encode(session))) ?? []
  }
}

/// Compares two secrets in time that does not depend on where they first differ.
func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
  let left = Array(lhs.utf8)
  let right = Array(rhs.utf8)
  guard left.count == right.count, !left.isEmpty else { return false }
  var difference: UInt8 = 0
  for index in 0..<left.count { difference |= left[index] ^ right[index] }
  return difference == 0
}

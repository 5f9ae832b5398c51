import ArchiveStore
import Digest
import Foundation

extension ChachongService {
  /// A new key: its listing and its secret (shown once; stored only as its SHA-256, under which
  /// the record is filed, so authentication is one lookup).
  package func createKey(name: String, scopes: Set<Scope>, caller: Caller) async throws(APIError)
    -> (key: APIKeyInfo, secret: String)
  {
    try caller.require(.admin)
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty, trimmed.count <= 200 else {
      throw APIError.badRequest("密钥名称不能为空且不超过 200 字", "the key name must be 1 to 200 characters")
    }
    guard !scopes.isEmpty else {
      throw APIError.badRequest("至少需要一个权限范围", "at least one scope is required")
    }
    var random = SystemRandomNumberGenerator()
    let secretBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
    let secret = "chk_" + Hex.encode(secretBytes)
    let keyID = "key_" + Hex.encode(Array(SHA256.hash(Array(secret.utf8)).prefix(6)))
    let stored = StoredKey(
      keyID: keyID, name: trimmed, scopes: scopes.sorted(), createdAt: now(), revokedAt: nil)
    do {
      _ = try await state.create(
        collection: Collection.keys, id: Self.keyHash(secret), owner: caller.id,
        body: StoredJSON.encode(stored))
    } catch {
      throw APIError.from(error)
    }
    try await appendAudit(
      action: "key.create", target: keyID, detail: stored.scopes.map(\.rawValue).joined(separator: ","),
      caller: caller)
    return (info(stored), secret)
  }

  static func keyHash(_ secret: String) -> String { SHA256.hexHash(Array(secret.utf8)) }

  func info(_ key: StoredKey) -> APIKeyInfo {
    APIKeyInfo(
      id: key.keyID, name: key.name, scopes: key.scopes, createdAt: key.createdAt, revokedAt: key.revokedAt)
  }

  private func allKeys() async throws(APIError) -> [(StateRecord, StoredKey)] {
    let records: [StateRecord]
    do {
      records = try await state.records(collection: Collection.keys, owner: nil, after: nil, limit: 10_000)
    } catch {
      throw APIError.from(error)
    }
    var keys: [(StateRecord, StoredKey)] = []
    for record in records {
      keys.append((record, try StoredJSON.decode(StoredKey.self, record.body)))
    }
    return keys
  }

  package func keys(caller: Caller) async throws(APIError) -> [APIKeyInfo] {
    try caller.require(.admin)
    return try await allKeys().map { info($0.1) }
  }

  package func revokeKey(id: String, caller: Caller) async throws(APIError) -> APIKeyInfo {
    try caller.require(.admin)
    guard let (record, _) = try await allKeys().first(where: { $0.1.keyID == id }) else {
      throw APIError.notFound("API key", id)
    }
    let (key, _) = try await modify(
      Collection.keys, record.id, as: StoredKey.self, notFound: .notFound("API key", id)
    ) { key, _ in
      if key.revokedAt == nil { key.revokedAt = now() }
    }
    try await appendAudit(action: "key.revoke", target: id, caller: caller)
    return info(key)
  }

  /// The caller a bearer secret stands for; nil for an unknown or revoked key.
  package func authenticate(bearer secret: String, clientAddress: String?) async throws(APIError) -> Caller? {
    guard secret.hasPrefix("chk_"), secret.count < 200 else { return nil }
    guard let record = try await record(Collection.keys, Self.keyHash(secret)) else { return nil }
    let key = try StoredJSON.decode(StoredKey.self, record.body)
    guard key.revokedAt == nil else { return nil }
    return Caller(id: key.keyID, scopes: Set(key.scopes), clientAddress: clientAddress)
  }
}

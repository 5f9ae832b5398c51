import ArchiveStore
import Digest
import Foundation
import HummingbirdBcrypt

/// What a user may do. Each role sees its own part of the interface; admins manage the others.
package enum WebRole: String, Sendable, Codable, CaseIterable {
  /// Runs batch checks and reads their results.
  case reviewer
  /// Queries and compares documents, reads archived texts.
  case auditor
  /// Manages users and API keys, reads the audit log.
  case admin
}

/// A local user, kept in the service state under collection `users`, id = the user name.
package struct WebUser: Sendable, Codable, Equatable {
  package var name: String
  package var role: WebRole
  /// bcrypt hash (`$2b$…`) of the password; the password itself is never stored.
  package var passwordHash: String
  package var disabled: Bool
  /// Failed logins since the last success; reset on success.
  package var failedLogins: Int
  /// Seconds since 1970 until which logins are refused (after too many failures).
  package var lockedUntil: Double?
  package var createdAt: Double
  package var lastLogin: Double?
}

/// Why an account operation failed.
package struct AccountError: Error, Sendable, Equatable, CustomStringConvertible {
  package enum Reason: Sendable, Equatable {
    case invalidName
    case weakPassword
    case exists
    case notFound
    case store(String)
  }

  package var reason: Reason
  package var description: String {
    switch reason {
    case .invalidName: "a user name is 1 to 64 letters, digits, '.', '-', '_' or '@'"
    case .weakPassword: "a password needs at least \(Accounts.minimumPasswordLength) characters"
    case .exists: "a user with this name exists already"
    case .notFound: "no such user"
    case .store(let detail): "service state store error: \(detail)"
    }
  }

  init(_ reason: Reason) { self.reason = reason }
}

/// The outcome of a login attempt.
package enum LoginOutcome: Sendable, Equatable {
  case success(WebUser)
  /// Wrong name or password, or a disabled user (not told apart, so names cannot be probed).
  case refused
  /// Too many failures: refused until the given time, whatever the password.
  case locked(until: Double)
}

/// Users over the service state store: create, list, disable, verify passwords with a lockout.
/// bcrypt runs on its own small thread pool, never on the cooperative pool.
package struct Accounts: Sendable {
  package static let collection = "users"
  package static let minimumPasswordLength = 10
  /// Failures in a row after which a user is locked.
  package static let lockoutThreshold = 5
  package static let lockoutSeconds: Double = 15 * 60

  let store: any ServiceStateStore
  let cost: UInt8
  let clock: @Sendable () -> Double

  /// bcrypt is CPU heavy (cost 12 ≈ 0.25 s): two threads of its own bound its share of the
  /// machine and keep it off the cooperative pool and the store's blocking pool.
  static let hashingPool = BlockingPool(threads: 2)

  package init(
    store: any ServiceStateStore, cost: UInt8 = 12,
    clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.store = store
    self.cost = max(4, min(31, cost))
    self.clock = clock
  }

  static func validName(_ name: String) -> Bool {
    !name.isEmpty && name.count <= 64
      && name.unicodeScalars.allSatisfy { scalar in
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", "@": true
        default: false
        }
      }
  }

  package func create(name: String, role: WebRole, password: String) async throws(AccountError) -> WebUser {
    guard Self.validName(name) else { throw AccountError(.invalidName) }
    guard password.count >= Self.minimumPasswordLength, password.utf8.count <= 72 * 4 else {
      throw AccountError(.weakPassword)
    }
    let cost = self.cost
    let hash = await Self.hashingPool.run { Bcrypt.hash(password, cost: cost) }
    let user = WebUser(
      name: name, role: role, passwordHash: hash, disabled: false, failedLogins: 0, lockedUntil: nil,
      createdAt: clock(), lastLogin: nil)
    let created: Bool
    do {
      created = try await store.create(collection: Self.collection, id: name, owner: nil, body: encode(user))
        .created
    } catch {
      throw AccountError(.store(error.description))
    }
    guard created else { throw AccountError(.exists) }
    return user
  }

  package func user(_ name: String) async throws(AccountError) -> WebUser? {
    guard Self.validName(name) else { return nil }
    do {
      guard let record = try await store.record(collection: Self.collection, id: name) else { return nil }
      return try? JSONDecoder().decode(WebUser.self, from: Data(record.body))
    } catch {
      throw AccountError(.store(error.description))
    }
  }

  /// Every user, by name.
  package func list() async throws(AccountError) -> [WebUser] {
    var users: [WebUser] = []
    var after: StateRecord?
    do {
      while true {
        let page = try await store.records(collection: Self.collection, owner: nil, after: after, limit: 500)
        users += page.compactMap { try? JSONDecoder().decode(WebUser.self, from: Data($0.body)) }
        guard page.count == 500, let last = page.last else { break }
        after = last
      }
    } catch {
      throw AccountError(.store(error.description))
    }
    return users.sorted { $0.name < $1.name }
  }

  /// Disables (or enables) a user; the sessions of a disabled user stop working at their next
  /// request, because every request reads the user again.
  package func setDisabled(_ name: String, _ disabled: Bool) async throws(AccountError) {
    try await modify(name) { $0.disabled = disabled }
  }

  package func setPassword(_ name: String, _ password: String) async throws(AccountError) {
    guard password.count >= Self.minimumPasswordLength, password.utf8.count <= 72 * 4 else {
      throw AccountError(.weakPassword)
    }
    let cost = self.cost
    let hash = await Self.hashingPool.run { Bcrypt.hash(password, cost: cost) }
    try await modify(name) {
      $0.passwordHash = hash
      $0.failedLogins = 0
      $0.lockedUntil = nil
    }
  }

  /// Checks a password. Unknown and disabled users cost the same bcrypt work as known ones, so
  /// the answer time does not tell whether a name exists. Failures are counted on the user;
  /// after `lockoutThreshold` in a row the user is locked for `lockoutSeconds`.
  package func verify(name: String, password: String) async throws(AccountError) -> LoginOutcome {
    let now = clock()
    let found = try await user(name)
    let storedHash = found?.passwordHash
    // bcrypt reads at most 72 bytes; longer input is refused rather than silently truncated.
    let candidate = password.utf8.count <= 72 ? password : ""
    let matches = await Self.hashingPool.run { Bcrypt.verify(candidate, hash: storedHash ?? Self.decoyHash) }
    guard let found, !found.disabled else { return .refused }
    if let until = found.lockedUntil, until > now { return .locked(until: until) }
    if matches, !candidate.isEmpty {
      try await modify(name) {
        $0.failedLogins = 0
        $0.lockedUntil = nil
        $0.lastLogin = now
      }
      var user = found
      user.lastLogin = now
      return .success(user)
    }
    var lockedUntil: Double?
    try await modify(name) { user in
      user.failedLogins += 1
      if user.failedLogins >= Self.lockoutThreshold {
        user.lockedUntil = now + Self.lockoutSeconds
        user.failedLogins = 0
        lockedUntil = user.lockedUntil
      }
    }
    return lockedUntil.map { .locked(until: $0) } ?? .refused
  }

  /// A bcrypt hash of a random password, verified against when the user does not exist (first
  /// computed on the hashing pool).
  static let decoyHash = Bcrypt.hash(UUID().uuidString, cost: 12)

  private func modify(_ name: String, _ change: (inout WebUser) -> Void) async throws(AccountError) {
    // Optimistic concurrency: re-read and retry when another writer was first.
    for _ in 0..<5 {
      do {
        guard let record = try await store.record(collection: Self.collection, id: name),
          var user = try? JSONDecoder().decode(WebUser.self, from: Data(record.body))
        else { throw AccountError(.notFound) }
        change(&user)
        _ = try await store.update(
          collection: Self.collection, id: name, body: encode(user), expectedVersion: record.version)
        return
      } catch let error as AccountError {
        throw error
      } catch let error as StateStoreError {
        if case .versionMismatch = error.reason { continue }
        throw AccountError(.store(error.description))
      } catch {
        throw AccountError(.store("\(error)"))
      }
    }
    throw AccountError(.store("users/\(name) kept changing; try again"))
  }

  private func encode(_ user: WebUser) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? Array(encoder.encode(user))) ?? []
  }
}

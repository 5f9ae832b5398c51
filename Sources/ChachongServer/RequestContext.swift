import Hummingbird
import NIOCore

/// What a key may do (issue 15): `submit` creates and uploads submissions and reads their own
/// state and report; `review` batches and every report; `audit` query, compare and archived
/// texts; `admin` keys, deletion and the audit log. `admin` implies every other scope.
package enum Scope: String, Sendable, Codable, CaseIterable, Comparable {
  case submit
  case review
  case audit
  case admin

  package static func < (lhs: Scope, rhs: Scope) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}

/// Who is calling: an API key (the API) or a signed-in user (the web interface, which fills this
/// in from its session). Every facade operation takes one: scopes are checked and audit entries
/// written with it.
package struct Caller: Sendable, Equatable {
  /// The key id or `user:NAME`: what the audit log records, and the owner of created records.
  package var id: String
  package var scopes: Set<Scope>
  package var clientAddress: String?

  package init(id: String, scopes: Set<Scope>, clientAddress: String? = nil) {
    self.id = id
    self.scopes = scopes
    self.clientAddress = clientAddress
  }

  package func has(_ scope: Scope) -> Bool { scopes.contains(scope) || scopes.contains(.admin) }

  package func require(_ scope: Scope) throws(APIError) {
    guard has(scope) else { throw APIError.forbidden(scope) }
  }

  /// The service itself (command-line tools, workers).
  package static let system = Caller(id: "system", scopes: [.admin])
}

/// The request context of every route: the caller once authenticated, the client's address, and
/// the language of messages.
package struct ChachongRequestContext: RequestContext, RemoteAddressRequestContext {
  package var coreContext: CoreRequestContextStorage
  package let remoteAddress: SocketAddress?
  /// Set by the authentication middleware (API key) or by another module's middleware (a session).
  package var caller: Caller?
  /// JSON bodies decoded by routes are small; uploads are streamed and bounded by the routes.
  package var maxUploadSize: Int { 1 << 20 }

  package init(source: ApplicationRequestContextSource) {
    self.coreContext = .init(source: source)
    self.remoteAddress = source.channel.remoteAddress
  }

  /// The client's address as the audit log records it.
  package var clientAddress: String? { remoteAddress?.ipAddress }

  /// The caller, or 401.
  package func requireCaller() throws(APIError) -> Caller {
    guard let caller else { throw APIError.unauthorized }
    return caller
  }
}

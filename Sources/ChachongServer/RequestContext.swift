import Hummingbird
import NIOCore

/// What a key may do (issue 15): `submit` creates and uploads submissions and reads their own
/// state and report; `review` batches and every report; `audit` query, compare and archived
/// texts; `admin` keys, deletion and the audit log. `admin` implies every other scope.
public enum Scope: String, Sendable, Codable, CaseIterable, Comparable {
  case submit
  case review
  case audit
  case admin

  public static func < (lhs: Scope, rhs: Scope) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}

/// Who is calling: an API key (the API) or a signed-in user (the web interface, which fills this
/// in from its session). Every facade operation takes one: scopes are checked and audit entries
/// written with it.
public struct Caller: Sendable, Equatable {
  /// The key id or `user:NAME`: what the audit log records, and the owner of created records.
  public var id: String
  public var scopes: Set<Scope>
  public var clientAddress: String?

  public init(id: String, scopes: Set<Scope>, clientAddress: String? = nil) {
    self.id = id
    self.scopes = scopes
    self.clientAddress = clientAddress
  }

  public func has(_ scope: Scope) -> Bool { scopes.contains(scope) || scopes.contains(.admin) }

  public func require(_ scope: Scope) throws(APIError) {
    guard has(scope) else { throw APIError.forbidden(scope) }
  }

  /// The service itself (command-line tools, workers).
  public static let system = Caller(id: "system", scopes: [.admin])
}

/// The request context of every route: the caller once authenticated, the client's address, and
/// the language of messages.
public struct ChachongRequestContext: RequestContext, RemoteAddressRequestContext {
  public var coreContext: CoreRequestContextStorage
  public let remoteAddress: SocketAddress?
  /// Set by the authentication middleware (API key) or by another module's middleware (a session).
  public var caller: Caller?
  /// JSON bodies decoded by routes are small; uploads are streamed and bounded by the routes.
  public var maxUploadSize: Int { 1 << 20 }

  public init(source: ApplicationRequestContextSource) {
    self.coreContext = .init(source: source)
    self.remoteAddress = source.channel.remoteAddress
  }

  /// The client's address as the audit log records it.
  public var clientAddress: String? { remoteAddress?.ipAddress }

  /// The caller, or 401.
  public func requireCaller() throws(APIError) -> Caller {
    guard let caller else { throw APIError.unauthorized }
    return caller
  }
}

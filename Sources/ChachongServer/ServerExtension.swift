import Hummingbird

/// A module that adds routes and middleware to the service's router (the web interface,
/// `ChachongWeb`). Extensions are registered after the service's own middleware (errors, metrics,
/// API-key authentication, which leaves requests without a bearer token unauthenticated) and
/// before its routes; they may add their own middleware in a route group.
package protocol ServerExtension: Sendable {
  func register(on router: Router<ChachongRequestContext>, service: ChachongService)
}

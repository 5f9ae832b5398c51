import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the service's HTTP application: its middleware, its routes, and the routes of every
/// extension (the web interface).
package enum ServerApplication {
  /// The router with the service's middleware, every extension's routes and the API's routes.
  package static func router(
    service: ChachongService, extensions: [any ServerExtension] = [],
    metrics: ServerMetrics = ServerMetrics(),
    logger: Logger = Logger(label: "chachong.serve")
  ) -> Router<ChachongRequestContext> {
    let router = Router(context: ChachongRequestContext.self)
    router.add(middleware: ErrorAndMetricsMiddleware(metrics: metrics, logger: logger))
    router.add(middleware: APIKeyMiddleware(service: service))
    for serverExtension in extensions {
      serverExtension.register(on: router, service: service)
    }
    APIRoutes(service: service, metrics: metrics).register(on: router)
    return router
  }

  /// The HTTP server (a ServiceLifecycle service).
  package static func application(
    service: ChachongService, extensions: [any ServerExtension] = [],
    logger: Logger = Logger(label: "chachong.serve"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    Application(
      router: router(service: service, extensions: extensions, logger: logger),
      configuration: .init(
        address: .hostname(service.configuration.host, port: service.configuration.port),
        serverName: "chachong"),
      onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
      logger: logger)
  }

  /// Runs the HTTP server and the workers until SIGTERM or SIGINT, then drains: in-flight
  /// requests finish, running jobs are released for the next start.
  package static func run(
    service: ChachongService, extensions: [any ServerExtension] = [],
    logger: Logger = Logger(label: "chachong.serve"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    let app = application(
      service: service, extensions: extensions, logger: logger, onServerRunning: onServerRunning)
    if OpenAPIDocument.bytes == nil {
      logger.warning(
        "the OpenAPI document is missing: install \(OpenAPIDocument.resourceFolder) beside the binary")
    }
    let workers = JobWorkers(service: service, logger: logger)
    // Services stop in reverse order: the workers first (they release their jobs), then the server.
    let group = ServiceGroup(
      configuration: .init(
        services: [
          .init(service: app),
          .init(service: workers),
        ],
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger))
    try await group.run()
  }
}

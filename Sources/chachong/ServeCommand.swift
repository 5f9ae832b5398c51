import ArgumentParser
import ChachongCore
import ChachongServer
import Foundation
import Logging
import Pipeline

/// The store options `serve`, `keys` and `users` share (one place to parse them): `--index DIR`
/// or `--store URL`, as the other commands take them.
struct ServiceStoreOptions: ParsableArguments {
  @Option(
    name: .long, help: "Index directory (the archive; the service's state goes in service.sqlite beside it).")
  var index: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The archive: a directory, sqlite:PATH, or postgresql://USER@HOST:PORT/DB[?sslmode=…].",
      discussion:
        "On PostgreSQL the job queue and the service state are in the same database, shared by every "
        + "instance. The password comes from CHACHONG_STORE_PASSWORD, PGPASSWORD or ~/.pgpass, never the URL; "
        + "the ID-hash key from CHACHONG_ID_KEY_FILE or CHACHONG_ID_KEY."))
  var store: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Folder for uploads being read and jobs' working files.",
      discussion:
        "Default: service-scratch in the index directory; for a PostgreSQL store a folder of this process "
        + "in the system's temporary directory. Inputs themselves are kept in the store."))
  var scratch: String?

  func validate() throws {
    switch (index, store) {
    case (nil, nil): throw ValidationError("give --index DIR or --store URL")
    case (.some, .some): throw ValidationError("give --index or --store, not both")
    default: break
    }
  }

  /// Job attempts before a job fails for good (the SQLite queue's number too).
  static let maxJobAttempts = 5

  func open() async throws -> ServiceStores {
    do {
      let address: LocalStores.Address =
        if let index { .sqlite(directory: index) } else { try LocalStores.Address(store ?? "") }
      switch address {
      case .sqlite(let directory):
        var stores = try ServiceStores.openIndex(directory)
        if let scratch { stores.scratchDirectory = scratch }
        return stores
      case .postgres(let url):
        let opened = try await LocalStores.openPostgresService(url: url, maxJobAttempts: Self.maxJobAttempts)
        let scratchDirectory =
          scratch
          ?? (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "chachong-service-scratch-\(ProcessInfo.processInfo.processIdentifier)")
        return ServiceStores(
          archive: opened.archive, jobs: opened.jobs, state: opened.state, scratchDirectory: scratchDirectory)
      }
    } catch {
      throw CommandSupport.fail(error)
    }
  }
}

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the HTTP service (docs/service.md): submissions, batches, query, webhooks.",
    discussion: """
      Listens on --host/--port (default 127.0.0.1:8080). Limits, workers and webhook settings come
      from --config (JSON) and CHACHONG_SERVE_* environment variables (docs/service.md). Requests
      carry `Authorization: Bearer KEY` (create keys with `chachong keys create`). SIGTERM drains:
      requests in flight finish, running jobs are released for the next start.

      Example:
        chachong serve --index archive/ --port 8080 --config serve.json
        chachong serve --store 'postgresql://chachong_app@db:5432/chachong?sslmode=verify-full' --port 8080
      """)

  @OptionGroup var store: ServiceStoreOptions

  @Option(name: .long, help: "Address to listen on.")
  var host: String?

  @Option(name: .long, help: "Port to listen on (0: any free port, printed on standard error).")
  var port: Int?

  @Option(name: .long, help: "Configuration JSON file.")
  var config: String?

  func run() async throws {
    var configuration: ServerConfiguration
    do {
      configuration = try ServerConfiguration.load(
        file: config, environment: ProcessInfo.processInfo.environment)
      if let host { configuration.host = host }
      if let port { configuration.port = port }
      try configuration.validate()
    } catch {
      Output.error("error: \(error.description)")
      throw ExitCode(2)
    }
    let stores = try await store.open()
    let service = ChachongService(
      configuration: configuration, archive: stores.archive, jobs: stores.jobs, state: stores.state,
      reading: try CommandSupport.reading(), scratchDirectory: stores.scratchDirectory)
    var logger = Logger(label: "chachong.serve")
    logger.logLevel = .info
    if !stores.archive.parameters.granularity.storesPassageFingerprints {
      // As check and query say (`StoreOptions.warnIfWithoutPassageFingerprints`).
      logger.warning("the archive \(StoreOptions.withoutPassageFingerprints)")
    }
    let host = configuration.host
    try await ServerApplication.run(service: service, extensions: WebMount.extensions, logger: logger) {
      port in
      Output.error("chachong serve: listening on http://\(host):\(port)")
    }
  }
}

struct KeysCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keys",
    abstract: "Create, list and revoke the service's API keys.",
    subcommands: [Create.self, List.self, Revoke.self])

  static func service(_ stores: ServiceStores) -> ChachongService {
    ChachongService(
      configuration: ServerConfiguration(), archive: stores.archive, jobs: stores.jobs, state: stores.state,
      scratchDirectory: stores.scratchDirectory)
  }

  static func fail(_ error: APIError) -> ExitCode {
    Output.error("error: \(error.english)")
    return ExitCode(2)
  }

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create a key; prints it once (the last line is the key). Only its hash is stored.")

    @OptionGroup var store: ServiceStoreOptions

    @Option(name: .long, help: "A name for the key (who uses it).")
    var name: String

    @Option(name: .long, help: "Scopes, comma-separated: submit, review, audit, admin.")
    var scope: String

    func run() async throws {
      var scopes = Set<Scope>()
      for name in scope.split(separator: ",") {
        guard let parsed = Scope(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
          Output.error("error: unknown scope \(name) (submit, review, audit, admin)")
          throw ExitCode(2)
        }
        scopes.insert(parsed)
      }
      let service = KeysCommand.service(try await store.open())
      do {
        let (key, secret) = try await service.createKey(name: name, scopes: scopes, caller: .system)
        try Output.line("id: \(key.id)")
        try Output.line("scopes: \(key.scopes.map(\.rawValue).joined(separator: ","))")
        try Output.line(secret)
      } catch let error as APIError {
        throw KeysCommand.fail(error)
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

    @OptionGroup var store: ServiceStoreOptions

    func run() async throws {
      let service = KeysCommand.service(try await store.open())
      do {
        for key in try await service.keys(caller: .system) {
          let revoked = key.revokedAt.map { " revoked \(Date(timeIntervalSince1970: $0))" } ?? ""
          try Output.line(
            "\(key.id)\t\(key.name)\t\(key.scopes.map(\.rawValue).joined(separator: ","))\t\(Date(timeIntervalSince1970: key.createdAt))\(revoked)"
          )
        }
      } catch let error as APIError {
        throw KeysCommand.fail(error)
      }
    }
  }

  struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Revoke a key by its id.")

    @OptionGroup var store: ServiceStoreOptions

    @Argument(help: "The key's id (key_…).")
    var id: String

    func run() async throws {
      let service = KeysCommand.service(try await store.open())
      do {
        let key = try await service.revokeKey(id: id, caller: .system)
        try Output.line("revoked \(key.id)")
      } catch let error as APIError {
        throw KeysCommand.fail(error)
      }
    }
  }
}

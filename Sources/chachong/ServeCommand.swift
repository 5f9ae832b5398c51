import ArgumentParser
import ChachongCore
import ChachongServer
import Foundation
import Logging

/// The store options `serve` and `keys` share (one place to parse them).
struct ServiceStoreOptions: ParsableArguments {
  @Option(
    name: .long, help: "Index directory (the archive; the service's state goes in service.sqlite beside it).")
  var index: String

  func open() throws -> ServiceStores {
    do {
      return try ServiceStores.openIndex(index)
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
    let stores = try store.open()
    let service = ChachongService(
      configuration: configuration, archive: stores.archive, jobs: stores.jobs, state: stores.state,
      reading: try CommandSupport.reading(), scratchDirectory: stores.scratchDirectory)
    var logger = Logger(label: "chachong.serve")
    logger.logLevel = .info
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
      let service = KeysCommand.service(try store.open())
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
      let service = KeysCommand.service(try store.open())
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
      let service = KeysCommand.service(try store.open())
      do {
        let key = try await service.revokeKey(id: id, caller: .system)
        try Output.line("revoked \(key.id)")
      } catch let error as APIError {
        throw KeysCommand.fail(error)
      }
    }
  }
}

import ArchiveStore
import Fingerprints
import Foundation
import Logging
import PostgresNIO

/// Statements on the pool with every failure turned into an ``IndexError`` naming the store and
/// the server's reason (never the query's bound values: they may be personal data).
struct PostgresSession: Sendable {
  let client: PostgresClient
  let logger: Logger
  /// The store's URL without secrets, for errors.
  let path: String

  func failure(_ error: any Error) -> IndexError {
    if let error = error as? IndexError { return error }
    return IndexError(path: path, reason: .storage(Self.describe(error)))
  }

  /// The server's message and SQLSTATE, or the client's error code (a refused connection, TLS).
  static func describe(_ error: any Error) -> String {
    guard let error = error as? PSQLError else { return String(describing: error) }
    if let info = error.serverInfo {
      let message = info[.message] ?? "error"
      let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
      let detail = info[.detail].map { ": \($0)" } ?? ""
      return "PostgreSQL: \(message)\(state)\(detail)"
    }
    let underlying = error.underlying.map { ": \(String(describing: $0))" } ?? ""
    return "PostgreSQL connection: \(error.code)\(underlying)"
  }

  /// SQLSTATE of a server error, if it is one.
  static func sqlState(_ error: any Error) -> String? {
    (error as? PSQLError)?.serverInfo?[.sqlState]
  }

  func forEachRow(
    _ query: PostgresQuery, _ body: (PostgresRow) throws(IndexError) -> Void
  ) async throws(IndexError) {
    do {
      let rows = try await client.query(query, logger: logger)
      for try await row in rows {
        try body(row)
      }
    } catch {
      throw failure(error)
    }
  }

  func execute(_ query: PostgresQuery) async throws(IndexError) {
    try await forEachRow(query) { _ in }
  }

  func count(_ query: PostgresQuery) async throws(IndexError) -> Int {
    var value = 0
    try await forEachRow(query) { row throws(IndexError) in
      value = Int(try decodeSingle(row, Int64.self))
    }
    return value
  }

  func decode<each Column: PostgresDecodable>(
    _ row: PostgresRow, _ types: (repeat each Column).Type
  ) throws(IndexError) -> (repeat each Column) {
    do {
      return try row.decode(types)
    } catch {
      throw IndexError(path: path, reason: .corrupt("unexpected column type: \(error)"))
    }
  }

  func decodeSingle<Value: PostgresDecodable>(_ row: PostgresRow, _ type: Value.Type) throws(IndexError)
    -> Value
  {
    do {
      return try row.decode(Value.self)
    } catch {
      throw IndexError(path: path, reason: .corrupt("unexpected column type: \(error)"))
    }
  }

  func decodeCell<Value: PostgresDecodable>(_ cell: PostgresCell, _ type: Value.Type) throws(IndexError)
    -> Value
  {
    do {
      return try cell.decode(type)
    } catch {
      throw IndexError(path: path, reason: .corrupt("column \(cell.columnName): unexpected type"))
    }
  }

  /// Runs `body` in one transaction on one connection (committed when it returns, rolled back
  /// when it throws).
  func transaction<Result: Sendable>(
    _ body: (PostgresConnection) async throws -> Result
  ) async throws(IndexError) -> Result {
    do {
      return try await client.withConnection { connection in
        try await connection.query("BEGIN", logger: logger)
        do {
          let result = try await body(connection)
          try await connection.query("COMMIT", logger: logger)
          return result
        } catch {
          _ = try? await connection.query("ROLLBACK", logger: logger)
          throw error
        }
      }
    } catch {
      throw failure(error)
    }
  }

  // MARK: - Opening

  struct Opened {
    var parameters: IndexParameters
    var key: LeadIDHashKey
    var version: Int
  }

  /// Creates or migrates the schema (writers) and checks parameters, fingerprint probe and key.
  func openSchema(
    location: PostgresLocation, creating parameters: IndexParameters?, readOnly: Bool,
    environment: [String: String]
  ) async throws(IndexError) -> Opened {
    let path = self.path
    var hasMeta = false
    try await forEachRow("SELECT to_regclass('chachong_meta') IS NOT NULL") { row throws(IndexError) in
      hasMeta = try decodeSingle(row, Bool.self)
    }
    if !hasMeta && parameters == nil {
      throw IndexError(path: path, reason: .notFound)
    }
    if readOnly {
      let meta = try await readMeta()
      return try checkedSettings(meta: meta, requested: nil, environment: environment)
    }
    let key: LeadIDHashKey? =
      hasMeta ? nil : try await Self.keyForNewStore(environment: environment, path: path)
    return try await transaction { connection in
      try await connection.query(
        "SELECT pg_advisory_xact_lock(\(PostgresSchema.lockClass), 0)", logger: logger)
      var meta = try await Self.readMeta(connection, logger: logger)
      if meta == nil {
        guard let parameters, let key else { throw IndexError(path: path, reason: .notFound) }
        var schemaMissing = false
        for try await exists in try await connection.query(
          "SELECT to_regnamespace(\(location.schema)) IS NULL", logger: logger
        ).decode(Bool.self) {
          schemaMissing = exists
        }
        if schemaMissing {
          // An identifier cannot be a bind parameter; `schema` is checked to be [a-z0-9_].
          guard PostgresLocation.isPlainIdentifier(location.schema) else {
            throw IndexError(path: path, reason: .storage("invalid schema name"))
          }
          try await connection.query(
            PostgresQuery(unsafeSQL: "CREATE SCHEMA \(location.schema)"), logger: logger)
        }
        try await Self.migrate(connection, from: 0, logger: logger)
        let rows: [(String, String)] = [
          ("schema_version", String(PostgresSchema.version)),
          ("parameters", try encode(parameters)),
          ("lead_id_key_check", key.checkValue),
          ("fingerprint_probe", FingerprintProbe.digest(parameters: parameters)),
        ]
        for (name, value) in rows {
          try await connection.query(
            "INSERT INTO chachong_meta(name, value) VALUES (\(name), \(value))", logger: logger)
        }
        meta = try await Self.readMeta(connection, logger: logger)
      } else if let stored = meta, let version = stored["schema_version"].flatMap(Int.init),
        version < PostgresSchema.version
      {
        try await Self.migrate(connection, from: version, logger: logger)
        meta = try await Self.readMeta(connection, logger: logger)
      }
      return try checkedSettings(meta: meta ?? [:], requested: parameters, environment: environment)
    }
  }

  /// The key a new store is created with: the environment's; when `CHACHONG_ID_KEY_FILE` names a
  /// file that does not exist yet, a new key written there (mode 0600). The key never goes into
  /// the database.
  static func keyForNewStore(environment: [String: String], path: String) async throws(IndexError)
    -> LeadIDHashKey
  {
    if let file = environment[LeadIDHashKey.fileEnvironmentVariable], !file.isEmpty,
      environment[LeadIDHashKey.environmentVariable]?.isEmpty ?? true,
      !FileManager.default.fileExists(atPath: file)
    {
      let key = LeadIDHashKey.generate()
      do {
        try key.write(file: file)
        return key
      } catch {
        // Another process creating the same store wrote the file first (it is created with
        // O_EXCL, then written): read its key once it is complete.
        guard FileManager.default.fileExists(atPath: file) else { throw error }
        for _ in 0..<40 {
          if let written = try? LeadIDHashKey.read(file: file) { return written }
          try? await Task.sleep(for: .milliseconds(50))
        }
        return try LeadIDHashKey.read(file: file)
      }
    }
    guard let key = try LeadIDHashKey.fromEnvironment(environment) else {
      throw IndexError(path: path, reason: .storage(Self.keyMissing))
    }
    return key
  }

  static let keyMissing =
    "a PostgreSQL store needs its ID-hash key from outside the database: set "
    + "\(LeadIDHashKey.fileEnvironmentVariable) to a key file (created, mode 0600, when a new store is made) "
    + "or \(LeadIDHashKey.environmentVariable) to its 64 hex digits"

  private func readMeta() async throws(IndexError) -> [String: String] {
    var meta: [String: String] = [:]
    try await forEachRow("SELECT name, value FROM chachong_meta") { row throws(IndexError) in
      let (name, value) = try decode(row, (String, String).self)
      meta[name] = value
    }
    return meta
  }

  private static func readMeta(_ connection: PostgresConnection, logger: Logger) async throws -> [String:
    String]?
  {
    var exists = false
    for try await value in try await connection.query(
      "SELECT to_regclass('chachong_meta') IS NOT NULL", logger: logger
    ).decode(Bool.self) {
      exists = value
    }
    guard exists else { return nil }
    var meta: [String: String] = [:]
    for try await (name, value) in try await connection.query(
      "SELECT name, value FROM chachong_meta", logger: logger
    ).decode((String, String).self) {
      meta[name] = value
    }
    return meta
  }

  /// Applies steps `from + 1 … version` and records the new version.
  private static func migrate(_ connection: PostgresConnection, from version: Int, logger: Logger)
    async throws
  {
    guard version < PostgresSchema.version else { return }
    for step in PostgresSchema.steps[version...] {
      for statement in step {
        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
      }
    }
    if version > 0 {
      try await connection.query(
        "UPDATE chachong_meta SET value = \(String(PostgresSchema.version)) WHERE name = 'schema_version'",
        logger: logger)
    }
  }

  /// Version, parameters, fingerprint probe and the key's check value, as the SQLite index checks
  /// them.
  private func checkedSettings(
    meta: [String: String], requested: IndexParameters?, environment: [String: String]
  ) throws(IndexError) -> Opened {
    guard let versionText = meta["schema_version"], let version = Int(versionText) else {
      throw IndexError(path: path, reason: .corrupt("no schema version"))
    }
    if version > PostgresSchema.version {
      throw IndexError(path: path, reason: .newerSchema(found: version, supported: PostgresSchema.version))
    }
    if version < PostgresSchema.version {
      throw IndexError(
        path: path,
        reason: .storage(
          "schema version \(version) needs an upgrade: open the store once for writing with its owner role"))
    }
    guard let storedJSON = meta["parameters"],
      let stored = try? JSONDecoder().decode(IndexParameters.self, from: Data(storedJSON.utf8))
    else {
      throw IndexError(path: path, reason: .corrupt("unreadable parameters"))
    }
    if let problem = stored.outOfRangeReason {
      throw IndexError(path: path, reason: .corrupt("parameters out of range: \(problem)"))
    }
    if let requested, requested != stored {
      let requestedJSON = (try? encode(requested)) ?? "?"
      throw IndexError(path: path, reason: .parametersMismatch(stored: storedJSON, requested: requestedJSON))
    }
    if let probe = meta["fingerprint_probe"], probe != FingerprintProbe.digest(parameters: stored) {
      throw IndexError(path: path, reason: .fingerprintsChanged)
    }
    guard let key = try LeadIDHashKey.fromEnvironment(environment) else {
      throw IndexError(path: path, reason: .storage(Self.keyMissing))
    }
    guard meta["lead_id_key_check"] == key.checkValue else {
      throw IndexError(
        path: path,
        reason: .corrupt(
          "the ID-hash key (\(LeadIDHashKey.environmentVariable) or \(LeadIDHashKey.fileEnvironmentVariable)) "
            + "is not this store's key"))
    }
    return Opened(parameters: stored, key: key, version: version)
  }
}

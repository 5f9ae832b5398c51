import ArchiveStore
import Foundation
import PostgresNIO

/// Where a PostgreSQL store is: `postgresql://USER@HOST:PORT/DB?sslmode=…&schema=…`.
///
/// A password never comes from the URL (it would show in process lists, shell histories and
/// reports): a URL that holds one is refused, and ``resolvePassword(environment:home:)`` reads it
/// from `CHACHONG_STORE_PASSWORD`, `PGPASSWORD` or the pgpass file. ``description`` is safe to
/// print and to put in reports.
package struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
  package enum SSLMode: String, Sendable, CaseIterable {
    /// No TLS.
    case disable
    /// TLS when the server offers it, without checking its certificate (libpq's default).
    case prefer
    /// TLS required, certificate not checked (libpq's `require`).
    case require
    /// TLS required, certificate chain checked, host name not.
    case verifyCA = "verify-ca"
    /// TLS required, certificate chain and host name checked.
    case verifyFull = "verify-full"
  }

  package var user: String
  package var host: String
  package var port: Int
  package var database: String
  package var sslMode: SSLMode
  /// A CA bundle (PEM) for `verify-ca`/`verify-full`; nil: the system's trust roots.
  package var rootCertificate: String?
  /// The schema holding chachong's tables (default `public`): several archives, or tests, can
  /// share one database in separate schemas.
  package var schema: String
  /// Connections this process may open at most.
  package var poolSize: Int

  package static let passwordVariable = "CHACHONG_STORE_PASSWORD"
  static let maximumPoolSize = 64

  /// Whether `text` names a PostgreSQL store (and not a directory).
  package static func isPostgresURL(_ text: String) -> Bool {
    text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
  }

  /// Parses a store URL. Errors say what is wrong with it without repeating a password.
  package init(url text: String) throws(IndexError) {
    func invalid(_ why: String) -> IndexError {
      IndexError(path: "postgresql URL", reason: .storage(why))
    }
    guard text.utf8.count <= 2048 else { throw invalid("the URL is longer than 2048 bytes") }
    guard Self.isPostgresURL(text) else {
      throw invalid("a PostgreSQL store URL starts with postgresql://")
    }
    guard let components = URLComponents(string: text) else {
      throw invalid("the URL cannot be parsed (percent-encode special characters)")
    }
    if components.password != nil {
      throw invalid(
        "the URL holds a password; never put it on the command line: set \(Self.passwordVariable) or "
          + "PGPASSWORD, or use a ~/.pgpass file")
    }
    guard let user = components.user, !user.isEmpty else {
      throw invalid("the URL names no user (postgresql://USER@HOST:PORT/DATABASE)")
    }
    guard let host = components.host, !host.isEmpty else { throw invalid("the URL names no host") }
    let port = components.port ?? 5432
    guard (1...65535).contains(port) else { throw invalid("port \(port) is outside 1…65535") }
    let database = String(components.path.drop(while: { $0 == "/" }))
    guard !database.isEmpty, !database.contains("/") else {
      throw invalid("the URL names no database (postgresql://USER@HOST:PORT/DATABASE)")
    }
    self.user = user.removingPercentEncoding ?? user
    self.host = host
    self.port = port
    self.database = database.removingPercentEncoding ?? database
    sslMode = .prefer
    schema = "public"
    poolSize = 8
    for item in components.queryItems ?? [] {
      let value = item.value ?? ""
      switch item.name {
      case "sslmode":
        guard let mode = SSLMode(rawValue: value) else {
          throw invalid(
            "sslmode=\(value) is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        sslMode = mode
      case "sslrootcert":
        rootCertificate = value
      case "schema":
        guard Self.isPlainIdentifier(value) else {
          throw invalid(
            "schema=\(value): use lower-case letters, digits and _ (at most 63), not starting with a digit")
        }
        schema = value
      case "pool_size":
        guard let size = Int(value), (1...Self.maximumPoolSize).contains(size) else {
          throw invalid("pool_size must be between 1 and \(Self.maximumPoolSize)")
        }
        poolSize = size
      case "password":
        throw invalid("the URL holds a password; set \(Self.passwordVariable) or PGPASSWORD instead")
      default:
        throw invalid("unknown URL parameter \(item.name) (known: sslmode, sslrootcert, schema, pool_size)")
      }
    }
  }

  /// The URL without anything secret (there is nothing secret in it: passwords are refused).
  package var description: String {
    var text = "postgresql://\(user)@\(host):\(port)/\(database)"
    var parameters: [String] = []
    if sslMode != .prefer { parameters.append("sslmode=\(sslMode.rawValue)") }
    if schema != "public" { parameters.append("schema=\(schema)") }
    if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
    return text
  }

  /// A schema name chachong puts into SQL text (`CREATE SCHEMA`, `search_path`): identifiers
  /// cannot be bind parameters, so only these characters are accepted.
  package static func isPlainIdentifier(_ name: String) -> Bool {
    guard (1...63).contains(name.utf8.count), let first = name.utf8.first,
      !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    else { return false }
    return name.utf8.allSatisfy {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        || $0 == UInt8(ascii: "_")
    }
  }

  /// The password: `CHACHONG_STORE_PASSWORD`, else `PGPASSWORD`, else the first matching line of
  /// the pgpass file (`PGPASSFILE` or `~/.pgpass`, ignored as libpq does when group or others
  /// may read it); nil when none applies (trust or peer authentication).
  package func resolvePassword(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    home: String = NSHomeDirectory()
  ) throws(IndexError) -> String? {
    if let password = environment[Self.passwordVariable], !password.isEmpty { return password }
    if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
    let file =
      environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (home as NSString)
      .appendingPathComponent(".pgpass")
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else { return nil }
    if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
      throw IndexError(
        path: file,
        reason: .storage(
          "the password file may be read by group or others: chmod 0600 it (as libpq requires)"))
    }
    guard let size = (attributes[.size] as? NSNumber)?.intValue, size <= 1 << 20,
      let data = FileManager.default.contents(atPath: file)
    else {
      throw IndexError(path: file, reason: .storage("the password file cannot be read or is over 1 MiB"))
    }
    return Self.passwordFromPgpass(
      String(decoding: data, as: UTF8.self), host: host, port: port, database: database, user: user)
  }

  /// The first pgpass line `host:port:database:user:password` matching (`*` matches anything;
  /// `\:` and `\\` are escapes), as libpq reads it.
  package static func passwordFromPgpass(
    _ contents: String, host: String, port: Int, database: String, user: String
  ) -> String? {
    for line in contents.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      var fields: [String] = []
      var current = ""
      var escaped = false
      for character in line {
        if escaped {
          current.append(character)
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == ":" && fields.count < 4 {
          fields.append(current)
          current = ""
        } else {
          current.append(character)
        }
      }
      fields.append(current)
      guard fields.count == 5 else { continue }
      let wanted = [host, String(port), database, user]
      let matches =
        zip(fields.prefix(4), wanted).allSatisfy { $0 == "*" || $0 == $1 }
        || (fields[0] == "localhost" && host == "127.0.0.1"
          && zip(fields[1...3], wanted[1...]).allSatisfy {
            $0 == "*" || $0 == $1
          })
      if matches { return fields[4] }
    }
    return nil
  }

  /// postgres-nio's client configuration: TLS per `sslmode`, the schema as the session's
  /// `search_path` (sent in the startup message, not as SQL text).
  func clientConfiguration(password: String?) throws(IndexError) -> PostgresClient.Configuration {
    let tls: PostgresClient.Configuration.TLS
    switch sslMode {
    case .disable:
      tls = .disable
    case .prefer, .require:
      var configuration = TLSConfiguration.makeClientConfiguration()
      configuration.certificateVerification = .none
      tls = sslMode == .prefer ? .prefer(configuration) : .require(configuration)
    case .verifyCA, .verifyFull:
      var configuration = TLSConfiguration.makeClientConfiguration()
      configuration.certificateVerification =
        sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
      if let rootCertificate {
        configuration.trustRoots = .file(rootCertificate)
      }
      tls = .require(configuration)
    }
    var configuration = PostgresClient.Configuration(
      host: host, port: port, username: user, password: password, database: database, tls: tls)
    configuration.options.maximumConnections = poolSize
    configuration.options.connectionIdleTimeout = .seconds(20)
    configuration.options.connectTimeout = .seconds(10)
    configuration.options.additionalStartupParameters = [
      ("search_path", schema), ("application_name", "chachong"),
    ]
    return configuration
  }
}

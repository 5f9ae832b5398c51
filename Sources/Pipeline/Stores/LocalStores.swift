import ArchiveStore
import ChachongCore
import IndexStore
import PostgresStore

/// The stores a command line names: the embedded SQLite index in a directory (`DIR` or
/// `sqlite:PATH`) or a PostgreSQL store (`postgresql://USER@HOST:PORT/DB?sslmode=…`).
package enum LocalStores {
  /// What a `--store` or `--index` argument names.
  package enum Address: Sendable, Equatable {
    case sqlite(directory: String)
    case postgres(url: String)

    /// `sqlite:PATH` and any other text without a scheme are directories; `postgresql://` and
    /// `postgres://` are PostgreSQL; another `scheme://` is refused.
    package init(_ text: String) throws(ServiceError) {
      if PostgresLocation.isPostgresURL(text) {
        self = .postgres(url: text)
      } else if text.hasPrefix("sqlite:") {
        let path = String(text.dropFirst("sqlite:".count))
        guard !path.isEmpty else { throw ServiceError(.badInput, "sqlite: names no directory") }
        self = .sqlite(directory: path)
      } else if let scheme = text.range(of: "://"), !text[..<scheme.lowerBound].contains("/") {
        throw ServiceError(
          .badInput,
          "unknown store scheme \(text[..<scheme.lowerBound]) (use a directory, sqlite:PATH or postgresql://…)"
        )
      } else {
        self = .sqlite(directory: text)
      }
    }
  }

  /// An existing store (read commands).
  package static func open(_ directory: String, readOnly: Bool = false) throws(ServiceError) -> DocumentIndex
  {
    do {
      return try DocumentIndex.open(directory: directory, readOnly: readOnly)
    } catch {
      throw .store(error)
    }
  }

  /// An existing store, or a new one with `parameters` (nil: the standard ones) when there is none;
  /// an existing store built with other parameters than non-nil `parameters` is an error.
  package static func openOrCreate(_ directory: String, parameters: IndexParameters? = nil)
    throws(ServiceError)
    -> DocumentIndex
  {
    do {
      if DocumentIndex.exists(directory: directory) {
        return try DocumentIndex.open(directory: directory, creating: parameters)
      }
      return try DocumentIndex.open(directory: directory, creating: parameters ?? .standard)
    } catch {
      throw .store(error)
    }
  }

  /// The existing store `address` names (read commands open it read-only: nothing is created or
  /// migrated, so a read-only database role is enough).
  package static func openStore(_ address: Address, readOnly: Bool = false) async throws(ServiceError)
    -> any ArchiveWriting
  {
    switch address {
    case .sqlite(let directory):
      return try open(directory, readOnly: readOnly)
    case .postgres(let url):
      do {
        return try await PostgresArchive.open(url: url, readOnly: readOnly)
      } catch {
        throw .store(error)
      }
    }
  }

  /// The store `address` names, created with `parameters` (nil: the standard ones) when missing.
  package static func openOrCreateStore(_ address: Address, parameters: IndexParameters? = nil)
    async throws(ServiceError) -> any ArchiveWriting
  {
    switch address {
    case .sqlite(let directory):
      return try openOrCreate(directory, parameters: parameters)
    case .postgres(let url):
      do {
        do {
          return try await PostgresArchive.open(url: url, creating: parameters ?? .standard)
        } catch let error where error.reason.isParametersMismatch && parameters == nil {
          // An existing store with its own parameters: as for a directory, nil means "whatever
          // the store has".
          return try await PostgresArchive.open(url: url)
        }
      } catch {
        throw .store(error)
      }
    }
  }
}

extension LocalStores {
  /// The service's three stores in one PostgreSQL database: the archive (created with the
  /// standard parameters when missing, as `serve --index` creates a directory), the shared job
  /// table and the service state, over one connection pool.
  package static func openPostgresService(url: String, maxJobAttempts: Int) async throws(ServiceError) -> (
    archive: any ArchiveWriting, jobs: any JobQueue, state: any ServiceStateStore
  ) {
    let archive: PostgresArchive
    do {
      do {
        archive = try await PostgresArchive.open(url: url, creating: .standard)
      } catch let error where error.reason.isParametersMismatch {
        archive = try await PostgresArchive.open(url: url)
      }
    } catch {
      throw .store(error)
    }
    return (
      archive, PostgresJobQueue(archive: archive, maxAttempts: maxJobAttempts),
      PostgresServiceState(archive: archive)
    )
  }
}

extension IndexError.Reason {
  fileprivate var isParametersMismatch: Bool {
    if case .parametersMismatch = self { return true }
    return false
  }
}

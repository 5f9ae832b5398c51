import ArchiveStore
import Foundation
import PostgresStore

/// The server the PostgreSQL factories use: `Tools/with-postgres.sh` starts a throwaway one and
/// sets this variable. Unset: the PostgreSQL cases are left out, and
/// `PostgresContractAvailability` reports itself skipped with the reason.
let testPostgresURL: String? = {
  let value = ProcessInfo.processInfo.environment["CHACHONG_TEST_POSTGRES_URL"] ?? ""
  return value.isEmpty ? nil : value
}()

/// A PostgreSQL store in a new schema of the test server (each test its own, so tests run in
/// parallel without seeing each other's rows), with a random ID-hash key from the environment
/// the store is opened with.
func freshPostgresArchive(url: String) async throws -> PostgresArchive {
  let schema = "contract_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
  let separator = url.contains("?") ? "&" : "?"
  var environment = ProcessInfo.processInfo.environment
  environment["CHACHONG_ID_KEY"] = LeadIDHashKey.generate().hex
  environment["CHACHONG_ID_KEY_FILE"] = nil
  return try await PostgresArchive.open(
    url: url + separator + "schema=\(schema)&pool_size=4", creating: .standard, environment: environment)
}

/// Factories of stores that need a server (PostgreSQL), added when one is configured.
let extraFactories: [StoreFactory] =
  testPostgresURL.map { url in
    [StoreFactory(description: "postgresql") { try await freshPostgresArchive(url: url) }]
  } ?? []

/// Job queues of stores that need a server, added the same way.
let extraJobQueueFactories: [JobQueueFactory] =
  testPostgresURL.map { url in
    [
      JobQueueFactory(description: "postgresql") { maxAttempts, clock in
        PostgresJobQueue(
          archive: try await freshPostgresArchive(url: url), maxAttempts: maxAttempts, clock: clock)
      }
    ]
  } ?? []

/// Service-state stores of stores that need a server, added the same way.
let extraServiceStateFactories: [ServiceStateFactory] =
  testPostgresURL.map { url in
    [
      ServiceStateFactory(description: "postgresql") { clock in
        PostgresServiceState(archive: try await freshPostgresArchive(url: url), clock: clock)
      }
    ]
  } ?? []

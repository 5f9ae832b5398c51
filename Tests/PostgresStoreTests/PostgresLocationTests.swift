import ArchiveStore
import Foundation
import Testing

@testable import PostgresStore

/// Store URLs and passwords: no server needed.
@Suite struct PostgresLocationTests {
  @Test func aURLIsParsedAndDescribedWithoutSecrets() throws {
    let location = try PostgresLocation(
      url: "postgresql://app@db.example:6543/archive?sslmode=verify-full&schema=s1")
    #expect(location.user == "app")
    #expect(location.host == "db.example")
    #expect(location.port == 6543)
    #expect(location.database == "archive")
    #expect(location.sslMode == .verifyFull)
    #expect(location.schema == "s1")
    #expect(location.description == "postgresql://app@db.example:6543/archive?sslmode=verify-full&schema=s1")
  }

  @Test func aPasswordInTheURLIsRefusedWithoutBeingRepeated() {
    for url in ["postgresql://app:s3cret@db:5432/archive", "postgresql://app@db/archive?password=s3cret"] {
      do {
        _ = try PostgresLocation(url: url)
        Issue.record("accepted \(url)")
      } catch {
        #expect(error.description.contains("password"))
        #expect(!error.description.contains("s3cret"))
      }
    }
  }

  @Test func badURLsAreTypedErrors() {
    for url in [
      "postgresql://db/archive", "postgresql://app@db/", "postgresql://app@db/a?sslmode=maybe",
      "postgresql://app@db/a?schema=Robert');DROP", "postgresql://app@db/a?pool_size=0", "mysql://app@db/a",
      "postgresql://app@db/a?unknown=1",
    ] {
      #expect(throws: IndexError.self, "\(url)") { _ = try PostgresLocation(url: url) }
    }
  }

  @Test func thePasswordComesFromTheEnvironmentThenPgpass() throws {
    let location = try PostgresLocation(url: "postgresql://app@127.0.0.1:5433/archive")
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let file = home.appendingPathComponent(".pgpass").path
    try "# comment\nother:5433:archive:app:wrong\nlocalhost:5433:*:app:from\\:file\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    #expect(try location.resolvePassword(environment: [:], home: home.path) == "from:file")
    #expect(try location.resolvePassword(environment: ["PGPASSWORD": "pg"], home: home.path) == "pg")
    #expect(
      try location.resolvePassword(
        environment: ["PGPASSWORD": "pg", "CHACHONG_STORE_PASSWORD": "own"], home: home.path) == "own")
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
    #expect(throws: IndexError.self) { _ = try location.resolvePassword(environment: [:], home: home.path) }
  }
}

import ArchiveStore
import Foundation
import Testing

@testable import PostgresStore

#if canImport(Glibc)
  import Glibc
#endif

/// The throwaway cluster's CA when it runs with TLS (`Tools/with-postgres.sh` makes one when
/// openssl is there).
let testPostgresCA: String? = {
  let environment = ProcessInfo.processInfo.environment
  guard environment["CHACHONG_TEST_POSTGRES_TLS"] == "1", let ca = environment["CHACHONG_TEST_POSTGRES_CA"],
    FileManager.default.fileExists(atPath: ca)
  else { return nil }
  return ca
}()

/// The URL parameters added to the test server's URL.
func tlsURL(_ base: String, schema: String, _ parameters: String) -> String {
  storeURL(base, schema: schema) + "&" + parameters
}

/// Whether the session's connection is encrypted (the server's own view, `pg_stat_ssl`).
func connectionUsesTLS(_ store: PostgresArchive) async throws -> Bool {
  var encrypted = false
  try await store.session.forEachRow(
    "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
  ) { row throws(IndexError) in
    encrypted = try store.session.decodeSingle(row, Bool.self)
  }
  return encrypted
}

/// sslmode against the throwaway cluster started with ssl=on and its own CA.
@Suite(
  .enabled(if: testPostgresURL != nil, skippedWithoutServer),
  .enabled(
    if: testPostgresCA != nil, "SKIPPED: the test server runs without TLS (no openssl for its certificate)"))
struct PostgresTLSTests {
  let base = testPostgresURL ?? ""
  let ca = testPostgresCA ?? ""

  @Test func requireConnectsEncryptedWithoutCheckingTheCertificate() async throws {
    let store = try await PostgresArchive.open(
      url: tlsURL(base, schema: freshSchema("tls_require"), "sslmode=require"), creating: .standard,
      environment: keyEnvironment(.generate()))
    #expect(try await connectionUsesTLS(store))
    try await store.upsert([try storable("tls", pseudoChinese(seed: 3, count: 600), in: store)])
    #expect(try await store.documentCount() == 1)
    await store.close()
  }

  @Test func disableConnectsInTheClear() async throws {
    let store = try await PostgresArchive.open(
      url: tlsURL(base, schema: freshSchema("tls_disable"), "sslmode=disable"), creating: .standard,
      environment: keyEnvironment(.generate()))
    #expect(try await connectionUsesTLS(store) == false)
    await store.close()
  }

  @Test func verifyFullAcceptsTheServerSignedByTheGivenCA() async throws {
    let store = try await PostgresArchive.open(
      url: tlsURL(base, schema: freshSchema("tls_full"), "sslmode=verify-full&sslrootcert=\(ca)"),
      creating: .standard, environment: keyEnvironment(.generate()))
    #expect(try await connectionUsesTLS(store))
    await store.close()
    let checkedChainOnly = try await PostgresArchive.open(
      url: tlsURL(base, schema: freshSchema("tls_ca"), "sslmode=verify-ca&sslrootcert=\(ca)"),
      creating: .standard, environment: keyEnvironment(.generate()))
    #expect(try await connectionUsesTLS(checkedChainOnly))
    await checkedChainOnly.close()
  }

  /// Another CA, or the system's roots (which never signed the throwaway CA): refused before
  /// anything is sent.
  @Test func verifyFullRefusesACertificateFromAnotherCA() async throws {
    let other = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-other-ca-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: other) }
    let openssl = Process()
    openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    openssl.arguments = [
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=other CA",
      "-keyout", other.appendingPathComponent("ca.key").path, "-out",
      other.appendingPathComponent("ca.crt").path,
    ]
    openssl.standardError = FileHandle.nullDevice
    try openssl.run()
    openssl.waitUntilExit()
    try #require(openssl.terminationStatus == 0)
    for parameters in [
      "sslmode=verify-full&sslrootcert=\(other.appendingPathComponent("ca.crt").path)", "sslmode=verify-full",
      "sslmode=verify-ca",
    ] {
      do {
        let store = try await PostgresArchive.open(
          url: tlsURL(base, schema: freshSchema("tls_other"), parameters), creating: .standard,
          environment: keyEnvironment(.generate()))
        await store.close()
        Issue.record("\(parameters): connected to a server whose certificate the trust roots do not cover")
      } catch {
        #expect(error.description.contains("PostgreSQL connection"), "\(parameters): \(error.description)")
      }
    }
  }
}

/// A loopback listener that answers as a PostgreSQL server without TLS does: `N` to the client's
/// SSLRequest. It records every byte the client sends after that (a startup message would carry
/// the user and database in the clear).
final class ServerWithoutTLS: @unchecked Sendable {
  let port: Int
  private let socket: Int32
  private let lock = NSLock()
  private var afterRefusal: [UInt8] = []
  private var sslRequests = 0
  private let finished = DispatchSemaphore(value: 0)

  init() throws {
    let listener = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(listener, $0, length) }
    }
    guard bound == 0, listen(listener, 4) == 0 else {
      close(listener)
      throw CocoaError(.fileWriteUnknown)
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
    }
    socket = listener
    port = Int(UInt16(bigEndian: address.sin_port))
    // A thread of its own: blocking accept and reads never run on the cooperative pool.
    Thread.detachNewThread { [self] in serve() }
  }

  /// Accepts connections until ``result()`` shuts the listener down (the client's pool may try
  /// more than once), one at a time.
  private func serve() {
    defer { finished.signal() }
    while true {
      let client = accept(socket, nil, nil)
      guard client >= 0 else { return }
      handle(client)
      close(client)
    }
  }

  private func handle(_ client: Int32) {
    var timeout = timeval(tv_sec: 3, tv_usec: 0)
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var request = [UInt8](repeating: 0, count: 8)
    guard recv(client, &request, 8, Int32(MSG_WAITALL)) == 8 else { return }
    // Length 8, code 80877103: an SSLRequest.
    guard request == [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F] else {
      lock.withLock { afterRefusal += request }
      return
    }
    lock.withLock { sslRequests += 1 }
    _ = send(client, [UInt8(ascii: "N")], 1, 0)
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = recv(client, &buffer, buffer.count, 0)
      guard count > 0 else { return }
      lock.withLock { afterRefusal += buffer[0..<count] }
    }
  }

  /// Stops listening, waits (up to 10 s) for the connection being served to end; returns the
  /// SSLRequests seen and any other bytes the client sent.
  func result() -> (sslRequests: Int, bytesAfterRefusal: [UInt8]) {
    shutdown(socket, Int32(SHUT_RDWR))
    _ = finished.wait(timeout: .now() + 10)
    close(socket)
    return lock.withLock { (sslRequests, afterRefusal) }
  }
}

@Suite struct PostgresTLSFailsClosedTests {
  /// `require` and `verify-full` against a server that does not offer TLS: a connection error,
  /// and nothing (no startup message with the user name) is sent in the clear.
  @Test(arguments: ["require", "verify-full", "verify-ca"])
  func requiredTLSFailsClosedAgainstAServerWithoutIt(mode: String) async throws {
    let server = try ServerWithoutTLS()
    do {
      let store = try await PostgresArchive.open(
        url: "postgresql://secretuser@127.0.0.1:\(server.port)/chachong?sslmode=\(mode)", creating: .standard,
        environment: keyEnvironment(.generate()))
      await store.close()
      Issue.record("sslmode=\(mode) opened a store on a server without TLS")
    } catch {
      #expect(error.description.contains("PostgreSQL connection"), "\(error.description)")
    }
    let seen = server.result()
    #expect(seen.sslRequests >= 1, "the client asked for TLS first")
    #expect(
      seen.bytesAfterRefusal.isEmpty,
      "sent after the server refused TLS: \(seen.bytesAfterRefusal.count) bytes")
  }
}

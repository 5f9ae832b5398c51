import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The built `chachong` binary (.build/debug or .build/release), or nil when it is not built.
let chachongBinary: URL? = {
  for configuration in ["debug", "release"] {
    let url = repositoryRoot.appendingPathComponent(".build/\(configuration)/chachong")
    if FileManager.default.isExecutableFile(atPath: url.path) { return url }
  }
  return nil
}()

struct CommandRun {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `chachong` with `arguments` to its end.
func runChachong(_ arguments: [String]) throws -> CommandRun {
  let process = Process()
  process.executableURL = chachongBinary
  process.arguments = arguments
  process.currentDirectoryURL = repositoryRoot
  let output = Pipe()
  let errors = Pipe()
  process.standardOutput = output
  process.standardError = errors
  try process.run()
  let stdout = output.fileHandleForReading.readDataToEndOfFile()
  let stderr = errors.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return CommandRun(
    status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
    stderr: String(decoding: stderr, as: UTF8.self))
}

/// `chachong serve` on a free loopback port, and an HTTP client for it.
final class ServerProcess: @unchecked Sendable {
  let process = Process()
  let port: Int
  let stderrFile: URL

  /// Starts the server and waits until it says where it listens.
  init(index: String, environment: [String: String] = [:]) throws {
    stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "serve-\(UUID().uuidString).log")
    FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
    process.executableURL = chachongBinary
    process.arguments = ["serve", "--index", index, "--port", "0"]
    process.currentDirectoryURL = repositoryRoot
    var variables = ProcessInfo.processInfo.environment
    variables.merge(environment) { $1 }
    process.environment = variables
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: stderrFile)
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    var found: Int?
    while Date() < deadline, found == nil, process.isRunning {
      let log = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
      if let range = log.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
        found = Int(log[range].split(separator: ":").last ?? "")
      } else {
        Thread.sleep(forTimeInterval: 0.1)
      }
    }
    guard let found else {
      process.terminate()
      let log = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
      throw CocoaError(
        .fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the server did not start: \(log)"])
    }
    port = found
  }

  func log() -> String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

  func kill9() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  func terminate() -> Int32 {
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    return process.terminationStatus
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }

  struct Reply {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    var json: [String: Any] {
      (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }
  }

  func request(
    _ method: HTTPMethod, _ path: String, key: String?, body: [UInt8]? = nil, headers: [(String, String)] = []
  ) async throws -> Reply {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
    request.method = method
    if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
    let buffer = try await response.body.collect(upTo: 256 << 20)
    return Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer: buffer))
  }
}

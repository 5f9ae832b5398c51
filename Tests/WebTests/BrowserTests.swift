import DocumentText
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The web interface in a real browser: the built `chachong` serves a fresh store on a free
/// loopback port, `chachong users create` makes the users, and Tools/browser/e2e.py drives
/// headless Chromium through Selenium (see the script for every step and security check).
/// Needs `chromium`, `chromium-driver` and Python's `selenium`: Tools/browser/ensure-browser.sh
/// installs them. Without them the test is skipped and says so.
@Suite(.serialized) struct BrowserTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static let binary: URL? = {
    for configuration in ["debug", "release"] {
      let url = packageRoot.appendingPathComponent(".build/\(configuration)/chachong")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }()

  /// Why the browser test cannot run here, or nil when it can.
  static let missing: String? = {
    if binary == nil { return "the chachong binary is not built (swift build)" }
    for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"]
    where !FileManager.default.isExecutableFile(atPath: tool) {
      return "\(tool) is missing (Tools/browser/ensure-browser.sh installs chromium and chromium-driver)"
    }
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import selenium"]
    probe.standardError = FileHandle.nullDevice
    do {
      try probe.run()
      probe.waitUntilExit()
    } catch {
      return "python3 cannot be started"
    }
    return probe.terminationStatus == 0
      ? nil : "Python's selenium is missing (Tools/browser/ensure-browser.sh installs it)"
  }()

  static var skipMessage: Comment {
    let reason = missing ?? ""
    if !reason.isEmpty { print("BrowserTests SKIPPED: \(reason)") }
    return Comment(rawValue: "browser test skipped: \(reason)")
  }

  @Test(.enabled(if: missing == nil, skipMessage), .timeLimit(.minutes(20)))
  func sampleBatchInChromium() async throws {
    let binary = try #require(Self.binary)
    let work = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let index = work.appendingPathComponent("index").path
    let sample = Self.packageRoot.appendingPathComponent("Corpora/sample").path

    // A fresh store holding the sample's archive (the past applications the batch is checked against).
    let ingest = try Self.run(
      binary.path,
      ["ingest", "--index", index, "--manifest", sample + "/archive-manifest.csv", sample + "/archive"],
      in: work)
    #expect(ingest.status == 0, "ingest: \(ingest.output)")

    let users = [("rev", "reviewer", "reviewer-password-1"), ("adm", "admin", "admin-password-12")]
    for (name, role, password) in users {
      let created = try Self.run(
        binary.path, ["users", "create", "--index", index, "--name", name, "--role", role], in: work,
        input: password + "\n")
      #expect(created.status == 0, "users create \(name): \(created.output)")
    }
    let listed = try Self.run(binary.path, ["users", "list", "--index", index], in: work)
    #expect(listed.output.contains("rev") && listed.output.contains("reviewer"))

    let port = try Self.freePort()
    let server = Process()
    server.executableURL = binary
    server.arguments = ["serve", "--index", index, "--host", "127.0.0.1", "--port", String(port)]
    server.currentDirectoryURL = work
    let serverLog = work.appendingPathComponent("server.log")
    FileManager.default.createFile(atPath: serverLog.path, contents: nil)
    let logHandle = try FileHandle(forWritingTo: serverLog)
    server.standardOutput = logHandle
    server.standardError = logHandle
    try server.run()
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let base = "http://127.0.0.1:\(port)"
    try await Self.waitUntilUp(base + "/login", server: server, log: serverLog)

    let screenshots =
      ProcessInfo.processInfo.environment["CHACHONG_SCREENSHOTS"]
      ?? Self.packageRoot.appendingPathComponent(".build/screenshots").path
    let script = Self.packageRoot.appendingPathComponent("Tools/browser/e2e.py").path
    let e2e = try Self.run(
      "/usr/bin/env",
      [
        "python3", script, "--base", base, "--reviewer", "rev:reviewer-password-1", "--admin",
        "adm:admin-password-12",
        "--sample", sample, "--screenshots", screenshots, "--downloads",
        work.appendingPathComponent("downloads").path,
      ], in: work)
    print(e2e.output)
    #expect(
      e2e.status == 0,
      "e2e.py failed:\n\(e2e.output.split(separator: "\n").filter { $0.hasPrefix("FAIL") }.joined(separator: "\n"))"
    )

    // The downloaded workbook, read back with our own xlsx reader.
    let xlsxLine = e2e.output.split(separator: "\n").first { $0.hasPrefix("XLSX ") }
    let xlsxPath = try #require(xlsxLine.map { String($0.dropFirst(5)) })
    let table = try TableFileReader.read(path: xlsxPath)
    #expect(
      Array(table.header.prefix(9)) == [
        "序号", "网上申报编号", "项目名称", "申报单位", "所在县（市）", "申报企业类型", "所在创新载体类型及名称", "指南编号", "备注",
      ])
    #expect(table.rows.count == 50)
    let ids = Set(table.rows.compactMap { $0.count > 1 ? $0[1] : nil })
    #expect(ids.contains("QZ2023-025") && ids.contains("QZ2023-001"))
    #expect(table.rows.contains { $0.joined().contains("plagiarism") })
    #expect(!table.rows.joined().joined().contains("320682197712146889"))
    // Nothing of the ../ upload landed next to the store.
    #expect(
      !FileManager.default.fileExists(
        atPath: work.deletingLastPathComponent().appendingPathComponent("escape-test.txt").path))
  }

  struct Run {
    var status: Int32
    var output: String
  }

  /// Runs a program to its end, its output (both streams) in a file so no pipe fills up.
  static func run(_ program: String, _ arguments: [String], in directory: URL, input: String? = nil) throws
    -> Run
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let outputURL = directory.appendingPathComponent("out-\(UUID().uuidString).txt")
    FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    let output = try FileHandle(forWritingTo: outputURL)
    process.standardOutput = output
    process.standardError = output
    if let input {
      let pipe = Pipe()
      process.standardInput = pipe
      try process.run()
      pipe.fileHandleForWriting.write(Data(input.utf8))
      try pipe.fileHandleForWriting.close()
    } else {
      process.standardInput = FileHandle.nullDevice
      try process.run()
    }
    process.waitUntilExit()
    try output.close()
    let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
    return Run(status: process.terminationStatus, output: text)
  }

  /// A loopback port nobody listens on now (bound to port 0, read back, closed).
  static func freePort() throws -> Int {
    let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketDescriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
    defer { close(socketDescriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else { throw CocoaError(.fileWriteUnknown) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  static func waitUntilUp(_ url: String, server: Process, log: URL) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      guard server.isRunning else {
        Issue.record("chachong serve exited: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        throw CancellationError()
      }
      if let target = URL(string: url), let (_, response) = try? await URLSession.shared.data(from: target),
        (response as? HTTPURLResponse)?.statusCode == 200
      {
        return
      }
      try await Task.sleep(for: .milliseconds(200))
    }
    Issue.record(
      "chachong serve did not answer within 60 s: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    throw CancellationError()
  }
}

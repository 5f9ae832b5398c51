import Foundation

/// Runs the built `chachong` binary on the cases of Tools/hostile/generate.py with a time limit
/// and a memory check, standard output and error in files (no pipe can fill up and block).
enum HostileRunner {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The binary `swift build` made (debug first, as CI builds it).
  static let binary: URL? = {
    for configuration in ["debug", "release"] {
      let url = packageRoot.appendingPathComponent(".build/\(configuration)/chachong")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }()

  static let timeLimit: Duration = .seconds(20)
  /// Issue 11's bound per hostile input.
  static let memoryLimitBytes = 1 << 30

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
    var timedOut: Bool
    /// The largest resident set of any child this process has waited for so far, so an upper
    /// bound for this run (tests run in parallel in one process).
    var maxResidentBytes: Int

    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
  }

  /// Runs `chachong arguments` in `directory`. `environment` is added to this process's;
  /// `stdoutPath` replaces the captured standard output (for /dev/full); `asUser` runs it with
  /// that uid and gid through setpriv when this process is root (permission bits do not bind
  /// root, so a read-only index is only read-only for another user).
  static func run(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:], stdoutPath: String? = nil,
    asUser: UInt32? = nil
  ) throws -> Run {
    guard let binary else { throw CocoaError(.fileNoSuchFile) }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hostile-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    // A 4 GiB address-space cap keeps a regression from taking the machine down; the 1 GiB
    // bound itself is checked on the resident set below.
    var command = ["/bin/sh", "-c", "ulimit -v 4194304 && exec \"$0\" \"$@\"", binary.path] + arguments
    if let asUser, getuid() == 0 {
      command = ["/usr/bin/setpriv", "--reuid=\(asUser)", "--regid=\(asUser)", "--clear-groups"] + command
    }
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardInput = FileHandle.nullDevice
    let outHandle = try FileHandle(forWritingTo: stdoutPath.map(URL.init(fileURLWithPath:)) ?? outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    process.standardOutput = outHandle
    process.standardError = errHandle
    let start = ContinuousClock.now
    try process.run()
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      process.waitUntilExit()
      finished.signal()
    }
    var timedOut = false
    if finished.wait(timeout: .now() + .seconds(Int(timeLimit.components.seconds))) == .timedOut {
      timedOut = true
      kill(process.processIdentifier, SIGKILL)
      finished.wait()
    }
    let elapsed = ContinuousClock.now - start
    try outHandle.close()
    try errHandle.close()
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Run(
      status: process.terminationStatus,
      stdout: stdoutPath == nil
        ? String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self) : "",
      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self), seconds: seconds,
      timedOut: timedOut, maxResidentBytes: Int(usage.ru_maxrss) * 1024)
  }

  /// Writes every case into `directory` and returns its description.
  static func generate(into directory: URL) throws -> Cases {
    let generator = packageRoot.appendingPathComponent("Tools/hostile/generate.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", generator.path, directory.path]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    let data = try Data(contentsOf: directory.appendingPathComponent("cases.json"))
    return try JSONDecoder().decode(Cases.self, from: data)
  }

  /// Runs the generator's `tamper` mode on an index; the damaged copies by name.
  static func tamper(index: URL) throws -> [String: String] {
    let generator = packageRoot.appendingPathComponent("Tools/hostile/generate.py")
    let process = Process()
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", generator.path, "tamper", index.path]
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try JSONDecoder().decode([String: String].self, from: data)
  }

  struct Cases: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomStringConvertible {
      var name: String
      var path: String
      /// "error": exit 2 and one line naming the file; "ok": read, `reason` in the output.
      var expect: String
      var reason: String
      var commands: [String]
      var description: String { name }
    }
    var cases: [Case]
    var idForms: [String: String]
    var goodDocuments: [String]
  }
}

/// Control characters as chachong's messages write them (DisplayText in DocumentText).
func escapedForDisplay(_ text: String) -> String {
  var result = ""
  for scalar in text.unicodeScalars {
    switch scalar.value {
    case 0x0A: result += "\\n"
    case 0x0D: result += "\\r"
    case 0x09: result += "\\t"
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
      result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result
}

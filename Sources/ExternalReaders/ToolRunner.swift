import DocumentText
import Foundation
import Glibc

/// Runs a system tool (`pdftotext`, `pdftoppm`, `tesseract`) as a bounded subprocess: stdin from
/// /dev/null, standard output collected up to a byte limit, a wall-clock time limit, and the
/// process group killed when a limit is passed or the read is cancelled (``ReadCancellation``
/// or the current task's cancellation). Running poppler and tesseract as separate programs also
/// keeps their crashes out of chachong and their (GPL) code out of chachong's binary.
///
/// `run` blocks its thread while it polls the pipes; async callers run reads that use it on a
/// `BlockingPool` thread (``FormatReader/blocks``).
package struct ToolRunner: Sendable {
  struct Output: Sendable {
    var standardOutput: [UInt8]
    var standardError: [UInt8]
  }

  enum Failure: Error, Sendable, Equatable {
    case notFound
    case timedOut(seconds: Double)
    case outputTooLarge(limit: Int)
    case cancelled
    case exited(status: Int32, message: String)
    case signalled(Int32)
    case spawnFailed(Int32)
  }

  /// The directories searched for tools (`PATH`).
  package var searchPath: String

  /// `searchPath` nil: this process's `PATH`.
  package init(searchPath: String? = nil) {
    self.searchPath = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  }

  /// The tool's full path when it is an executable file in one of `searchPath`'s directories.
  package func locate(_ tool: String) -> String? {
    for directory in searchPath.split(separator: ":") where !directory.isEmpty {
      let candidate = "\(directory)/\(tool)"
      if access(candidate, X_OK) == 0 {
        var status = stat()
        if stat(candidate, &status) == 0, status.st_mode & S_IFMT == S_IFREG { return candidate }
      }
    }
    return nil
  }

  /// Standard error kept for messages (the start of it).
  static let maximumErrorBytes = 16 * 1024

  func run(
    _ tool: String, _ arguments: [String], timeout: Double, maximumOutputBytes: Int,
    environment extra: [String: String] = [:]
  ) throws(Failure) -> Output {
    guard let executable = locate(tool) else { throw .notFound }
    var outputPipe: [Int32] = [-1, -1]
    var errorPipe: [Int32] = [-1, -1]
    guard Self.makePipe(&outputPipe) else { throw .spawnFailed(errno) }
    guard Self.makePipe(&errorPipe) else {
      close(outputPipe[0])
      close(outputPipe[1])
      throw .spawnFailed(errno)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Its own process group, so a kill reaches anything the tool starts; default signal mask.
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))

    var environment = ProcessInfo.processInfo.environment
    for (key, value) in extra { environment[key] = value }
    let argv = ([tool] + arguments).map { strdup($0) } + [nil]
    let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    close(outputPipe[1])
    close(errorPipe[1])
    defer {
      close(outputPipe[0])
      close(errorPipe[0])
    }
    guard spawned == 0 else { throw .spawnFailed(spawned) }
    return try collect(
      pid: pid, output: outputPipe[0], error: errorPipe[0], timeout: timeout,
      maximumOutputBytes: maximumOutputBytes)
  }

  /// A pipe whose ends are closed in other children (Glibc's `pipe2` is not imported into Swift;
  /// a child spawned by another thread in between may hold an end until it exits, which only
  /// delays end-of-file until that child's own limits end it).
  private static func makePipe(_ ends: inout [Int32]) -> Bool {
    guard pipe(&ends) == 0 else { return false }
    _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
    return true
  }

  private func collect(pid: pid_t, output: Int32, error: Int32, timeout: Double, maximumOutputBytes: Int)
    throws(Failure) -> Output
  {
    let deadline = Date().addingTimeInterval(timeout)
    var result = Output(standardOutput: [], standardError: [])
    var open = [output, error]
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    func stop(_ failure: Failure) -> Failure {
      kill(-pid, SIGKILL)
      kill(pid, SIGKILL)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) == -1, errno == EINTR {}
      return failure
    }
    while true {
      if Self.isCancelled { throw stop(.cancelled) }
      if Date() > deadline { throw stop(.timedOut(seconds: timeout)) }
      if open.isEmpty {
        var status: Int32 = 0
        let waited = waitpid(pid, &status, WNOHANG)
        if waited == pid { return try Self.finish(status: status, result) }
        if waited == -1, errno != EINTR { throw .spawnFailed(errno) }
        usleep(20_000)
        continue
      }
      var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      let ready = poll(&descriptors, nfds_t(descriptors.count), 50)
      if ready < 0, errno != EINTR { throw stop(.spawnFailed(errno)) }
      guard ready > 0 else { continue }
      for descriptor in descriptors where descriptor.revents != 0 {
        let count = buffer.withUnsafeMutableBytes { read(descriptor.fd, $0.baseAddress, $0.count) }
        if count > 0 {
          if descriptor.fd == output {
            guard result.standardOutput.count + count <= maximumOutputBytes else {
              throw stop(.outputTooLarge(limit: maximumOutputBytes))
            }
            result.standardOutput.append(contentsOf: buffer[0..<count])
          } else if result.standardError.count < Self.maximumErrorBytes {
            result.standardError.append(contentsOf: buffer[0..<min(count, Self.maximumErrorBytes)])
          }
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
          open.removeAll { $0 == descriptor.fd }
        }
      }
    }
  }

  private static func finish(status: Int32, _ result: Output) throws(Failure) -> Output {
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
    let signal = status & 0x7F
    if signal != 0 { throw .signalled(signal) }
    let code = (status >> 8) & 0xFF
    guard code == 0 else {
      let message = String(decoding: result.standardError, as: UTF8.self)
        .split(separator: "\n").prefix(3).joined(separator: "; ")
      throw .exited(status: code, message: message)
    }
    return result
  }

  static var isCancelled: Bool { Task.isCancelled || (ReadCancellation.current?.isCancelled ?? false) }
}

extension ToolRunner.Failure {
  /// The typed error of the file being read.
  func readError(path: String, tool: String) -> DocumentReadError {
    switch self {
    case .notFound:
      return DocumentReadError(
        path: path, reason: .missingTool(tool: tool, package: ExternalTool.package(of: tool)))
    case .cancelled: return DocumentReadError(path: path, reason: .cancelled)
    case .timedOut(let seconds):
      return DocumentReadError(
        path: path, reason: .toolFailed(tool: tool, detail: "no result within \(Int(seconds)) s"))
    case .outputTooLarge(let limit):
      return DocumentReadError(path: path, reason: .tooLarge("\(tool) output beyond \(limit) bytes"))
    case .exited(let status, let message):
      return DocumentReadError(
        path: path, reason: .toolFailed(tool: tool, detail: "exit status \(status): \(message)"))
    case .signalled(let signal):
      return DocumentReadError(
        path: path, reason: .toolFailed(tool: tool, detail: "killed by signal \(signal)"))
    case .spawnFailed(let code):
      return DocumentReadError(
        path: path, reason: .toolFailed(tool: tool, detail: "could not start it (errno \(code))"))
    }
  }
}

/// The system tools the external readers run and the Debian packages that provide them.
enum ExternalTool {
  static let packages: [String: String] = [
    "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils", "pdftoppm": "poppler-utils",
    "tesseract": "tesseract-ocr", "tesseract chi_sim": "tesseract-ocr-chi-sim",
  ]

  static func package(of tool: String) -> String { packages[tool] ?? tool }
}

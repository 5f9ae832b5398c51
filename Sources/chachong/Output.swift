import ArgumentParser
import ChachongModel
import DocumentText
import Glibc

/// Every byte the commands write goes through here: written with `write(2)` and checked, so a
/// full disk, a closed pipe or `/dev/full` on standard output is exit 2 with "cannot write
/// output" instead of exit 0 (print's buffered errors are lost) or a crash (FileHandle traps).
enum Output {
  /// Writes `text` and a newline to standard output.
  static func line(_ text: String) throws {
    try write(text + "\n")
  }

  /// Text is written with every ID number masked: no command prints one, whatever its source.
  static func write(_ text: String) throws {
    var bytes = Array(IdentityKey.maskingIDNumbers(in: text).utf8)
    try write(bytes: &bytes)
  }

  static func write(_ bytes: [UInt8]) throws {
    var bytes = bytes
    try write(bytes: &bytes)
  }

  private static func write(bytes: inout [UInt8]) throws {
    if let failure = writeAll(bytes, to: STDOUT_FILENO) {
      error("error: cannot write output: \(failure)")
      throw ExitCode(2)
    }
  }

  /// Writes `message` and a newline to standard error; nothing else can be done if that fails.
  static func error(_ message: String) {
    _ = writeAll(Array((IdentityKey.maskingIDNumbers(in: message) + "\n").utf8), to: STDERR_FILENO)
  }

  /// Writes to standard error without a newline (progress lines).
  static func errorRaw(_ message: String) {
    _ = writeAll(Array(message.utf8), to: STDERR_FILENO)
  }

  /// A path for a message: control characters escaped.
  static func path(_ path: String) -> String { DisplayText.escaped(path) }

  /// nil when every byte was written, else why not.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
    bytes.withUnsafeBytes { buffer -> String? in
      guard var base = buffer.baseAddress else { return nil }
      var left = buffer.count
      while left > 0 {
        let written = Glibc.write(descriptor, base, left)
        if written < 0 {
          if errno == EINTR { continue }
          return String(cString: strerror(errno))
        }
        if written == 0 { return "nothing written" }
        base += written
        left -= written
      }
      return nil
    }
  }
}

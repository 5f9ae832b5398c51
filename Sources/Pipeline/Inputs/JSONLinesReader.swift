import ChachongCore
import Foundation

/// Streams a `.jsonl` file line by line without loading it whole (bulk files can be gigabytes).
struct JSONLinesReader {
  let path: String

  /// Calls `body` with each non-empty line's bytes and its 1-based line number.
  func forEachLine(_ body: (ArraySlice<UInt8>, Int) throws -> Void) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw InputFailure(path: path, reason: "cannot open")
    }
    defer { try? handle.close() }
    var pending: [UInt8] = []
    var lineNumber = 0
    while true {
      let chunk = handle.readData(ofLength: 1 << 22)
      if chunk.isEmpty { break }
      pending.append(contentsOf: chunk)
      let consumed = try pending.withUnsafeBufferPointer { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        var lineStart = 0
        while let found = memchr(base + lineStart, 0x0A, buffer.count - lineStart) {
          let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
          lineNumber += 1
          let line = pending[lineStart..<newline]
          if !isBlank(line) {
            try body(line, lineNumber)
          }
          lineStart = newline + 1
        }
        return lineStart
      }
      // Only the unfinished last line moves to the front.
      pending.removeSubrange(0..<consumed)
    }
    if !isBlank(pending[...]) {
      lineNumber += 1
      try body(pending[...], lineNumber)
    }
  }

  private func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }
}

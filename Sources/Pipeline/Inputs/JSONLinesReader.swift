import ChachongCore
import DocumentText
import Foundation

/// Streams a `.jsonl` file line by line without loading it whole (bulk files can be gigabytes).
struct JSONLinesReader {
  let path: String

  /// Calls `body` with each non-empty line's bytes and its 1-based line number; a line longer
  /// than `maxLineBytes` is skipped (never held whole) and handed to `overlong` by number.
  func forEachLine(
    _ body: (ArraySlice<UInt8>, Int) throws -> Void,
    maxLineBytes: Int = ReadLimits.standard.maxJSONLineBytes,
    overlong: (Int, Int) throws -> Void = { number, limit in
      throw InputFailure(path: "line \(number)", reason: "longer than \(limit) bytes")
    }
  ) throws {
    // A FIFO would block and a device never ends.
    if let reason = InputFile.notRegularReason(path) {
      throw InputFailure(path: path, reason: DocumentReadError(path: path, reason: reason).explanation)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw InputFailure(path: path, reason: "cannot open")
    }
    var skipping = false
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
          if skipping {
            skipping = false
          } else if line.count > maxLineBytes {
            try overlong(lineNumber, maxLineBytes)
          } else if !isBlank(line) {
            try body(line, lineNumber)
          }
          lineStart = newline + 1
        }
        return lineStart
      }
      // Only the unfinished last line moves to the front.
      pending.removeSubrange(0..<consumed)
      if !skipping, pending.count > maxLineBytes {
        // Reported now and dropped as it streams by: an endless line never fills memory.
        try overlong(lineNumber + 1, maxLineBytes)
        skipping = true
      }
      if skipping { pending.removeAll(keepingCapacity: true) }
    }
    if skipping { return }
    if !isBlank(pending[...]) {
      lineNumber += 1
      try body(pending[...], lineNumber)
    }
  }

  private func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }
}

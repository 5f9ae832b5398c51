import ArchiveStore
import ChachongCore
import DocumentText
import Foundation

/// Turns ``InputEntry`` values (files, `.jsonl` files) into the core's ``SourceItem`` values,
/// reading each file's bytes, in input order; a `.jsonl` file streams line by line, so a batch
/// of any size is never held whole.
package struct InputReader: Sendable {
  package init() {}

  /// The items in input order.
  package func forEachItem(in entries: [InputEntry], _ body: (SourceItem) throws -> Void) throws {
    for entry in entries {
      switch entry {
      case .file(let path, let metadata):
        do {
          try body(.file(try NamedBytes(contentsOf: path), metadata: metadata))
        } catch let error as DocumentReadError {
          try body(.failed(InputFailure(path: path, reason: error.explanation)))
        }
      case .records(let path, let defaults):
        do {
          try JSONLinesReader(path: path).forEachLine(
            { line, number in
              try body(.record(line: Array(line), location: "\(path):\(number)", defaults: defaults))
            },
            overlong: { number, limit in
              try body(
                .failed(
                  InputFailure(path: "\(path):\(number)", reason: "line longer than \(limit) bytes; skipped"))
              )
            })
        } catch let failure as InputFailure {
          try body(.failed(failure))
        }
      }
    }
  }

  /// ``forEachItem(in:_:)`` in chunks of at most `itemLimit` items, a chunk also ending once it
  /// holds `byteLimit` bytes.
  package func forEachChunk(
    in entries: [InputEntry], itemLimit: Int, byteLimit: Int = .max, _ body: ([SourceItem]) throws -> Void
  ) throws {
    var chunk: [SourceItem] = []
    var bytes = 0
    try forEachItem(in: entries) { item in
      chunk.append(item)
      bytes += item.heldBytes
      if chunk.count >= itemLimit || bytes >= byteLimit {
        try body(chunk)
        chunk.removeAll(keepingCapacity: true)
        bytes = 0
      }
    }
    if !chunk.isEmpty {
      try body(chunk)
    }
  }

  /// The chunks as an async sequence for the core's jobs: read on the blocking pool, at most two
  /// chunks ahead of the job.
  package func chunks(in entries: [InputEntry], itemLimit: Int, byteLimit: Int = 64 << 20)
    -> InputChannel<[SourceItem]>
  {
    let channel = InputChannel<[SourceItem]>(capacity: 2)
    let reader = self
    Task {
      await BlockingPool.shared.run {
        do {
          try reader.forEachChunk(in: entries, itemLimit: itemLimit, byteLimit: byteLimit) { chunk in
            guard channel.send(chunk) else { throw CancellationError() }
          }
          channel.finish()
        } catch is CancellationError {
          channel.finish()
        } catch let failure as InputFailure {
          channel.finish(throwing: failure)
        } catch {
          channel.finish(throwing: InputFailure(path: "", reason: "\(error)"))
        }
      }
    }
    return channel
  }
}

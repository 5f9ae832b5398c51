import Foundation
import Hummingbird
import NIOCore

/// Request bodies streamed to a scratch file with a size limit (413 as soon as it is passed;
/// never held whole in memory), and file names from `Content-Disposition`.
enum Uploads {
  struct TooLarge: Error {}

  /// The request body, failing once more than `limit` bytes arrived.
  struct LimitedBody<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable
  where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let base: Base
    let limit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
      var base: Base.AsyncIterator
      let limit: Int
      var received = 0

      mutating func next() async throws -> ByteBuffer? {
        guard let buffer = try await base.next() else { return nil }
        received += buffer.readableBytes
        if received > limit { throw TooLarge() }
        return buffer
      }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), limit: limit) }
  }

  /// Streams the body to a new file in the scratch directory and returns its path; the caller
  /// deletes it.
  static func receive(
    _ request: Request, context: ChachongRequestContext, service: ChachongService, limit: Int
  ) async throws(APIError) -> String {
    if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
      throw APIError.tooLarge(limit: limit)
    }
    let path = service.scratchPath()
    do {
      try await FileIO().writeFile(
        contents: LimitedBody(base: request.body, limit: limit), path: path, context: context)
    } catch is TooLarge {
      try? FileManager.default.removeItem(atPath: path)
      throw APIError.tooLarge(limit: limit)
    } catch {
      try? FileManager.default.removeItem(atPath: path)
      throw APIError.badRequest("上传中断", "the upload was interrupted")
    }
    return path
  }

  /// The file name of `Content-Disposition` (`filename*=UTF-8''…` preferred, else `filename=`).
  static func fileName(_ request: Request) -> String? {
    guard let header = request.headers[.contentDisposition] else { return nil }
    var plain: String?
    for part in header.split(separator: ";") {
      let item = part.trimmingCharacters(in: .whitespaces)
      guard let equals = item.firstIndex(of: "=") else { continue }
      let key = item[..<equals].lowercased()
      var value = String(item[item.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
      if key == "filename*" {
        // RFC 5987: charset'language'percent-encoded
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { continue }
        if let decoded = String(pieces[2]).removingPercentEncoding { return decoded }
      } else if key == "filename" {
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
          value = String(value.dropFirst().dropLast())
        }
        plain = value
      }
    }
    return plain
  }
}

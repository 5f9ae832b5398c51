import Foundation
import ZIPFoundation

/// A batch's zip of applications, unpacked with bounds: at most `maxEntries` files, at most
/// `maxTotalBytes` unpacked (counted as bytes come out, not as the zip claims, so a zip bomb stops
/// at the limit), and only plain file names (a `../` or absolute name is refused, folders inside
/// the zip are flattened; `__MACOSX` and hidden files are skipped).
enum ZipUnpacking {
  struct Entry {
    var name: String
    var path: String
  }

  private struct LimitExceeded: Error {}

  static func unpack(zip path: String, into directory: String, maxEntries: Int, maxTotalBytes: Int)
    async throws(APIError) -> [Entry]
  {
    let result: Result<[Entry], APIError> = await withCheckedContinuation { continuation in
      // Unpacking blocks: a thread of its own, never the cooperative pool.
      Thread.detachNewThread {
        continuation.resume(
          returning: Result { () throws(APIError) -> [Entry] in
            try unpackBlocking(
              zip: path, into: directory, maxEntries: maxEntries, maxTotalBytes: maxTotalBytes)
          })
      }
    }
    return try result.get()
  }

  static func unpackBlocking(zip path: String, into directory: String, maxEntries: Int, maxTotalBytes: Int)
    throws(APIError) -> [Entry]
  {
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw APIError(
        .unprocessableContent, code: "corrupt_zip", zh: "zip 文件无法读取", en: "the zip file cannot be read")
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw APIError.internalError("cannot create a scratch folder")
    }
    var entries: [Entry] = []
    var names = Set<String>()
    var total = 0
    for entry in archive {
      guard entry.type == .file else { continue }
      let entryPath = entry.path
      let components = entryPath.split(separator: "/", omittingEmptySubsequences: true)
      if entryPath.hasPrefix("/") || entryPath.contains("\\") || components.contains(where: { $0 == ".." }) {
        throw APIError(
          .unprocessableContent, code: "unsafe_zip_entry", zh: "zip 中含有不安全的路径：\(entryPath)",
          en: "the zip holds an unsafe path: \(entryPath)")
      }
      guard let last = components.last, !last.hasPrefix("."), !components.contains("__MACOSX") else {
        continue
      }
      let name = try ChachongService.safeFileName(String(last))
      guard names.insert(name).inserted else {
        throw APIError(
          .unprocessableContent, code: "duplicate_zip_entry", zh: "zip 中有重名文件：\(name)",
          en: "the zip holds two files named \(name)")
      }
      guard entries.count < maxEntries else {
        throw APIError(
          .contentTooLarge, code: "too_many_entries", zh: "zip 中文件超过 \(maxEntries) 个",
          en: "the zip holds more than \(maxEntries) files")
      }
      let target = (directory as NSString).appendingPathComponent(name)
      guard FileManager.default.createFile(atPath: target, contents: nil),
        let handle = FileHandle(forWritingAtPath: target)
      else { throw APIError.internalError("cannot write a scratch file") }
      do {
        defer { try? handle.close() }
        _ = try archive.extract(entry, skipCRC32: false) { data in
          total += data.count
          guard total <= maxTotalBytes else { throw LimitExceeded() }
          try handle.write(contentsOf: data)
        }
      } catch is LimitExceeded {
        throw APIError(
          .contentTooLarge, code: "zip_too_large", zh: "zip 解压后超过 \(maxTotalBytes) 字节",
          en: "the zip unpacks to more than \(maxTotalBytes) bytes")
      } catch {
        throw APIError(
          .unprocessableContent, code: "corrupt_zip", zh: "zip 中的 \(name) 无法解压",
          en: "\(name) in the zip cannot be unpacked")
      }
      entries.append(Entry(name: name, path: target))
    }
    return entries
  }
}

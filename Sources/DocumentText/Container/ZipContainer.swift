import Foundation
import ZIPFoundation

/// A zip container opened with the reader's limits: entries are inflated in chunks and counted, so
/// a zip bomb stops at the limit instead of filling memory.
struct ZipContainer {
  let path: String
  let limits: ReadLimits
  private(set) var warnings: [String] = []
  private let archive: Archive
  private var entries: [String: Entry] = [:]
  /// OPC part names are case-insensitive.
  private var caseFolded: [String: String] = [:]

  /// Opens a zip file. File-backed on purpose: ZIPFoundation's in-memory archives trap on offsets
  /// past the end of a truncated container, its file-backed ones report an error.
  init(fileURL: URL, path: String, limits: ReadLimits) throws(DocumentReadError) {
    self.path = path
    self.limits = limits
    do {
      archive = try Archive(url: fileURL, accessMode: .read)
    } catch {
      throw DocumentReadError(path: path, reason: .corruptZip("\(error)"))
    }
    var count = 0
    for entry in archive where entry.type == .file {
      count += 1
      guard count <= limits.maxEntries else {
        throw DocumentReadError(path: path, reason: .tooLarge("more than \(limits.maxEntries) zip entries"))
      }
      if PartName.isUnsafe(entry.path) {
        warnings.append("ignored zip entry with '..' in its name: \(entry.path)")
        continue
      }
      let name = PartName.normalise(entry.path)
      guard entries[name] == nil else { continue }
      entries[name] = entry
      caseFolded[name.lowercased()] = name
    }
    if entries.isEmpty {
      throw DocumentReadError(path: path, reason: .corruptZip("no readable entries"))
    }
  }

  var names: [String] { entries.keys.sorted() }

  /// The canonical name of a part, matched case-insensitively.
  func entryName(_ name: String) -> String? {
    let normalised = PartName.normalise(name)
    if entries[normalised] != nil { return normalised }
    return caseFolded[normalised.lowercased()]
  }

  func contains(_ name: String) -> Bool { entryName(name) != nil }

  /// Inflates one entry, handing each chunk to `body`.
  func stream(
    _ name: String, _ body: (UnsafeRawBufferPointer) throws(XMLParseFailure) -> Void
  ) throws(EntryFailure) {
    guard let key = entryName(name), let entry = entries[key] else {
      throw .read(DocumentReadError(path: path, reason: .missingMainPart))
    }
    let declared = entry.uncompressedSize
    if declared > UInt64(limits.maxEntryBytes) {
      throw .read(
        DocumentReadError(
          path: path,
          reason: .zipBomb("\(key) declares \(declared) bytes, limit \(limits.maxEntryBytes)")))
    }
    let compressed = max(entry.compressedSize, 1)
    var total = 0
    var failure: EntryFailure?
    do {
      _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: true) { chunk in
        total += chunk.count
        if total > limits.maxEntryBytes {
          failure = .read(
            DocumentReadError(
              path: path, reason: .zipBomb("\(key) inflates beyond \(limits.maxEntryBytes) bytes")))
        } else if total > limits.ratioCheckThreshold,
          UInt64(total) / compressed > UInt64(limits.maxCompressionRatio)
        {
          failure = .read(
            DocumentReadError(
              path: path,
              reason: .zipBomb(
                "\(key) inflates more than \(limits.maxCompressionRatio):1 (\(compressed) bytes compressed)")
            ))
        }
        if let failure { throw failure }
        chunk.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
          do throws(XMLParseFailure) {
            try body(buffer)
          } catch {
            failure = .parse(error)
          }
        }
        if let failure { throw failure }
      }
    } catch {
      if let failure { throw failure }
      throw .read(DocumentReadError(path: path, reason: .corruptZip("\(key): \(error)")))
    }
  }

  /// Inflates one entry into memory.
  func read(_ name: String) throws(DocumentReadError) -> [UInt8] {
    var bytes: [UInt8] = []
    do {
      try stream(name) { chunk in bytes.append(contentsOf: chunk) }
    } catch {
      switch error {
      case .read(let readError): throw readError
      case .parse: throw DocumentReadError(path: path, reason: .unreadable(name))
      }
    }
    return bytes
  }

  /// Why streaming an entry stopped: the container or the consumer.
  enum EntryFailure: Error {
    case read(DocumentReadError)
    case parse(XMLParseFailure)
  }
}

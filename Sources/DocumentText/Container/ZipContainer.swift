import CDeflate

/// A zip container read from memory with the reader's limits: the central directory is checked
/// whole before anything is inflated (``ZipDirectory``), entries are inflated by zlib in chunks,
/// counted against the entry's and the package's limits and checked against their CRC-32, so a
/// zip bomb stops at the limit instead of filling memory. Nothing is written to disk: no
/// temporary copy can be left behind or read by others, and an unwritable TMPDIR does not matter.
struct ZipContainer {
  let path: String
  let limits: ReadLimits
  private(set) var warnings: [String] = []
  private let bytes: [UInt8]
  private var entries: [String: ZipDirectory.Entry] = [:]
  /// OPC part names are case-insensitive.
  private var caseFolded: [String: String] = [:]
  /// Bytes inflated so far from this package, all entries together.
  private let budget = InflationBudget()

  init(bytes: [UInt8], path: String, limits: ReadLimits) throws(DocumentReadError) {
    self.path = path
    self.limits = limits
    self.bytes = bytes
    let directory: ZipDirectory
    do {
      directory = try ZipDirectory(bytes, maxEntries: limits.maxEntries)
    } catch {
      switch error {
      case .notAZip(let detail), .corrupt(let detail):
        throw DocumentReadError(path: path, reason: .corruptZip(detail))
      case .overlapping(let detail):
        throw DocumentReadError(path: path, reason: .zipBomb("overlapping entries: \(detail)"))
      case .tooManyEntries(let count):
        throw DocumentReadError(
          path: path, reason: .tooLarge("\(count) zip entries, limit \(limits.maxEntries)"))
      }
    }
    for entry in directory.entries where !entry.isDirectory {
      if PartName.isUnsafe(entry.name) {
        warnings.append("ignored zip entry with '..' in its name: \(entry.name)")
        continue
      }
      let name = PartName.normalise(entry.name)
      let folded = name.lowercased()
      if let other = caseFolded[folded] {
        throw DocumentReadError(
          path: path,
          reason: .corruptZip("two entries named \(other == name ? name : "\(other) and \(name)")"))
      }
      entries[name] = entry
      caseFolded[folded] = name
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

  /// Inflates one entry, handing each chunk to `body`; the CRC-32 is checked once the entry ends.
  func stream(
    _ name: String, _ body: (UnsafeRawBufferPointer) throws(XMLParseFailure) -> Void
  ) throws(EntryFailure) {
    guard let key = entryName(name), let entry = entries[key] else {
      throw .read(DocumentReadError(path: path, reason: .missingMainPart))
    }
    func bomb(_ detail: String) -> EntryFailure {
      .read(DocumentReadError(path: path, reason: .zipBomb(detail)))
    }
    func corrupt(_ detail: String) -> EntryFailure {
      .read(DocumentReadError(path: path, reason: .corruptZip("\(key): \(detail)")))
    }
    if entry.uncompressedSize > limits.maxEntryBytes {
      throw bomb("\(key) declares \(entry.uncompressedSize) bytes, limit \(limits.maxEntryBytes)")
    }
    if entry.isEncrypted { throw corrupt("encrypted entry") }
    let compressed = max(entry.compressedSize, 1)
    var total = 0
    var crc = crc32(0, nil, 0)
    func consume(_ chunk: UnsafeRawBufferPointer) throws(EntryFailure) {
      total += chunk.count
      budget.used += chunk.count
      if total > entry.uncompressedSize {
        throw bomb("\(key) inflates beyond its declared \(entry.uncompressedSize) bytes")
      }
      if budget.used > limits.maxPackageBytes {
        throw bomb("the package inflates beyond \(limits.maxPackageBytes) bytes in all")
      }
      if total > limits.ratioCheckThreshold, total / compressed > limits.maxCompressionRatio {
        throw bomb(
          "\(key) inflates more than \(limits.maxCompressionRatio):1 (\(compressed) bytes compressed)")
      }
      if let base = chunk.baseAddress {
        crc = crc32(crc, base.assumingMemoryBound(to: Bytef.self), uInt(chunk.count))
      }
      do throws(XMLParseFailure) {
        try body(chunk)
      } catch {
        throw .parse(error)
      }
    }
    let data = bytes[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)]
    switch entry.method {
    case 0:
      guard entry.compressedSize == entry.uncompressedSize else { throw corrupt("stored sizes differ") }
      try Self.withBytes(data) { (buffer) throws(EntryFailure) in
        var offset = 0
        while offset < buffer.count {
          let length = min(Self.chunkSize, buffer.count - offset)
          try consume(UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + length)]))
          offset += length
        }
      }
    case 8:
      try Self.inflate(data, consume, corrupt: corrupt)
    default:
      throw corrupt("unsupported compression method \(entry.method)")
    }
    if total != entry.uncompressedSize {
      throw corrupt("inflates to \(total) bytes, \(entry.uncompressedSize) declared")
    }
    if UInt32(truncatingIfNeeded: crc) != entry.crc32 { throw corrupt("CRC-32 mismatch") }
  }

  private static let chunkSize = 64 * 1024

  /// `withUnsafeBytes` with the typed error kept (the standard library's rethrows `any Error`).
  private static func withBytes(
    _ bytes: ArraySlice<UInt8>, _ body: (UnsafeRawBufferPointer) throws(EntryFailure) -> Void
  ) throws(EntryFailure) {
    var failure: EntryFailure?
    bytes.withUnsafeBytes { buffer in
      do throws(EntryFailure) {
        try body(buffer)
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }

  /// Raw deflate (zip's method 8) through zlib, one output chunk at a time.
  private static func inflate(
    _ data: ArraySlice<UInt8>, _ consume: (UnsafeRawBufferPointer) throws(EntryFailure) -> Void,
    corrupt: (String) -> EntryFailure
  ) throws(EntryFailure) {
    var stream = z_stream()
    guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw corrupt("zlib could not start")
    }
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: chunkSize)
    try withBytes(data) { (input) throws(EntryFailure) in
      stream.next_in = UnsafeMutablePointer(
        mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
      stream.avail_in = uInt(input.count)
      var status = Z_OK
      while status != Z_STREAM_END {
        let produced = output.withUnsafeMutableBytes { out -> Int in
          stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
          stream.avail_out = uInt(out.count)
          status = CDeflate.inflate(&stream, Z_NO_FLUSH)
          return out.count - Int(stream.avail_out)
        }
        if status != Z_OK, status != Z_STREAM_END {
          // Z_BUF_ERROR with no input left: the stream was cut short.
          throw corrupt(status == Z_BUF_ERROR ? "compressed data truncated" : "invalid deflate data")
        }
        if produced > 0 {
          try withBytes(output[0..<produced]) { (chunk) throws(EntryFailure) in try consume(chunk) }
        } else if status == Z_OK, stream.avail_in == 0 {
          throw corrupt("compressed data truncated")
        }
      }
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

/// The package's running total, shared by every entry read from one container.
private final class InflationBudget {
  var used = 0
}

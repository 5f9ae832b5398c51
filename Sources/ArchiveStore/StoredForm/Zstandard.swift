import CZstd

/// Zstandard frames for stored texts (schema version 2): the frame records the text's length.
package enum Zstandard {
  /// The four bytes every Zstandard frame starts with (little-endian 0xFD2FB528).
  package static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

  package static func isFrame(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 4 && bytes[0..<4].elementsEqual(magic)
  }

  /// Reusable compression state: creating a context per text costs as much as compressing it.
  package final class Compressor {
    private let context: OpaquePointer?
    let level: Int32

    package init(level: Int32) {
      self.level = level
      context = ZSTD_createCCtx()
    }

    deinit {
      ZSTD_freeCCtx(context)
    }

    package func compress(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
      guard let context else { return nil }
      let capacity = ZSTD_compressBound(bytes.count)
      var output = [UInt8](repeating: 0, count: capacity)
      let written = output.withUnsafeMutableBytes { out in
        ZSTD_compressCCtx(context, out.baseAddress, capacity, bytes.baseAddress, bytes.count, level)
      }
      guard ZSTD_isError(written) == 0 else { return nil }
      output.removeSubrange(written...)
      return output
    }
  }

  /// Upper bound on a stored text, so a damaged length field cannot ask for gigabytes.
  package static let maximumContentSize: UInt64 = 1 << 30

  package static func decompress(_ bytes: [UInt8]) -> [UInt8]? {
    let size = bytes.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
    // ZSTD_CONTENTSIZE_UNKNOWN and _ERROR are the two largest UInt64 values.
    guard size <= maximumContentSize else { return nil }
    let length = Int(size)
    var output = [UInt8](repeating: 0, count: max(length, 1))
    let written = output.withUnsafeMutableBytes { out in
      bytes.withUnsafeBytes { input in
        ZSTD_decompress(out.baseAddress, length, input.baseAddress, input.count)
      }
    }
    guard ZSTD_isError(written) == 0, written == length else { return nil }
    output.removeSubrange(length...)
    return output
  }
}

/// How document and template texts are stored (docs/index.md, "Stored text"): Zstandard frames
/// since schema version 2; version 1 indexes hold zlib streams, which are still read.
package enum StoredText {
  /// Level 1: as small as zlib level 1 on Chinese text (≈ 2.8×) at three times its speed.
  package static let level: Int32 = 1

  package static func decode(_ blob: [UInt8]) -> [UInt8]? {
    Zstandard.isFrame(blob) ? Zstandard.decompress(blob) : Deflate.decompress(blob)
  }
}

/// A text reduced to the tokens that similarity is computed on, with a map back to the original.
///
/// Normalisation (DESIGN.md, "How similarity works"), applied scalar by scalar:
/// 1. NFKC, then Unicode default lowercase mapping (so full-width `Ａ１` → `a1`, `Ｂ` → `b`, `①` → `1`,
///    `ﬁ` → `fi`, compatibility ideographs → unified ones); default-ignorable code points (soft hyphen,
///    zero-width space, variation selectors) disappear without splitting a word.
/// 2. Whitespace, punctuation, symbols and control characters are dropped and end a word.
/// 3. Han, kana, Hangul, Bopomofo and Yi letters are one token each; the token id is the scalar value.
/// 4. A maximal run of other letters and digits (Latin, Greek, Cyrillic…, mixed letters and digits
///    such as `h2o`, `gb11643`, `5g`) is one token; combining marks extend it. Its id is
///    `StableHash.hash64(UTF-8 of the folded run, seed: 0x7275_6E2D_746F_6B65) | 1 << 63`, so it never
///    equals a CJK token id. `2023年` is two tokens: `2023` and `年`.
///
/// `starts[i]`/`ends[i]` are the code-point offsets in the original text of the first scalar and
/// one past the last scalar of token `i` (several tokens can share one original scalar, e.g. `㍻`).
package struct NormalizedText: Sendable, Equatable, Hashable {
  package let tokens: [UInt64]
  package let starts: [Int32]
  package let ends: [Int32]

  package var count: Int { tokens.count }

  /// The first token starting at or after the extracted-text offset `offset` (`count` when none
  /// does), by binary search over `starts`: how passages in text offsets become token ranges.
  package func firstToken(startingAtOrAfter offset: Int) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if Int(starts[middle]) < offset { low = middle + 1 } else { high = middle }
    }
    return low
  }

  package init(normalizing text: String) {
    (tokens, starts, ends) = Normalizer.normalize(text)
  }

  /// Tokens and offsets as they are (for decoding and tests); the three arrays must have equal length.
  package init(tokens: [UInt64], starts: [Int32], ends: [Int32]) {
    precondition(tokens.count == starts.count && tokens.count == ends.count)
    self.tokens = tokens
    self.starts = starts
    self.ends = ends
  }

  private static let magic: [UInt8] = Array("CCNT".utf8)
  private static let version: UInt8 = 1

  /// Compact form: `CCNT`, version byte 1, LEB128 token count, then per token the LEB128 token id,
  /// the start minus the previous token's start, and the length (`end - start`). About 5 bytes per
  /// CJK token.
  package func serialized() -> [UInt8] {
    let n = tokens.count
    // Written into scratch sized for the worst case (10 + 5 + 5 bytes per token), then copied to
    // an array of the exact size.
    let bound = Self.magic.count + 1 + 10 + n * 20
    let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: bound)
    defer { scratch.deallocate() }
    var cursor = scratch
    for byte in Self.magic {
      cursor.pointee = byte
      cursor += 1
    }
    cursor.pointee = Self.version
    cursor += 1
    LEB128.write(UInt64(n), to: &cursor)
    tokens.withUnsafeBufferPointer { tokens in
      starts.withUnsafeBufferPointer { starts in
        ends.withUnsafeBufferPointer { ends in
          var previous: Int32 = 0
          for index in 0..<n {
            LEB128.write(tokens[index], to: &cursor)
            LEB128.write(UInt64(UInt32(bitPattern: starts[index] &- previous)), to: &cursor)
            LEB128.write(UInt64(UInt32(bitPattern: ends[index] &- starts[index])), to: &cursor)
            previous = starts[index]
          }
        }
      }
    }
    return Array(UnsafeBufferPointer(start: scratch, count: cursor - scratch))
  }

  package init(serialized bytes: [UInt8]) throws(FingerprintsError) {
    func fail(_ reason: FingerprintsError.Reason) -> FingerprintsError {
      FingerprintsError(what: "NormalizedText", reason: reason)
    }
    guard bytes.count >= 5 else { throw fail(.truncated) }
    guard Array(bytes[0..<4]) == Self.magic else { throw fail(.badMagic) }
    guard bytes[4] == Self.version else { throw fail(.unsupportedVersion(bytes[4])) }
    let decoded = bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(FingerprintsError) in try Self.decode(buffer) }
    }
    self = try decoded.get()
  }

  private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(FingerprintsError) -> Self {
    func fail(_ reason: FingerprintsError.Reason) -> FingerprintsError {
      FingerprintsError(what: "NormalizedText", reason: reason)
    }
    var reader = LEB128.Reader(bytes: bytes, position: 5)
    guard let count = reader.next() else { throw fail(.truncated) }
    // Every token takes at least 3 bytes, which bounds a corrupt count before allocating.
    guard count <= UInt64(bytes.count) / 3 else { throw fail(.malformed("token count \(count)")) }
    let n = Int(count)
    var failure: FingerprintsError.Reason?
    var starts: [Int32] = []
    var ends: [Int32] = []
    let tokens = [UInt64](unsafeUninitializedCapacity: n) { tokenBuffer, tokenCount in
      starts = [Int32](unsafeUninitializedCapacity: n) { startBuffer, startCount in
        ends = [Int32](unsafeUninitializedCapacity: n) { endBuffer, endCount in
          var previousStart: Int64 = 0
          for index in 0..<n {
            guard let token = reader.next(), let delta = reader.next(), let length = reader.next()
            else {
              failure = .truncated
              break
            }
            guard delta <= UInt64(Int32.max), length <= UInt64(Int32.max),
              previousStart + Int64(delta) + Int64(length) <= Int64(Int32.max)
            else {
              failure = .malformed("offset out of range")
              break
            }
            let start = previousStart + Int64(delta)
            tokenBuffer[index] = token
            startBuffer[index] = Int32(start)
            endBuffer[index] = Int32(start + Int64(length))
            previousStart = start
          }
          let filled = failure == nil ? n : 0
          tokenCount = filled
          startCount = filled
          endCount = filled
        }
      }
    }
    if let failure { throw fail(failure) }
    guard reader.position == bytes.count else { throw fail(.malformed("trailing bytes")) }
    return Self(tokens: tokens, starts: starts, ends: ends)
  }
}

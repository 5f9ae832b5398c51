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
public struct NormalizedText: Sendable, Equatable, Hashable {
  public let tokens: [UInt64]
  public let starts: [Int32]
  public let ends: [Int32]

  public var count: Int { tokens.count }

  public init(normalizing text: String) {
    (tokens, starts, ends) = Normalizer.normalize(text)
  }

  /// Tokens and offsets as they are (for decoding and tests); the three arrays must have equal length.
  public init(tokens: [UInt64], starts: [Int32], ends: [Int32]) {
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
  public func serialized() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(8 + tokens.count * 5)
    out.append(contentsOf: Self.magic)
    out.append(Self.version)
    LEB128.append(UInt64(tokens.count), to: &out)
    var previousStart: Int32 = 0
    for index in tokens.indices {
      LEB128.append(tokens[index], to: &out)
      LEB128.append(UInt64(UInt32(bitPattern: starts[index] &- previousStart)), to: &out)
      LEB128.append(UInt64(UInt32(bitPattern: ends[index] &- starts[index])), to: &out)
      previousStart = starts[index]
    }
    return out
  }

  public init(serialized bytes: [UInt8]) throws(FingerprintsError) {
    func fail(_ reason: FingerprintsError.Reason) -> FingerprintsError {
      FingerprintsError(what: "NormalizedText", reason: reason)
    }
    guard bytes.count >= 5 else { throw fail(.truncated) }
    guard Array(bytes[0..<4]) == Self.magic else { throw fail(.badMagic) }
    guard bytes[4] == Self.version else { throw fail(.unsupportedVersion(bytes[4])) }
    var reader = LEB128.Reader(bytes: bytes, position: 5)
    guard let count = reader.next() else { throw fail(.truncated) }
    // Every token takes at least 3 bytes, which bounds a corrupt count before allocating.
    guard count <= UInt64(bytes.count) / 3 else { throw fail(.malformed("token count \(count)")) }
    var tokens = [UInt64]()
    var starts = [Int32]()
    var ends = [Int32]()
    tokens.reserveCapacity(Int(count))
    starts.reserveCapacity(Int(count))
    ends.reserveCapacity(Int(count))
    var previousStart: Int64 = 0
    for _ in 0..<count {
      guard let token = reader.next(), let delta = reader.next(), let length = reader.next() else {
        throw fail(.truncated)
      }
      let start = previousStart + Int64(clamping: delta)
      let end = start + Int64(clamping: length)
      guard delta <= UInt64(Int32.max), length <= UInt64(Int32.max), end <= Int64(Int32.max) else {
        throw fail(.malformed("offset out of range"))
      }
      tokens.append(token)
      starts.append(Int32(start))
      ends.append(Int32(end))
      previousStart = start
    }
    guard reader.position == bytes.count else { throw fail(.malformed("trailing bytes")) }
    self.init(tokens: tokens, starts: starts, ends: ends)
  }
}

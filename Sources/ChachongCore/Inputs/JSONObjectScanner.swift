/// A fast reader for the common `.jsonl` record: one flat JSON object whose values are strings,
/// integers or null. Anything else (nested values, fractions, exponents, booleans, a lone
/// surrogate, invalid UTF-8, bad syntax) gives nil and the caller falls back to
/// `JSONSerialization`, so both paths accept and reject exactly the same lines.
///
/// Why: Foundation's parser was 10 % of an ingest from `.jsonl`; this one copies each string
/// once (not at all when it has no escapes) and validates its UTF-8 once.
enum JSONObjectScanner {
  enum Value: Equatable {
    case string(String)
    /// A number as its decimal text (this scanner reads only integers of at most 15 digits).
    case number(String)
    /// null, or (from Foundation) a value that is neither string nor number.
    case null
  }

  /// Keys and values in file order; nil when Foundation has to decide (see above), which
  /// includes a key given twice.
  static func scan(_ line: UnsafeBufferPointer<UInt8>) -> [(key: String, value: Value)]? {
    var cursor = Cursor(bytes: line)
    return cursor.object()
  }

  private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
      self.bytes = bytes
    }

    mutating func object() -> [(key: String, value: Value)]? {
      skipWhitespace()
      guard take(UInt8(ascii: "{")) else { return nil }
      var members: [(key: String, value: Value)] = []
      var keys: Set<String> = []
      skipWhitespace()
      if take(UInt8(ascii: "}")) {
        return finished() ? members : nil
      }
      while true {
        skipWhitespace()
        guard let key = string(), keys.insert(key).inserted else { return nil }
        skipWhitespace()
        guard take(UInt8(ascii: ":")) else { return nil }
        skipWhitespace()
        guard let value = scalarValue() else { return nil }
        members.append((key, value))
        skipWhitespace()
        if take(UInt8(ascii: ",")) { continue }
        guard take(UInt8(ascii: "}")) else { return nil }
        return finished() ? members : nil
      }
    }

    /// nil for anything this scanner leaves to Foundation.
    private mutating func scalarValue() -> Value? {
      guard index < bytes.count else { return nil }
      switch bytes[index] {
      case UInt8(ascii: "\""):
        return string().map(Value.string)
      case UInt8(ascii: "n"):
        return matches("null") ? .null : nil
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        return integer().map(Value.number)
      default:
        return nil
      }
    }

    private mutating func integer() -> String? {
      let start = index
      if bytes[index] == UInt8(ascii: "-") { index += 1 }
      let firstDigit = index
      while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
        index += 1
      }
      let digits = index - firstDigit
      // JSON forbids leading zeros; fractions, exponents and huge values go to Foundation.
      guard digits > 0, digits <= 15, !(digits > 1 && bytes[firstDigit] == UInt8(ascii: "0")) else {
        return nil
      }
      if index < bytes.count {
        let next = bytes[index]
        if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return nil }
      }
      let digitsText = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
      guard let value = Int64(digitsText) else { return nil }
      return String(value)
    }

    private mutating func string() -> String? {
      guard take(UInt8(ascii: "\"")) else { return nil }
      var runStart = index
      skipPlainBytes()
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: "\"") {
        // No escapes: the bytes are the string.
        let text = String(validating: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
        index += 1
        return text
      }
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count - runStart)
      while index < bytes.count {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""):
          return String(validating: output, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard index < bytes.count else { return nil }
          let escape = bytes[index]
          index += 1
          switch escape {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
          case UInt8(ascii: "b"): output.append(0x08)
          case UInt8(ascii: "f"): output.append(0x0C)
          case UInt8(ascii: "n"): output.append(0x0A)
          case UInt8(ascii: "r"): output.append(0x0D)
          case UInt8(ascii: "t"): output.append(0x09)
          case UInt8(ascii: "u"):
            guard let scalar = unicodeEscape() else { return nil }
            output.append(contentsOf: String(Character(scalar)).utf8)
          default: return nil
          }
        default:
          // A raw control character: invalid JSON.
          return nil
        }
        runStart = index
        skipPlainBytes()
      }
      return nil
    }

    /// Moves `index` to the next quote, backslash or control byte (or the end), eight bytes at a
    /// time: a byte-by-byte loop was 8 % of an ingest.
    private mutating func skipPlainBytes() {
      guard let base = bytes.baseAddress else { return }
      let raw = UnsafeRawPointer(base)
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      while index + 8 <= bytes.count {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        // "Has a zero byte" and "has a byte below 0x20" (bytes of 0x80 and above never count).
        let special =
          ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
        if special & highs != 0 { break }
        index += 8
      }
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return }
        index += 1
      }
    }

    /// After `\u`: four hex digits, or a surrogate pair written as two escapes.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
      guard let first = hex4() else { return nil }
      if first >= 0xD800 && first < 0xDC00 {
        guard matches("\\u"), let second = hex4(), second >= 0xDC00 && second < 0xE000 else { return nil }
        return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
      }
      return Unicode.Scalar(first)
    }

    private mutating func hex4() -> UInt32? {
      guard index + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: return nil
        }
        value = value << 4 | UInt32(digit)
        index += 1
      }
      return value
    }

    private mutating func matches(_ literal: StaticString) -> Bool {
      let count = literal.utf8CodeUnitCount
      guard index + count <= bytes.count else { return false }
      let pointer = literal.utf8Start
      for offset in 0..<count where bytes[index + offset] != pointer[offset] {
        return false
      }
      index += count
      return true
    }

    private mutating func take(_ byte: UInt8) -> Bool {
      guard index < bytes.count, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    private mutating func skipWhitespace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x09, 0x0A, 0x0D: index += 1
        default: return
        }
      }
    }

    private mutating func finished() -> Bool {
      skipWhitespace()
      return index == bytes.count
    }
  }
}

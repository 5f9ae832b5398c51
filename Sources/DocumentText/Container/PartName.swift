/// OPC part-name arithmetic: relationship targets resolved against their source part.
enum PartName {
  /// The `.rels` part that holds the relationships of `part` ("" for the package itself).
  static func relationshipsPart(of part: String) -> String {
    guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
    let directory = part[..<slash]
    let file = part[part.index(after: slash)...]
    return "\(directory)/_rels/\(file).rels"
  }

  /// Resolves a relationship target against the part that owns the relationship.
  static func resolve(_ target: String, from source: String) -> String {
    var path = target.removingPercentEncodingIfPossible
    if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
    var segments: [Substring] = []
    if !path.hasPrefix("/"), let slash = source.lastIndex(of: "/") {
      segments = source[..<slash].split(separator: "/")
    }
    for segment in path.split(separator: "/") {
      switch segment {
      case ".": continue
      case "..": _ = segments.popLast()
      default: segments.append(segment)
      }
    }
    return segments.joined(separator: "/")
  }

  /// A zip entry or flat OPC part name in canonical form: no leading slash, forward slashes.
  static func normalise(_ name: String) -> String {
    var result = name.replacingBackslashes
    while result.hasPrefix("/") { result.removeFirst() }
    return result
  }

  /// True for names that could escape the package (`..` segments).
  static func isUnsafe(_ name: String) -> Bool {
    name.replacingBackslashes.split(separator: "/").contains("..")
  }

  /// Orders parts like a person would: `header2` before `header10`.
  static func naturalOrder(_ left: String, _ right: String) -> Bool {
    let leftKey = naturalKey(left)
    let rightKey = naturalKey(right)
    for (a, b) in zip(leftKey, rightKey) where a != b {
      switch (a, b) {
      case (.number(let x), .number(let y)): return x < y
      case (.text(let x), .text(let y)): return x < y
      case (.number, .text): return true
      case (.text, .number): return false
      }
    }
    return leftKey.count < rightKey.count
  }

  private enum KeyPiece: Equatable {
    case text(String)
    case number(Int)
  }

  private static func naturalKey(_ name: String) -> [KeyPiece] {
    var pieces: [KeyPiece] = []
    var text = ""
    var digits = ""
    for character in name {
      if character.isASCII, character.isNumber {
        if !text.isEmpty {
          pieces.append(.text(text))
          text = ""
        }
        digits.append(character)
      } else {
        if !digits.isEmpty {
          pieces.append(.number(Int(digits.prefix(18)) ?? 0))
          digits = ""
        }
        text.append(character)
      }
    }
    if !text.isEmpty { pieces.append(.text(text)) }
    if !digits.isEmpty { pieces.append(.number(Int(digits.prefix(18)) ?? 0)) }
    return pieces
  }
}

extension String {
  fileprivate var replacingBackslashes: String {
    contains("\\") ? String(map { $0 == "\\" ? "/" : $0 }) : self
  }

  /// Decodes `%XX` escapes of UTF-8 bytes; leaves the string as it was when they are invalid.
  fileprivate var removingPercentEncodingIfPossible: String {
    guard contains("%") else { return self }
    var bytes: [UInt8] = []
    var iterator = Array(utf8)[...]
    while let byte = iterator.popFirst() {
      if byte == UInt8(ascii: "%"), iterator.count >= 2,
        let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        iterator = iterator.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(validating: bytes, as: UTF8.self) ?? self
  }
}

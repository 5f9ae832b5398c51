/// Escapes text for HTML element content and attribute values (the reports and the web pages).
package enum HTMLEscaping {
  package static func escape(_ text: String) -> String {
    // Most text has nothing to escape: return it as it is without rebuilding it.
    guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
    else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// A fragment identifier made of `[A-Za-z0-9_-]` only: other scalars become `_XXXX` hex, so two
  /// different ids never collide and no id can break out of an attribute.
  static func anchor(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", "-": result.unicodeScalars.append(scalar)
      default: result += "_" + String(scalar.value, radix: 16) + "_"
      }
    }
    return result
  }
}

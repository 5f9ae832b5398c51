import Reports

/// Writes an HTML page where everything is escaped unless it is explicitly trusted: text and
/// attribute values go through ``escape(_:)``; element and attribute names are constants in
/// code; the only way to add markup that is not escaped is ``trusted(_:)``, used for fragments
/// rendered by our own renderers (which escape their inputs themselves).
final class HTMLBuilder {
  private(set) var output = ""
  let language: WebLanguage

  init(language: WebLanguage, capacity: Int = 16 << 10) {
    self.language = language
    output.reserveCapacity(capacity)
  }

  /// The Chinese or English text, by the page's language.
  func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

  /// Escaped text content.
  func text(_ value: String) { output += Self.escape(value) }

  /// A fragment of markup from one of our renderers; never pass anything taken from input.
  func trusted(_ fragment: String) { output += fragment }

  /// `<name attributes>…</name>`; attributes with a nil value are left out, `""` values are
  /// written as boolean attributes.
  func element(_ name: StaticString, _ attributes: [(String, String?)] = [], _ body: () -> Void) {
    open(name, attributes)
    body()
    output += "</\(name)>"
  }

  /// `<name attributes>escaped text</name>`.
  func element(_ name: StaticString, _ attributes: [(String, String?)] = [], text value: String) {
    open(name, attributes)
    output += Self.escape(value)
    output += "</\(name)>"
  }

  /// A void element (`input`, `meta`, `link`, `br`).
  func void(_ name: StaticString, _ attributes: [(String, String?)] = []) { open(name, attributes) }

  private func open(_ name: StaticString, _ attributes: [(String, String?)]) {
    output += "<\(name)"
    for (key, value) in attributes {
      guard let value else { continue }
      if value.isEmpty {
        output += " \(key)"
      } else {
        output += " \(key)=\"\(Self.escape(value))\""
      }
    }
    output += ">"
  }

  /// Escapes text for element content and attribute values.
  static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}

/// The interface language: Chinese by default, English by `?lang=en` or the `lang` cookie.
package enum WebLanguage: String, Sendable {
  case zh
  case en

  /// `zh-CN` or `en` for the `lang` attribute.
  var tag: String { self == .zh ? "zh-CN" : "en" }
}

/// Percent-encodes a value for a query string or path segment (unreserved characters kept).
func urlEncode(_ value: String) -> String {
  var result = ""
  for byte in value.utf8 {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
      UInt8(ascii: "~"):
      result.unicodeScalars.append(Unicode.Scalar(byte))
    default:
      let hex = String(byte, radix: 16, uppercase: true)
      result += "%" + (hex.count == 1 ? "0" + hex : hex)
    }
  }
  return result
}

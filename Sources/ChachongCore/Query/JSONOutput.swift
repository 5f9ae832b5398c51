import Foundation

/// The one JSON encoding of CLI output: sorted keys, pretty-printed, slashes unescaped, so the same
/// input gives byte-identical output.
package enum JSONOutput {
  package static func encode<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}

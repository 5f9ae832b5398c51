import Foundation

/// Sorted-keys JSON, the one encoding of parameters stored in and compared with an index.
package func encode<T: Encodable>(_ value: T) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys]
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}

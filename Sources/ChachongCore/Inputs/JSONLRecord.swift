import Foundation

/// One `.jsonl` object: `id` and `text` are required; other keys are metadata.
package enum JSONLRecord {
  package static func parse(_ line: ArraySlice<UInt8>, location: String) throws(InputFailure) -> (
    id: String, text: String, metadata: InputMetadata
  ) {
    if let members = line.withUnsafeBufferPointer({ JSONObjectScanner.scan($0) }) {
      return try record(members, location: location)
    }
    return try parseWithFoundation(line, location: location)
  }

  private static func record(_ members: [(key: String, value: JSONObjectScanner.Value)], location: String)
    throws(InputFailure) -> (id: String, text: String, metadata: InputMetadata)
  {
    var id: String?
    var text: String?
    var metadata = InputMetadata()
    for (key, value) in members.sorted(by: { $0.key < $1.key }) {
      let scalar: String?
      switch value {
      case .string(let string): scalar = string
      case .number(let digits): scalar = digits
      case .null: scalar = nil
      }
      switch key {
      case "id": id = scalar
      case "text":
        if case .string(let string) = value { text = string }
      default:
        if let scalar { metadata.set(name: key, value: scalar) }
      }
    }
    guard let id, !id.isEmpty else {
      throw InputFailure(path: location, reason: "record has no \"id\"")
    }
    guard let text else {
      throw InputFailure(path: location, reason: "record has no \"text\" string")
    }
    return (id, text, metadata)
  }

  /// Every line the fast scanner leaves alone: nested values, fractions, booleans, bad JSON.
  static func parseWithFoundation(_ line: ArraySlice<UInt8>, location: String) throws(InputFailure) -> (
    id: String, text: String, metadata: InputMetadata
  ) {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(line), options: [])
    } catch {
      throw InputFailure(path: location, reason: "not a JSON object")
    }
    guard let dictionary = object as? [String: Any] else {
      throw InputFailure(path: location, reason: "not a JSON object")
    }
    let members = dictionary.map { key, value -> (key: String, value: JSONObjectScanner.Value) in
      switch value {
      case let text as String: return (key, .string(text))
      case let number as NSNumber: return (key, .number(decimalText(number)))
      default: return (key, .null)
      }
    }
    return try record(members, location: location)
  }

  /// JSON numbers like 2024 or 2024.0 become "2024".
  private static func decimalText(_ number: NSNumber) -> String {
    let double = number.doubleValue
    if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
    return number.stringValue
  }
}

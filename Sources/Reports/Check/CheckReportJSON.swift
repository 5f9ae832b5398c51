import Foundation

extension CheckReport {
  /// Pretty-printed JSON with sorted keys: the same report gives the same bytes.
  package func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(self)
    data.append(0x0A)
    return data
  }

  package static func decode(_ data: Data) throws -> CheckReport {
    try JSONDecoder().decode(CheckReport.self, from: data)
  }
}

import Fingerprints

/// In-memory banded LSH: band key → documents. Keys already mix in the band index, so one table
/// holds every band.
struct LSHTable {
  let parameters: LSHParameters
  private(set) var buckets: [UInt64: [Int32]] = [:]

  init(parameters: LSHParameters) { self.parameters = parameters }

  mutating func insert(_ document: Int32, _ signature: MinHashSignature) {
    for key in parameters.bandKeys(of: signature) { buckets[key, default: []].append(document) }
  }

  /// Documents sharing at least one band with `signature`, ascending, without `excluding`.
  func candidates(_ signature: MinHashSignature, excluding: Int32) -> [Int32] {
    var found: Set<Int32> = []
    for key in parameters.bandKeys(of: signature) {
      for document in buckets[key] ?? [] where document != excluding { found.insert(document) }
    }
    return found.sorted()
  }
}

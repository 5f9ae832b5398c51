/// How many indexed documents contain a shingle: the index implements this for the common-text
/// filter (MOSS's `-m`).
package protocol ShingleDocumentFrequencies: Sendable {
  /// Number of documents the frequencies are counted over.
  var documentCount: Int { get }
  /// Number of documents containing `shingle` (each document counted once).
  func documentFrequency(of shingle: UInt64) -> Int
}

/// Document frequencies counted in memory from the documents' shingle hashes.
package struct InMemoryShingleFrequencies: ShingleDocumentFrequencies {
  package let documentCount: Int
  private let frequencies: [UInt64: Int]

  package init(documents: [[UInt64]]) {
    var frequencies: [UInt64: Int] = [:]
    for shingles in documents {
      for hash in Set(shingles) { frequencies[hash, default: 0] += 1 }
    }
    self.documentCount = documents.count
    self.frequencies = frequencies
  }

  package func documentFrequency(of shingle: UInt64) -> Int { frequencies[shingle] ?? 0 }
}

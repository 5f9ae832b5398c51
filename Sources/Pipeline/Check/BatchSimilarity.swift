import Fingerprints
import Integrity
import Matching

/// Similar pairs inside the batch, without the index: candidates from a sample of shingles
/// (those whose hash is 0 mod 16, so two texts sharing a passage share samples of it), then
/// every candidate verified exactly. Pure and deterministic.
public enum BatchSimilarity {
  /// A shingle is sampled when `hash % samplingModulus == 0`.
  public static let samplingModulus: UInt64 = 16
  /// Candidates share at least this many sampled shingles.
  public static let minimumSharedSamples = 2

  public static func pairs(
    _ batch: [PreparedDocument], parameters: FingerprintParameters, excludingShingles: Set<UInt64>,
    minimum: SimilarityThreshold, passageMinimum: Int?
  ) -> [SimilarPair] {
    var postings: [UInt64: [Int]] = [:]
    for (index, document) in batch.enumerated() {
      for hash in Set(document.fingerprint.shingleHashes)
      where hash % samplingModulus == 0 && !excludingShingles.contains(hash) {
        postings[hash, default: []].append(index)
      }
    }
    var shared: [Int: Int] = [:]  // left * count + right → shared samples
    let count = batch.count
    for documents in postings.values where documents.count > 1 && documents.count <= 64 {
      for (position, left) in documents.enumerated() {
        for right in documents[(position + 1)...] {
          shared[left * count + right, default: 0] += 1
        }
      }
    }
    var pairs: [SimilarPair] = []
    for key in shared.keys.sorted() {
      guard let samples = shared[key], samples >= minimumSharedSamples else { continue }
      let left = key / count
      let right = key % count
      guard
        let (measures, passages) = PairEvidence.measures(
          query: batch[left].fingerprint, match: batch[right].fingerprint.normalized,
          matchShingles: batch[right].fingerprint.shingleHashes, parameters: parameters,
          excluding: excludingShingles,
          minimum: minimum, passageMinimum: passageMinimum)
      else { continue }
      pairs.append(
        SimilarPair(
          applicationID: batch[left].id, other: batch[right].document.record, otherInBatch: true,
          measures: measures,
          passages: passages))
    }
    return pairs
  }

  /// Shingles found in more than `max(5, n / 5)` of the batch's documents: the form's headings and
  /// instructions every application repeats. Only for batches of ten or more.
  public static func commonShingles(_ batch: [PreparedDocument]) -> Set<UInt64> {
    guard batch.count >= 10 else { return [] }
    let limit = max(5, batch.count / 5)
    var frequency: [UInt64: Int] = [:]
    for document in batch {
      for hash in Set(document.fingerprint.shingleHashes) { frequency[hash, default: 0] += 1 }
    }
    return Set(frequency.filter { $0.value > limit }.keys)
  }
}

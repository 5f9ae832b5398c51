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
    _ batch: [BatchDocument], k: Int, seed: UInt64, excludingShingles: Set<UInt64>,
    minimum: SimilarityThreshold
  ) -> [SimilarPair] {
    let prepared = batch.map { document -> (NormalizedText, [UInt64]) in
      let normalized = NormalizedText(normalizing: document.text)
      return (normalized, Shingler.shingleHashes(of: normalized, k: k, seed: seed))
    }
    var postings: [UInt64: [Int]] = [:]
    for (index, (_, hashes)) in prepared.enumerated() {
      for hash in Set(hashes) where hash % samplingModulus == 0 && !excludingShingles.contains(hash) {
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
      let scores = Verifier.scores(
        query: prepared[left].0, queryHashes: prepared[left].1, matchHashes: prepared[right].1, k: k,
        excluding: excludingShingles)
      let measures = SimilarityMeasures(scores)
      guard minimum.isMet(by: measures) || minimum.isMet(by: measures.reversed) else { continue }
      pairs.append(
        SimilarPair(
          applicationID: batch[left].record.id, other: batch[right].record, otherInBatch: true,
          measures: measures))
    }
    return pairs
  }

  /// Shingles found in more than `max(5, n / 5)` of the batch's documents: the form's headings and
  /// instructions every application repeats. Only for batches of ten or more.
  public static func commonShingles(_ batch: [BatchDocument], k: Int, seed: UInt64) -> Set<UInt64> {
    guard batch.count >= 10 else { return [] }
    let limit = max(5, batch.count / 5)
    var frequency: [UInt64: Int] = [:]
    for document in batch {
      let hashes = Set(
        Shingler.shingleHashes(of: NormalizedText(normalizing: document.text), k: k, seed: seed))
      for hash in hashes { frequency[hash, default: 0] += 1 }
    }
    return Set(frequency.filter { $0.value > limit }.keys)
  }
}

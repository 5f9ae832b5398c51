import ArchiveStore
import ChachongModel
import Fingerprints
import Integrity
import Matching

/// The second candidate channel of a check (issue 13): function-word skeleton keys
/// (`SkeletonShingler`, after Stamatatos 2011) survive the synonym swaps of '降重' tools that break
/// character shingles. Two uses:
/// - a gate for the fuzzy stage: a pair is aligned sentence by sentence only when the share of
///   skeleton keys the two texts share (over the smaller key set) is at least `minimumOverlap`.
///   On the bundled sample, planted copies (light to heavy edits) share 0.30–1.0 of their keys,
///   while unrelated applications written from one text bank share at most 0.036, though the
///   fuzzy stage alone finds sentence-level similarity between them (same genre, same regulations);
///   a rewritten third of a document shares about 0.04 with its source;
/// - candidates within the batch: pairs of batch documents over `minimumOverlap` that the exact
///   search did not verify, found through an inverted index of their keys (keys in more than
///   `maximumPostings` documents are the genre's, not a copy's, and are skipped).
///
/// Archived documents are reached through the store's candidates only: the store ports hold no
/// skeleton keys (a posting kind the ports would have to add; not done).
enum ParaphraseChannel {
  /// Measured: unrelated applications of the bundled sample (one text bank) share at most 0.036,
  /// unrelated regulations of the paraphrase corpus at most 0.013; planted copies on the sample
  /// 0.30–1.0, the paraphrase corpus's copies (2–33 % of a document) 0.0–0.19, median 0.03. The
  /// margin above the sample's neighbours is thin; small rewritten copies mostly stay below.
  static let minimumOverlap = 0.04
  static let maximumPostings = 64

  /// Shared keys over the smaller of two sorted key sets.
  static func skeletonOverlap(_ left: [UInt64], _ right: [UInt64]) -> Double {
    guard !left.isEmpty, !right.isEmpty else { return 0 }
    var shared = 0
    var i = 0
    var j = 0
    while i < left.count && j < right.count {
      if left[i] == right[j] {
        shared += 1
        i += 1
        j += 1
      } else if left[i] < right[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return Double(shared) / Double(min(left.count, right.count))
  }

  /// Batch pairs (earlier document first, as the batch search gives them) whose skeletons overlap
  /// and that `existing` does not hold, verified exactly (scores only, no gate): the copy ratios
  /// and the rules decide on them after the fuzzy stage.
  static func batchPairs(
    _ batch: [PreparedDocument], existing: [SimilarPair], parameters: FingerprintParameters,
    excluding: Set<UInt64>
  ) -> [SimilarPair] {
    let keys = batch.map { SkeletonShingler.keys(of: $0.fingerprint.normalized) }
    var postings: [UInt64: [Int]] = [:]
    for (index, documentKeys) in keys.enumerated() {
      for key in documentKeys { postings[key, default: []].append(index) }
    }
    let known = Set(existing.filter(\.otherInBatch).map { PairKey($0.applicationID, $0.other.id) })
    var pairs: [SimilarPair] = []
    for (index, documentKeys) in keys.enumerated() {
      var shared: [Int: Int] = [:]
      for key in documentKeys {
        guard let members = postings[key], members.count <= maximumPostings else { continue }
        for other in members where other > index { shared[other, default: 0] += 1 }
      }
      for (other, count) in shared.sorted(by: { $0.key < $1.key }) {
        let overlap = Double(count) / Double(max(1, min(documentKeys.count, keys[other].count)))
        guard overlap >= minimumOverlap else { continue }
        let query = batch[index]
        let match = batch[other]
        guard !known.contains(PairKey(query.id, match.id)) else { continue }
        let scores = Verifier.scores(
          query: query.fingerprint.normalized, queryHashes: query.fingerprint.shingleHashes,
          matchHashes: match.fingerprint.shingleHashes, k: parameters.shingleSize, excluding: excluding)
        pairs.append(
          SimilarPair(
            applicationID: query.id, other: match.document.record, otherInBatch: true,
            measures: SimilarityMeasures(scores), passages: []))
      }
    }
    return pairs
  }

  struct PairKey: Hashable {
    var first: String
    var second: String
    init(_ a: String, _ b: String) {
      first = min(a, b)
      second = max(a, b)
    }
  }
}

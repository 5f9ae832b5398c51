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

  /// The local half of the gate. A rewritten copy that is small against its documents (a
  /// 100-character paragraph of a 3,000-character regulation) shares too few skeleton keys with the
  /// whole document to reach `minimumOverlap` (the paraphrase corpus's copies share 0.0–0.19 of
  /// them, median 0.03), but the exact stage leaves fragments of it (the words the rewriting did not
  /// touch) that lie together on both sides. Documents written from one text bank (the bundled
  /// sample's applications) share many verbatim sentences scattered over both texts instead, and
  /// the fuzzy stage would join those into long "rewritten" passages. So a pair also goes through
  /// the fuzzy stage when at least `localMinimumCharacters` of its exact passages lie within
  /// `localWindow` characters of each other on both sides (`exactCluster`) and that cluster holds at
  /// least `localConcentration` of all its exact passages' characters.
  ///
  /// Chosen on the even-numbered half of the paraphrase corpus's suspicious documents
  /// (docs/BENCHMARKS.md): 17 of 18 true pairs below the whole-document gate pass, 11 of 610
  /// unrelated verified pairs; the bundled sample's pairs below the whole-document gate have a
  /// concentration of at most 0.12, and 30 characters is above the 13–23-character stock phrases
  /// that unrelated regulations share.
  static let localWindow = 300
  static let localMinimumCharacters = 30
  static let localConcentration = 0.25

  /// Whether a verified pair goes through the fuzzy stage (`ParaphraseAligner`): the exact passages
  /// cover less than `PairCopyRatios.fuzzyBelow` of the application, and the skeletons overlap over
  /// the whole documents (`minimumOverlap`) or the exact passages cluster (`localMinimumCharacters`).
  /// Shared by check and query.
  static func needsFuzzyStage(
    _ application: PairCopyRatios.Side, _ other: PairCopyRatios.Side, exact: [Passage]
  ) -> Bool {
    guard PairCopyRatios.copied(application, exact).ratio < PairCopyRatios.fuzzyBelow else { return false }
    if skeletonOverlap(application.skeleton, other.skeleton) >= minimumOverlap { return true }
    return isLocalCopy(exact)
  }

  /// The exact passages' local cluster (`exactCluster`) is long enough and holds enough of them.
  static func isLocalCopy(_ exact: [Passage]) -> Bool {
    let cluster = exactCluster(exact)
    let total = exact.reduce(0) { $0 + max(0, $1.end - $1.start) }
    return cluster >= localMinimumCharacters && Double(cluster) >= localConcentration * Double(total)
  }

  /// The most exact-passage characters (application side) that lie within `localWindow` characters
  /// of each other on both sides: the fragments a rewritten copy leaves of its source.
  static func exactCluster(_ exact: [Passage]) -> Int {
    let sorted = exact.sorted { ($0.start, $0.sourceStart) < ($1.start, $1.sourceStart) }
    var best = 0
    for (index, first) in sorted.enumerated() {
      var total = 0
      for next in sorted[index...] {
        guard next.start - first.start <= localWindow else { break }
        if abs(next.sourceStart - first.sourceStart) <= localWindow { total += next.end - next.start }
      }
      best = max(best, total)
    }
    return best
  }

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
  ///
  /// `skeletons[i]` are batch document i's keys (``skeletons(of:workers:)``, computed once per
  /// check and read by the copy ratios too). The shared-key counts come from one inverted list of
  /// the batch's keys (``BatchOverlap``, keys in more than `maximumPostings` documents left out),
  /// in batch order then candidate order; the scores are computed `workers` pairs at a time.
  static func batchPairs(
    _ batch: [PreparedDocument], skeletons keys: [[UInt64]], existing: [SimilarPair],
    parameters: FingerprintParameters, excluding: Set<UInt64>, workers: Int
  ) async throws(CancellationError) -> [SimilarPair] {
    guard keys.count == batch.count else { return [] }
    let overlap = BatchOverlap(
      documents: keys, exclusion: Verifier.ExclusionTable([]), maximumGroupSize: maximumPostings)
    let known = Set(existing.filter(\.otherInBatch).map { PairKey($0.applicationID, $0.other.id) })
    var found: [(query: Int, match: Int)] = []
    for index in batch.indices {
      let shared = overlap.sharedWithLater(index)
      for other in (index + 1)..<batch.count where shared[other] > 0 {
        let overlapShare = Double(shared[other]) / Double(max(1, min(keys[index].count, keys[other].count)))
        guard overlapShare >= minimumOverlap else { continue }
        guard !known.contains(PairKey(batch[index].id, batch[other].id)) else { continue }
        found.append((index, other))
      }
    }
    let k = parameters.shingleSize
    return try await OrderedConcurrentMap.map(found, workers: workers, makeState: {}) { _, pair in
      let query = batch[pair.query]
      let match = batch[pair.match]
      let scores = Verifier.scores(
        query: query.fingerprint.normalized, queryHashes: query.fingerprint.shingleHashes,
        matchHashes: match.fingerprint.shingleHashes, k: k, excluding: excluding)
      return SimilarPair(
        applicationID: query.id, other: match.document.record, otherInBatch: true,
        measures: SimilarityMeasures(scores), passages: [])
    }
  }

  /// Each batch document's skeleton keys (`SkeletonShingler.keys`), `workers` documents at a time.
  static func skeletons(of batch: [PreparedDocument], workers: Int) async throws(CancellationError)
    -> [[UInt64]]
  {
    try await OrderedConcurrentMap.map(batch, workers: workers, makeState: {}) { _, document in
      SkeletonShingler.keys(of: document.fingerprint.normalized)
    }
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

import Fingerprints

/// Stage 2: exact scores for a candidate pair, from the normalised texts (never from signatures).
public enum Verifier {
  /// Scores over the distinct shingle hashes of both texts (`Shingler`, k tokens, `seed`), after
  /// removing `excluding` (template shingles, shingles too frequent in the index).
  public static func scores(
    query: NormalizedText, match: NormalizedText, k: Int, seed: UInt64,
    excluding: Set<UInt64> = []
  ) -> SimilarityScores {
    let queryHashes = Shingler.shingleHashes(of: query, k: k, seed: seed)
    let matchHashes = Shingler.shingleHashes(of: match, k: k, seed: seed)
    return scores(
      query: query, queryHashes: queryHashes, matchHashes: matchHashes, k: k, excluding: excluding)
  }

  /// Same, with the shingle hashes already computed (`queryHashes[i]` is the shingle starting at
  /// token i of `query`, as `Shingler` returns them).
  public static func scores(
    query: NormalizedText, queryHashes: [UInt64], matchHashes: [UInt64], k: Int,
    excluding: Set<UInt64> = []
  ) -> SimilarityScores {
    let querySet = SortedHashSet(queryHashes, excluding: excluding)
    let matchSet = SortedHashSet(matchHashes, excluding: excluding)
    let shared = querySet.intersection(matchSet)
    let union = querySet.count + matchSet.count - shared.count
    let sharedCount = shared.count
    return SimilarityScores(
      jaccard: union == 0 ? 0 : Double(sharedCount) / Double(union),
      queryContainment: querySet.count == 0 ? 0 : Double(sharedCount) / Double(querySet.count),
      matchContainment: matchSet.count == 0 ? 0 : Double(sharedCount) / Double(matchSet.count),
      sharedShingles: sharedCount,
      queryShingles: querySet.count,
      matchShingles: matchSet.count,
      sharedCharacters: coveredCharacters(
        of: query, hashes: queryHashes, k: k, shared: shared))
  }

  /// Union of the original spans of the query's shingles whose hash is shared, in code points.
  static func coveredCharacters(
    of text: NormalizedText, hashes: [UInt64], k: Int, shared: SortedHashSet
  ) -> Int {
    guard !shared.isEmpty, text.count > 0 else { return 0 }
    let window = min(max(k, 1), text.count)
    var covered = 0
    var coveredUpTo: Int32 = .min  // end of the span counted so far; spans come in start order
    for (index, hash) in hashes.enumerated() where shared.contains(hash) {
      let start = max(text.starts[index], coveredUpTo)
      let end = text.ends[index + window - 1]
      if end > start {
        covered += Int(end - start)
        coveredUpTo = end
      }
    }
    return covered
  }
}

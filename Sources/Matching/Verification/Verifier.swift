import ChachongModel
import Fingerprints

/// Stage 2: exact scores for a candidate pair, from the normalised texts (never from signatures).
package enum Verifier {
  /// Scores over the distinct shingle hashes of both texts (`Shingler`, k tokens, `seed`), after
  /// removing `excluding` (template shingles, shingles too frequent in the index).
  package static func scores(
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
  package static func scores(
    query: NormalizedText, queryHashes: [UInt64], matchHashes: [UInt64], k: Int,
    excluding: Set<UInt64> = []
  ) -> SimilarityScores {
    ShingleHashSet.withSet(capacity: matchHashes.count) { matchSet in
      ShingleHashSet.withSet(capacity: queryHashes.count) { querySet in
        for hash in matchHashes where excluding.isEmpty || !excluding.contains(hash) {
          _ = matchSet.insert(hash)
        }
        var shared = 0
        var sharedCharacters = 0
        let window = min(max(k, 1), max(query.count, 1))
        var coveredUpTo: Int32 = .min  // spans come in start order; count each code point once
        query.starts.withUnsafeBufferPointer { starts in
          query.ends.withUnsafeBufferPointer { ends in
            for (index, hash) in queryHashes.enumerated() {
              // The match set has no excluded hashes, so a shared hash is never excluded.
              guard matchSet.contains(hash) else {
                if excluding.isEmpty || !excluding.contains(hash) { _ = querySet.insert(hash) }
                continue
              }
              if querySet.insert(hash) { shared += 1 }
              guard index + window - 1 < ends.count else { continue }
              let start = max(starts[index], coveredUpTo)
              let end = ends[index + window - 1]
              if end > start {
                sharedCharacters += Int(end - start)
                coveredUpTo = end
              }
            }
          }
        }
        return makeScores(
          shared: shared, queryCount: querySet.count, matchCount: matchSet.count,
          sharedCharacters: sharedCharacters)
      }
    }
  }

  package static func makeScores(shared: Int, queryCount: Int, matchCount: Int, sharedCharacters: Int)
    -> SimilarityScores
  {
    let union = queryCount + matchCount - shared
    return SimilarityScores(
      jaccard: union == 0 ? 0 : Double(shared) / Double(union),
      queryContainment: queryCount == 0 ? 0 : Double(shared) / Double(queryCount),
      matchContainment: matchCount == 0 ? 0 : Double(shared) / Double(matchCount),
      sharedShingles: shared,
      queryShingles: queryCount,
      matchShingles: matchCount,
      sharedCharacters: sharedCharacters)
  }
}

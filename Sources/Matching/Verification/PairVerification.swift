import ChachongModel
import Fingerprints

/// One pair verified with a ``Verifier/PreparedQuery``: the exact scores, and which shingles of
/// each side are shared or excluded, so that an upper bound on the passages `PassageAligner` can
/// find (``passageBound(query:match:parameters:)``) costs one pass over each text instead of an
/// alignment.
package struct PairVerification: Sendable {
  package let scores: SimilarityScores
  /// Per distinct query hash: also in the match (and not excluded).
  package let seenInMatch: [Bool]
  /// Per match shingle position: ``shared``, ``excluded`` or 0.
  let matchPositions: [UInt8]

  static let shared: UInt8 = 1
  static let excluded: UInt8 = 2
}

/// An upper bound on the passages `PassageAligner.align` finds for one pair with given
/// parameters, from the shared and excluded shingles alone.
///
/// Why it holds (for `mergeDistance` 0, the rules' alignment; sections only split passages
/// further, so they keep it): every token of an aligned run is covered by a shingle both texts
/// share (a run is a diagonal of equal, non-excluded shingles), and two runs of one passage are at
/// most `maximumGap` tokens apart that are neither template nor common text (excluded tokens do
/// not count in gaps). Call a *segment* a maximal stretch of a text that starts and ends on a
/// shared-covered token and inside which no two consecutive shared-covered tokens are more than
/// `maximumGap` counted tokens apart. Tokens strictly between two consecutive covered tokens of a
/// passage lie in one gap between two of its runs, so every passage's span lies inside one
/// segment, on each side. Passages do not overlap in the query and each is at least
/// `minimumCharacters` long (`Passage.chars`, the span in the extracted text), hence
///
/// - Σ passage characters (query side) ≤ ``queryCharacters`` = Σ of the spans of the query's
///   segments at least `minimumCharacters` long;
/// - the number of passages ≤ ``passages`` = Σ over those segments of ⌊span / minimumCharacters⌋;
/// - each passage's source span ≤ ``longestSourceSpan``, the longest source segment, so the
///   characters the source side of the passages covers (a pair seen from the other document, whose
///   passages may repeat a source region) ≤ ``sourceCharacters`` = passages × longestSourceSpan.
///
/// `queryCharacters` is also a bound on the application characters inside passages of this one
/// source for any `minimumCharacters` ≥ the one given (e.g. a copy-ratio floor: passages of the
/// evidence alignment cover at most `queryCharacters` of the application from this source).
package struct PassageBound: Sendable, Equatable {
  package var queryCharacters: Int
  package var passages: Int
  package var longestSourceSpan: Int

  package init(queryCharacters: Int, passages: Int, longestSourceSpan: Int) {
    self.queryCharacters = queryCharacters
    self.passages = passages
    self.longestSourceSpan = longestSourceSpan
  }

  /// No bound: what to assume when the parameters are outside what the proof covers.
  package static let unbounded = PassageBound(
    queryCharacters: .max, passages: .max, longestSourceSpan: .max)

  /// The aligner certainly finds no passage.
  package var isEmpty: Bool { passages == 0 }

  /// Bound on Σ (sourceEnd − sourceStart) over the passages.
  package var sourceCharacters: Int {
    let (product, overflow) = passages.multipliedReportingOverflow(by: longestSourceSpan)
    return overflow ? .max : product
  }
}

extension Verifier {
  /// The scores of ``scores(_:matchHashes:)`` with the shared and excluded positions kept for
  /// ``PairVerification/passageBound(query:match:parameters:)``.
  /// `matchDistinct`, when known, is ``distinctCount(of:excluding:)`` of `matchHashes` with the
  /// query's exclusions (a document verified against many queries counts it once); without it the
  /// match's hashes that the query lacks are counted here.
  package static func verify(_ query: PreparedQuery, matchHashes: [UInt64], matchDistinct: Int? = nil)
    -> PairVerification
  {
    var seen = [Bool](repeating: false, count: query.distinctCount)
    var positions = [UInt8](repeating: 0, count: matchHashes.count)
    var shared = 0
    let exclusion = query.exclusion
    let excludes = !exclusion.isEmpty
    let counting = matchDistinct == nil
    let onlyInMatch = ShingleHashSet.withSet(capacity: counting ? matchHashes.count : 0) { others in
      exclusion.keys.withUnsafeBufferPointer { excludedKeys in
        exclusion.filter.words.withUnsafeBufferPointer { excludedFilter in
          query.filter.words.withUnsafeBufferPointer { queryFilter in
            query.keys.withUnsafeBufferPointer { keys in
              query.values.withUnsafeBufferPointer { values in
                seen.withUnsafeMutableBufferPointer { seen in
                  positions.withUnsafeMutableBufferPointer { positions in
                    matchHashes.withUnsafeBufferPointer { matchHashes in
                      for position in 0..<matchHashes.count {
                        let hash = matchHashes[position]
                        if excludes && exclusion.contains(hash, keys: excludedKeys, filter: excludedFilter) {
                          positions[position] = PairVerification.excluded
                          continue
                        }
                        let distinct =
                          hash != 0 && !query.filter.mayContain(hash, words: queryFilter)
                          ? -1 : query.index(of: hash, keys: keys, values: values)
                        if distinct < 0 {
                          if counting { _ = others.insert(hash) }
                          continue
                        }
                        positions[position] = PairVerification.shared
                        if !seen[Int(distinct)] {
                          seen[Int(distinct)] = true
                          shared += 1
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      return counting ? others.count : 0
    }
    var sharedCharacters = 0
    let window = min(max(query.k, 1), max(query.text.count, 1))
    var coveredUpTo: Int32 = .min
    query.distinctIndex.withUnsafeBufferPointer { distinctIndex in
      query.text.starts.withUnsafeBufferPointer { starts in
        query.text.ends.withUnsafeBufferPointer { ends in
          for index in 0..<distinctIndex.count {
            let distinct = Int(distinctIndex[index])
            guard distinct >= 0, seen[distinct], index + window - 1 < ends.count else { continue }
            let start = max(starts[index], coveredUpTo)
            let end = ends[index + window - 1]
            if end > start {
              sharedCharacters += Int(end - start)
              coveredUpTo = end
            }
          }
        }
      }
    }
    return PairVerification(
      scores: makeScores(
        shared: shared, queryCount: query.distinctCount, matchCount: matchDistinct ?? (shared + onlyInMatch),
        sharedCharacters: sharedCharacters),
      seenInMatch: seen, matchPositions: positions)
  }
}

extension Verifier {
  /// How many distinct hashes `hashes` holds that `excluding` does not (a verified match's
  /// `matchShingles` count).
  package static func distinctCount(of hashes: [UInt64], excluding: Set<UInt64>) -> Int {
    ShingleHashSet.withSet(capacity: hashes.count) { set in
      for hash in hashes where excluding.isEmpty || !excluding.contains(hash) { _ = set.insert(hash) }
      return set.count
    }
  }
}

extension PairVerification {
  /// Shared and excluded shingle positions of both sides (the query's excluded positions are those
  /// without a distinct index), and the query's distinct index of each shared match position, looked
  /// up again here (only pairs that are aligned need it, so the verification of every candidate
  /// does not store it).
  func seedMasks(_ query: Verifier.PreparedQuery, matchHashes: [UInt64]) -> SeedMasks {
    var sourceDistinct = [Int32](repeating: -1, count: matchPositions.count)
    if matchHashes.count == matchPositions.count {
      query.keys.withUnsafeBufferPointer { keys in
        query.values.withUnsafeBufferPointer { values in
          for (position, kind) in matchPositions.enumerated() where kind == Self.shared {
            sourceDistinct[position] = query.index(of: matchHashes[position], keys: keys, values: values)
          }
        }
      }
    }
    return SeedMasks(
      queryShared: query.distinctIndex.map { $0 >= 0 && seenInMatch[Int($0)] },
      sourceShared: matchPositions.map { $0 == Self.shared },
      queryExcluded: query.distinctIndex.map { $0 < 0 },
      sourceExcluded: matchPositions.map { $0 == Self.excluded },
      distinct: SeedMasks.DistinctIndexes(
        query: query.distinctIndex, source: sourceDistinct, count: query.distinctCount))
  }

  /// The bound of ``PassageBound`` for `PassageAligner.align` of this pair with `parameters`
  /// (query and match as verified: the query's text and the match's normalised text whose
  /// shingles were verified). ``PassageBound/unbounded`` when `mergeDistance` > 0 (merged chains
  /// may join passages across any gap).
  package func passageBound(
    query: Verifier.PreparedQuery, match: NormalizedText, parameters: PassageAlignmentParameters
  ) -> PassageBound {
    guard parameters.mergeDistance == 0, match.count >= matchPositions.count else { return .unbounded }
    let minimum = max(1, parameters.minimumCharacters)
    let gap = max(0, parameters.maximumGap)
    let k = max(1, query.k)
    let seen = seenInMatch
    let querySegments = query.distinctIndex.withUnsafeBufferPointer { distinctIndex in
      Self.segments(
        tokenCount: query.text.count, shingleCount: distinctIndex.count, k: k, maximumGap: gap,
        minimumCharacters: minimum, starts: query.text.starts, ends: query.text.ends
      ) { position in
        let distinct = Int(distinctIndex[position])
        return distinct < 0 ? PairVerification.excluded : (seen[distinct] ? PairVerification.shared : 0)
      }
    }
    guard querySegments.passages > 0 else {
      return PassageBound(queryCharacters: 0, passages: 0, longestSourceSpan: 0)
    }
    let sourceSegments = matchPositions.withUnsafeBufferPointer { positions in
      Self.segments(
        tokenCount: match.count, shingleCount: positions.count, k: k, maximumGap: gap,
        minimumCharacters: minimum, starts: match.starts, ends: match.ends
      ) { positions[$0] }
    }
    return PassageBound(
      queryCharacters: querySegments.characters, passages: querySegments.passages,
      longestSourceSpan: sourceSegments.longest)
  }

  /// The segments of one side (see ``PassageBound``): Σ span and Σ ⌊span / minimum⌋ over those at
  /// least `minimumCharacters` long, and the longest span. `kind(position)` says whether the
  /// shingle at a position is shared, excluded or neither; it covers tokens position..<position+k.
  @inline(__always)
  static func segments(
    tokenCount: Int, shingleCount: Int, k: Int, maximumGap: Int, minimumCharacters: Int,
    starts: [Int32], ends: [Int32], kind: (Int) -> UInt8
  ) -> (characters: Int, passages: Int, longest: Int) {
    var characters = 0
    var passages = 0
    var longest = 0
    var coveredUntil = 0
    var excludedUntil = 0
    var segmentStart = -1
    var segmentLast = -1
    var gap = 0
    func close() {
      guard segmentStart >= 0 else { return }
      let span = Int(ends[segmentLast]) - Int(starts[segmentStart])
      longest = max(longest, span)
      if span >= minimumCharacters {
        characters += span
        passages += span / minimumCharacters
      }
    }
    for token in 0..<tokenCount {
      if token < shingleCount {
        switch kind(token) {
        case PairVerification.shared: coveredUntil = max(coveredUntil, min(token + k, tokenCount))
        case PairVerification.excluded: excludedUntil = max(excludedUntil, min(token + k, tokenCount))
        default: break
        }
      }
      if token < coveredUntil {
        if segmentStart < 0 || gap > maximumGap {
          close()
          segmentStart = token
        }
        segmentLast = token
        gap = 0
      } else if token >= excludedUntil {
        gap += 1
      }
    }
    close()
    return (characters, passages, longest)
  }
}

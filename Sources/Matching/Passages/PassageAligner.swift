import ChachongModel
import Fingerprints

/// Aligns the text a query shares with a source into passages with offsets in both original texts.
///
/// 1. Seeds: shingles present in both documents (never excluded ones: template or common text).
/// 2. Runs: each seed is extended along its diagonal while the shingles keep matching.
/// 3. Chains: runs that advance in both documents with gaps of at most `maximumGap` tokens on each
///    side are joined, so a changed character or a short insertion does not split a passage; the
///    chain covering the most query tokens wins and a query region belongs to one passage only.
///    Template or common tokens (covered by an excluded shingle) are never at a passage's ends and
///    do not count in gaps. With sections given, no passage crosses a section boundary in either
///    text (so a template heading separates two copied sections).
/// 4. Passages shorter than `minimumCharacters` (query characters, template and common tokens
///    not counted) are dropped.
package enum PassageAligner {
  package static func align(
    query: NormalizedText, source: NormalizedText, k: Int, seed: UInt64, excluding: Set<UInt64>,
    minimumCharacters: Int, maximumGap: Int
  ) -> [Passage] {
    align(
      query: query, queryShingles: Shingler.shingleHashes(of: query, k: k, seed: seed),
      source: source, sourceShingles: Shingler.shingleHashes(of: source, k: k, seed: seed), k: k,
      excluding: excluding, minimumCharacters: minimumCharacters, maximumGap: maximumGap)
  }

  /// The same with parameters bundled.
  package static func align(
    query: NormalizedText, source: NormalizedText, k: Int, seed: UInt64, excluding: Set<UInt64>,
    parameters: PassageAlignmentParameters
  ) -> [Passage] {
    align(
      query: query, queryShingles: Shingler.shingleHashes(of: query, k: k, seed: seed),
      source: source, sourceShingles: Shingler.shingleHashes(of: source, k: k, seed: seed), k: k,
      excluding: excluding, parameters: parameters)
  }

  /// The same with shingle hashes already computed (`Shingler.shingleHashes` with the same k and
  /// seed), e.g. when one query is aligned against many sources.
  package static func align(
    query: NormalizedText, queryShingles: [UInt64], source: NormalizedText, sourceShingles: [UInt64],
    k: Int, excluding: Set<UInt64>, minimumCharacters: Int, maximumGap: Int
  ) -> [Passage] {
    align(
      query: query, queryShingles: queryShingles, source: source, sourceShingles: sourceShingles, k: k,
      excluding: excluding,
      parameters: PassageAlignmentParameters(minimumCharacters: minimumCharacters, maximumGap: maximumGap))
  }

  /// The general form: precomputed shingles, all parameters and, optionally, the sections of both
  /// texts (`TextLayout.sections`): a passage then never crosses a section boundary on either side.
  package static func align(
    query: NormalizedText, queryShingles: [UInt64], source: NormalizedText, sourceShingles: [UInt64],
    k: Int, excluding: Set<UInt64>, parameters: PassageAlignmentParameters,
    querySections: [TextSection] = [], sourceSections: [TextSection] = []
  ) -> [Passage] {
    align(
      query: query, queryShingles: queryShingles, source: source, sourceShingles: sourceShingles, k: k,
      excluding: excluding, parameters: parameters, querySections: querySections,
      sourceSections: sourceSections, shared: nil)
  }

  /// The same for a pair verified with `Verifier.verify` (`query` prepared with the same
  /// exclusions, `sourceShingles` the verified match hashes): the verification's shared shingles
  /// seed the runs, so the shingles only one side holds cost nothing. Same passages.
  package static func align(
    _ query: Verifier.PreparedQuery, verification: PairVerification, source: NormalizedText,
    sourceShingles: [UInt64], parameters: PassageAlignmentParameters, querySections: [TextSection] = [],
    sourceSections: [TextSection] = []
  ) -> [Passage] {
    let shared =
      sourceShingles.count == verification.matchPositions.count
      ? verification.seedMasks(query, matchHashes: sourceShingles) : nil
    return align(
      query: query.text, queryShingles: query.hashes, source: source, sourceShingles: sourceShingles,
      k: query.k, excluding: query.excluding, parameters: parameters, querySections: querySections,
      sourceSections: sourceSections, shared: shared)
  }

  private static func align(
    query: NormalizedText, queryShingles: [UInt64], source: NormalizedText, sourceShingles: [UInt64],
    k: Int, excluding: Set<UInt64>, parameters: PassageAlignmentParameters,
    querySections: [TextSection], sourceSections: [TextSection], shared: SeedMasks?
  ) -> [Passage] {
    let minimumCharacters = parameters.minimumCharacters
    let mergeDistance = max(0, parameters.mergeDistance)
    guard query.count > 0, source.count > 0 else { return [] }
    let querySide = AlignmentSide(text: query, shingles: queryShingles, k: k)
    let sourceSide = AlignmentSide(text: source, shingles: sourceShingles, k: k)
    // The excluded shingles of each side: from the verification when it ran (no set lookups).
    let queryExcludedShingles =
      excluding.isEmpty ? [] : (shared?.queryExcluded ?? queryShingles.map { excluding.contains($0) })
    let sourceExcludedShingles =
      excluding.isEmpty ? [] : (shared?.sourceExcluded ?? sourceShingles.map { excluding.contains($0) })
    let queryExcluded = ExcludedTokens(
      excludedShingles: queryExcludedShingles, tokenCount: query.count, k: k)
    let sourceExcluded = ExcludedTokens(
      excludedShingles: sourceExcludedShingles, tokenCount: source.count, k: k)
    let limits = ChainLimits(
      query: boundaries(querySections, query), source: boundaries(sourceSections, source),
      queryExcluded: queryExcluded.isEmpty ? nil : queryExcluded,
      sourceExcluded: sourceExcluded.isEmpty ? nil : sourceExcluded)
    let runs = RunSeeder().runs(query: querySide, source: sourceSide, excluding: excluding, shared: shared)
      .flatMap { limits.split($0) }.compactMap { queryExcluded.trimmed($0) }
    let chainer = RunChainer(maximumGap: max(0, parameters.maximumGap), limits: limits)
    let chainMinimum = mergeDistance > 0 ? parameters.minimumChainCharacters : minimumCharacters
    let chains = chainer.chains(of: runs) { chain in
      characterLength(of: chain, in: querySide) >= chainMinimum
    }
    let merged = ChainMerger(distance: mergeDistance, limits: limits).merge(chains)
    // Template tokens inside a passage are bridged (a copied section keeps its headings) but are not
    // copied text: a passage must reach the minimum without them, or a form whose labels are all
    // template and whose values merely coincide (学历 博士, 高新技术企业) would count as copied.
    return merged.filter {
      copiedLength(of: $0, in: querySide, excluded: queryExcluded) >= minimumCharacters
    }.map { chain in
      Passage(
        start: querySide.characterStart(ofToken: chain.queryStart),
        end: querySide.characterEnd(ofToken: chain.queryEnd - 1),
        sourceStart: sourceSide.characterStart(ofToken: chain.sourceStart),
        sourceEnd: sourceSide.characterEnd(ofToken: chain.sourceEnd - 1))
    }
  }

  /// The same over normalised texts, with sections.
  package static func align(
    query: NormalizedText, source: NormalizedText, k: Int, seed: UInt64, excluding: Set<UInt64>,
    parameters: PassageAlignmentParameters, querySections: [TextSection], sourceSections: [TextSection]
  ) -> [Passage] {
    align(
      query: query, queryShingles: Shingler.shingleHashes(of: query, k: k, seed: seed),
      source: source, sourceShingles: Shingler.shingleHashes(of: source, k: k, seed: seed), k: k,
      excluding: excluding, parameters: parameters, querySections: querySections,
      sourceSections: sourceSections)
  }

  private static func boundaries(_ sections: [TextSection], _ text: NormalizedText) -> SectionBoundaries? {
    guard sections.count > 1 else { return nil }
    let result = SectionBoundaries(sectionStarts: sections.dropFirst().map(\.start), tokenStarts: text.starts)
    return result.isTrivial ? nil : result
  }

  private static func characterLength(of chain: RunChainer.Chain, in side: AlignmentSide) -> Int {
    side.characterEnd(ofToken: chain.queryEnd - 1) - side.characterStart(ofToken: chain.queryStart)
  }

  /// The passage's length without its template tokens: the characters of its other tokens when
  /// it bridges template text, else its whole span (punctuation included, as before).
  private static func copiedLength(
    of chain: RunChainer.Chain, in side: AlignmentSide, excluded: ExcludedTokens
  ) -> Int {
    guard !excluded.isEmpty, excluded.count(chain.queryStart, chain.queryEnd) > 0 else {
      return characterLength(of: chain, in: side)
    }
    var length = 0
    for token in chain.queryStart..<chain.queryEnd where !excluded.isExcluded(token) {
      length += side.characterEnd(ofToken: token) - side.characterStart(ofToken: token)
    }
    return length
  }
}

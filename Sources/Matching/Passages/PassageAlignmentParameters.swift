/// The knobs of `PassageAligner` (docs/evidence.md; PAN tuning in docs/BENCHMARKS.md).
package struct PassageAlignmentParameters: Sendable, Codable, Equatable {
  /// Passages shorter than this (in query characters, `Passage.chars`) are dropped.
  package var minimumCharacters: Int
  /// Largest number of unmatched tokens, on either side, that still joins two matched runs of one
  /// passage in order: a changed character or a short insertion does not split a passage.
  package var maximumGap: Int
  /// When above 0, passages whose query ranges are at most this many tokens apart and whose source
  /// ranges are at most this many tokens apart (in any order) are joined afterwards, for heavily
  /// reworded or shuffled text. 0 keeps passages strictly in order (the default for evidence).
  package var mergeDistance: Int
  /// With merging, chains shorter than this (query characters) are dropped before they are
  /// joined; the joined passage must still reach `minimumCharacters`.
  package var minimumChainCharacters: Int

  package init(
    minimumCharacters: Int, maximumGap: Int, mergeDistance: Int = 0, minimumChainCharacters: Int = 0
  ) {
    self.minimumCharacters = minimumCharacters
    self.maximumGap = maximumGap
    self.mergeDistance = mergeDistance
    self.minimumChainCharacters = minimumChainCharacters
  }

  /// For Chinese applications with 5-character shingles: 13 characters is the shortest stretch
  /// CNKI-style reports count as copied; runs up to 8 tokens apart (a changed phrase) are joined.
  package static let standard = PassageAlignmentParameters(minimumCharacters: 13, maximumGap: 8)

  /// Tuned on the PAN-format Indonesian corpus with 3-word shingles (docs/BENCHMARKS.md): joins
  /// paraphrased and shuffled sentences into whole cases, at the price of covering the reworded
  /// words between copied runs.
  package static let panTuned = PassageAlignmentParameters(
    minimumCharacters: 150, maximumGap: 20, mergeDistance: 200, minimumChainCharacters: 30)
}

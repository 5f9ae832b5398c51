/// The knobs of `PassageAligner`, with defaults tuned on the PAN-format corpus (docs/BENCHMARKS.md).
public struct PassageAlignmentParameters: Sendable, Codable, Equatable {
  /// Passages shorter than this (in query characters, `Passage.chars`) are dropped.
  public var minimumCharacters: Int
  /// Largest number of unmatched tokens, on either side, that still joins two matched runs into
  /// one passage: a changed character or a short insertion does not split a passage.
  public var maximumGap: Int

  public init(minimumCharacters: Int, maximumGap: Int) {
    self.minimumCharacters = minimumCharacters
    self.maximumGap = maximumGap
  }

  /// For Chinese applications: 13 characters is the shortest stretch CNKI-style reports count as
  /// copied; gaps of up to 8 characters (a changed phrase) are bridged.
  public static let standard = PassageAlignmentParameters(minimumCharacters: 13, maximumGap: 8)
}

import ChachongModel

/// Verified similarity of a pair, as the rules need it. Mirrors Matching's `SimilarityScores`
/// (plain fields, so the rules do not depend on how the scores were computed).
public struct SimilarityMeasures: Sendable, Codable, Equatable {
  public var jaccard: Double
  /// Share of the application's shingles found in the other document.
  public var queryContainment: Double
  /// Share of the other document's shingles found in the application.
  public var matchContainment: Double
  /// Characters of the application covered by shared shingles.
  public var sharedCharacters: Int
  /// Characters of the application inside aligned passages (contiguous copying), when computed.
  public var passageCharacters: Int?

  public init(
    jaccard: Double, queryContainment: Double, matchContainment: Double, sharedCharacters: Int,
    passageCharacters: Int? = nil
  ) {
    self.jaccard = jaccard
    self.queryContainment = queryContainment
    self.matchContainment = matchContainment
    self.sharedCharacters = sharedCharacters
    self.passageCharacters = passageCharacters
  }

  /// The same pair seen from the other document.
  public var reversed: SimilarityMeasures {
    SimilarityMeasures(
      jaccard: jaccard, queryContainment: matchContainment, matchContainment: queryContainment,
      sharedCharacters: sharedCharacters, passageCharacters: nil)
  }
}

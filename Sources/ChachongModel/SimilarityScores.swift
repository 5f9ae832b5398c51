/// Exact similarity of two texts over their sets of distinct shingle hashes.
public struct SimilarityScores: Sendable, Codable, Equatable, Hashable {
  /// |Q ∩ M| / |Q ∪ M|; 0 when both sets are empty.
  public var jaccard: Double
  /// |Q ∩ M| / |Q|: share of the query's shingles found in the match; 0 when Q is empty.
  public var queryContainment: Double
  /// |Q ∩ M| / |M|; 0 when M is empty.
  public var matchContainment: Double
  public var sharedShingles: Int
  /// Distinct shingles of the query (after exclusions).
  public var queryShingles: Int
  /// Distinct shingles of the match (after exclusions).
  public var matchShingles: Int
  /// Code points of the query text covered by at least one shared shingle; a shingle covers its
  /// original span, from its first token's start to its last token's end (punctuation inside included).
  public var sharedCharacters: Int

  public init(
    jaccard: Double, queryContainment: Double, matchContainment: Double, sharedShingles: Int,
    queryShingles: Int, matchShingles: Int, sharedCharacters: Int
  ) {
    self.jaccard = jaccard
    self.queryContainment = queryContainment
    self.matchContainment = matchContainment
    self.sharedShingles = sharedShingles
    self.queryShingles = queryShingles
    self.matchShingles = matchShingles
    self.sharedCharacters = sharedCharacters
  }
}

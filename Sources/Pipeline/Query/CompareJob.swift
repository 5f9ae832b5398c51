import Fingerprints
import Matching

/// `chachong compare A B`: exact scores of two inputs (A is the query, B the match).
public struct CompareReport: Sendable, Codable, Equatable {
  public struct Side: Sendable, Codable, Equatable {
    public var id: String
    public var path: String
    public var characters: Int
    public var tokens: Int
    public var shingles: Int
  }

  public var version: String
  public var a: Side
  public var b: Side
  public var jaccard: Double
  /// Share of A's distinct shingles found in B.
  public var queryContainment: Double
  /// Share of B's distinct shingles found in A.
  public var matchContainment: Double
  public var sharedShingles: Int
  /// Characters of A covered by shared shingles.
  public var sharedCharacters: Int
}

public enum CompareJob {
  public static func compare(
    _ a: InputDocument, _ b: InputDocument, parameters: FingerprintParameters = .standard
  ) -> CompareReport {
    let normalizedA = NormalizedText(normalizing: a.text)
    let normalizedB = NormalizedText(normalizing: b.text)
    let scores = Verifier.scores(
      query: normalizedA, match: normalizedB, k: parameters.shingleSize, seed: parameters.seed)
    return CompareReport(
      version: ChachongVersion.current,
      a: CompareReport.Side(
        id: a.id, path: a.path, characters: a.text.unicodeScalars.count, tokens: normalizedA.count,
        shingles: scores.queryShingles),
      b: CompareReport.Side(
        id: b.id, path: b.path, characters: b.text.unicodeScalars.count, tokens: normalizedB.count,
        shingles: scores.matchShingles),
      jaccard: scores.jaccard, queryContainment: scores.queryContainment,
      matchContainment: scores.matchContainment, sharedShingles: scores.sharedShingles,
      sharedCharacters: scores.sharedCharacters)
  }
}

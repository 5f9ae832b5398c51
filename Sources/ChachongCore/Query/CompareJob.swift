import ChachongModel
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
  /// Share of A's characters inside passages shared with B, after template exclusion.
  public var copyRatio: Double
  /// Aligned passages: `start`/`end` in A's text, `sourceStart`/`sourceEnd` in B's.
  public var passages: [MatchPassage]
}

public enum CompareJob {
  public static func compare(
    _ a: InputDocument, _ b: InputDocument, parameters: FingerprintParameters = .standard,
    excluding: Set<UInt64> = []
  ) -> CompareReport {
    let normalizedA = NormalizedText(normalizing: a.text)
    let normalizedB = NormalizedText(normalizing: b.text)
    let k = parameters.shingleSize
    let sideA = MatchPassages.Side(
      normalized: normalizedA, shingles: Shingler.shingleHashes(of: normalizedA, k: k, seed: parameters.seed),
      sections: a.sections.map { TextSection(title: $0.title, start: $0.start, end: $0.end) })
    let sideB = MatchPassages.Side(
      normalized: normalizedB, shingles: Shingler.shingleHashes(of: normalizedB, k: k, seed: parameters.seed),
      sections: b.sections.map { TextSection(title: $0.title, start: $0.start, end: $0.end) })
    let scores = Verifier.scores(
      query: normalizedA, queryHashes: sideA.shingles, matchHashes: sideB.shingles, k: k, excluding: excluding
    )
    let passages = MatchPassages.align(sideA, sideB, k: k, excluding: excluding)
    let metrics = MatchPassages.metrics(
      sideA, sources: [SourcePassages(id: b.id, passages: passages)], k: k, excluding: excluding)
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
      sharedCharacters: scores.sharedCharacters, copyRatio: MatchPassages.rounded(metrics.copyRatio),
      passages: MatchPassages.describe(passages, query: sideA, match: sideB))
  }
}

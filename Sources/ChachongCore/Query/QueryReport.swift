import ChachongModel
import Matching

/// The `chachong query` result; JSON names documented in docs/query-json.md.
public struct QueryReport: Sendable, Codable, Equatable {
  public var version: String
  public var index: String
  public var threshold: Double
  public var containmentThreshold: Double
  public var sectionThreshold: Double
  /// The copy-ratio arm of the reporting rule (absent: off).
  public var copyRatioThreshold: Double?
  public var minimumCopiedCharacters: Int?
  public var results: [QueryResult]
  /// Inputs that could not be read; they have no result.
  public var errors: [InputFailure]
}

public struct QueryResult: Sendable, Codable, Equatable {
  /// The query's id (manifest id, `.jsonl` id or file name without extension).
  public var id: String
  public var path: String
  public var candidates: Int
  /// Share of the query's characters inside a passage shared with any reported match (the union),
  /// after template exclusion.
  public var copyRatio: Double
  public var matches: [QueryMatch]
  /// Passages and characters by kind (identical, minorChanges, rewritten) over all reported
  /// matches, as the check report's `copyMetrics.passageKinds` (nil: no passage).
  public var passageKinds: [String: PassageKindCount]?
  /// Set when the query's text was read by OCR (a scan).
  public var ocr: OCRSummary?
}

/// One verified match: exact scores from the two normalised texts.
public struct QueryMatch: Sendable, Codable, Equatable {
  public var id: String
  public var jaccard: Double
  /// Share of the query's distinct shingles found in the match.
  public var queryContainment: Double
  /// Share of the match's distinct shingles found in the query.
  public var matchContainment: Double
  public var sharedShingles: Int
  public var queryShingles: Int
  public var matchShingles: Int
  /// Characters of the query covered by shared shingles.
  public var sharedCharacters: Int
  /// The largest share of one query section's shingles found in the match (0 when the query has
  /// fewer than two sections of the index's minimum size).
  public var sectionContainment: Double
  public var program: String?
  public var year: Int?
  public var title: String?
  /// Share of the query's characters inside passages shared with this match, after template
  /// exclusion.
  public var copyRatio: Double = 0
  /// Aligned passages, in query order.
  public var passages: [MatchPassage] = []
  /// Passages and characters by kind, as the check report's `related[].passageKinds`.
  public var passageKinds: [String: PassageKindCount]?

  init(
    id: String, scores: SimilarityScores, sectionContainment: Double, program: String?, year: Int?,
    title: String?
  ) {
    self.sectionContainment = sectionContainment
    self.id = id
    jaccard = scores.jaccard
    queryContainment = scores.queryContainment
    matchContainment = scores.matchContainment
    sharedShingles = scores.sharedShingles
    queryShingles = scores.queryShingles
    matchShingles = scores.matchShingles
    sharedCharacters = scores.sharedCharacters
    self.program = program
    self.year = year
    self.title = title
  }
}

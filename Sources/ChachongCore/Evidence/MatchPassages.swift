import ChachongModel
import Fingerprints
import Matching

/// A passage the query shares with a match, for `query` and `compare` JSON (docs/query-json.md):
/// offsets into the query's (`start`, `end`) and the match's (`sourceStart`, `sourceEnd`)
/// extracted text, and the section each side is in.
public struct MatchPassage: Sendable, Codable, Equatable {
  public var start: Int
  public var end: Int
  public var sourceStart: Int
  public var sourceEnd: Int
  public var chars: Int
  public var section: String?
  public var sourceSection: String?
  /// How the passage matched (identical, minorChanges, rewritten), as the check report's.
  public var kind: PassageMatchKind?
}

/// Aligned passages of a query and one match, and the share of the query they cover, after
/// template exclusion: the same aligner and metrics as the check report. Pure.
enum MatchPassages {
  struct Side {
    var normalized: NormalizedText
    var shingles: [UInt64]
    var sections: [TextSection]
  }

  static func align(_ query: Side, _ match: Side, k: Int, excluding: Set<UInt64>) -> [Passage] {
    PassageAligner.align(
      query: query.normalized, queryShingles: query.shingles, source: match.normalized,
      sourceShingles: match.shingles, k: k, excluding: excluding, parameters: .standard,
      querySections: query.sections, sourceSections: match.sections)
  }

  static func describe(_ passages: [Passage], query: Side, match: Side) -> [MatchPassage] {
    passages.map {
      MatchPassage(
        start: $0.start, end: $0.end, sourceStart: $0.sourceStart, sourceEnd: $0.sourceEnd, chars: $0.chars,
        section: TextSection.title(at: $0.start, in: query.sections).flatMap { $0.isEmpty ? nil : $0 },
        sourceSection: TextSection.title(at: $0.sourceStart, in: match.sections).flatMap {
          $0.isEmpty ? nil : $0
        }, kind: $0.kind.flatMap { PassageMatchKind(rawValue: $0.rawValue) })
    }
  }

  /// Copy metrics of the query over the given sources (ratios rounded to six decimals).
  static func metrics(_ query: Side, sources: [SourcePassages], k: Int, excluding: Set<UInt64>) -> CopyMetrics
  {
    let mask = CheckCopyMetrics.excludedTokens(
      shingles: query.shingles, count: query.normalized.count, excluding: excluding, k: k)
    return CopyMetricsCalculator.measure(
      application: query.normalized, sources: sources, excludedTokens: mask, sections: query.sections)
  }

  static func rounded(_ value: Double) -> Double {
    (value * 1_000_000).rounded() / 1_000_000
  }
}

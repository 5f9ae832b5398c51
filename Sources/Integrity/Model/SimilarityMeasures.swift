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
  /// The same count on the other document's side, so the pair seen from there keeps it.
  public var sourcePassageCharacters: Int?
  /// 文字复制比 from this source: share of the application's counted characters (template, common
  /// and call text excluded) inside the evidence passages shared with the other document.
  public var copyRatio: Double?
  /// The other document's share copied from the application (the pair seen from the other side).
  public var sourceCopyRatio: Double?
  /// Counted characters of the application inside those passages.
  public var copiedCharacters: Int?
  public var sourceCopiedCharacters: Int?
  /// Of `copiedCharacters`, those that are not stock phrasing the application shares with several
  /// of its sources (ChachongCore's `DistinctiveCopy`): the copy-ratio criteria's character minimum
  /// counts these when set.
  public var distinctiveCopiedCharacters: Int?
  public var sourceDistinctiveCopiedCharacters: Int?

  public init(
    jaccard: Double, queryContainment: Double, matchContainment: Double, sharedCharacters: Int,
    passageCharacters: Int? = nil, copyRatio: Double? = nil, sourceCopyRatio: Double? = nil,
    sourcePassageCharacters: Int? = nil, copiedCharacters: Int? = nil, sourceCopiedCharacters: Int? = nil,
    distinctiveCopiedCharacters: Int? = nil, sourceDistinctiveCopiedCharacters: Int? = nil
  ) {
    self.distinctiveCopiedCharacters = distinctiveCopiedCharacters
    self.sourceDistinctiveCopiedCharacters = sourceDistinctiveCopiedCharacters
    self.copiedCharacters = copiedCharacters
    self.sourceCopiedCharacters = sourceCopiedCharacters
    self.jaccard = jaccard
    self.queryContainment = queryContainment
    self.matchContainment = matchContainment
    self.sharedCharacters = sharedCharacters
    self.passageCharacters = passageCharacters
    self.copyRatio = copyRatio
    self.sourceCopyRatio = sourceCopyRatio
    self.sourcePassageCharacters = sourcePassageCharacters
  }

  /// The same pair seen from the other document.
  package var reversed: SimilarityMeasures {
    SimilarityMeasures(
      jaccard: jaccard, queryContainment: matchContainment, matchContainment: queryContainment,
      sharedCharacters: sharedCharacters, passageCharacters: sourcePassageCharacters,
      copyRatio: sourceCopyRatio, sourceCopyRatio: copyRatio, sourcePassageCharacters: passageCharacters,
      copiedCharacters: sourceCopiedCharacters, sourceCopiedCharacters: copiedCharacters,
      distinctiveCopiedCharacters: sourceDistinctiveCopiedCharacters,
      sourceDistinctiveCopiedCharacters: distinctiveCopiedCharacters)
  }
}

/// The copy ratios of one application over all its sources, as a reviewer reads them in a Chinese
/// plagiarism report (CNKI's names).
package struct ApplicationCopyMeasures: Sendable, Codable, Equatable {
  /// 总文字复制比: counted characters inside a passage from any source (the union, not a sum) over
  /// the application's counted characters.
  package var totalCopyRatio: Double
  /// 单篇最大文字复制比: the largest copy ratio from one source.
  package var largestSourceRatio: Double
  package var largestSourceId: String?
  /// 去除本人已发表文献复制比: the total without the organisation's own earlier applications.
  package var copyRatioExcludingOwn: Double

  package init(
    totalCopyRatio: Double, largestSourceRatio: Double, largestSourceId: String?,
    copyRatioExcludingOwn: Double
  ) {
    self.totalCopyRatio = totalCopyRatio
    self.largestSourceRatio = largestSourceRatio
    self.largestSourceId = largestSourceId
    self.copyRatioExcludingOwn = copyRatioExcludingOwn
  }
}

/// How much of an application is copied, in characters after template and common-text exclusion,
/// the way Chinese plagiarism reports state it.
///
/// Characters are those inside tokens (`NormalizedText` tokens: CJK characters, Latin and digit
/// runs); whitespace and punctuation count for neither side of a ratio. Template characters are
/// those covered by an excluded shingle; they count for neither side either.
public struct CopyMetrics: Sendable, Codable, Equatable {
  /// Characters of the application that count (all token characters minus template characters).
  public var characters: Int
  /// Token characters left out as template or common text.
  public var templateCharacters: Int
  /// Counted characters inside a passage from any source (the union, not the sum).
  public var copiedCharacters: Int
  /// `copiedCharacters / characters` (0 when nothing counts).
  public var copyRatio: Double
  /// The largest `SourceCopy.ratio`.
  public var largestSourceRatio: Double
  /// The source with the largest ratio (nil without any copied character).
  public var largestSourceId: String?
  /// One entry per source with at least one copied character, largest ratio first, then by id.
  public var sources: [SourceCopy]
  /// One entry per given section, in the given order.
  public var sections: [SectionCopy]
  /// 去除本人已发表文献复制比: the union over the sources that are not the organisation's own
  /// earlier applications (nil when not computed).
  public var copyRatioExcludingOwn: Double?
  public var copiedCharactersExcludingOwn: Int?
  /// The sources left out of `copyRatioExcludingOwn`, sorted.
  public var ownSources: [String]?
  /// Passages (over all sources) and their characters by how they matched: `identical`,
  /// `minorChanges`, `rewritten` (nil when not classified).
  public var passageKinds: [String: PassageKindCount]?

  public init(
    characters: Int, templateCharacters: Int, copiedCharacters: Int, copyRatio: Double,
    largestSourceRatio: Double, largestSourceId: String?, sources: [SourceCopy], sections: [SectionCopy]
  ) {
    self.characters = characters
    self.templateCharacters = templateCharacters
    self.copiedCharacters = copiedCharacters
    self.copyRatio = copyRatio
    self.largestSourceRatio = largestSourceRatio
    self.largestSourceId = largestSourceId
    self.sources = sources
    self.sections = sections
  }
}

/// The copied share of an application that comes from one source.
public struct SourceCopy: Sendable, Codable, Equatable {
  public var id: String
  public var copiedCharacters: Int
  public var ratio: Double

  public init(id: String, copiedCharacters: Int, ratio: Double) {
    self.id = id
    self.copiedCharacters = copiedCharacters
    self.ratio = ratio
  }
}

/// The copied share of one section of an application (over the section's counted characters).
public struct SectionCopy: Sendable, Codable, Equatable {
  public var title: String
  public var start: Int
  public var end: Int
  public var characters: Int
  public var copiedCharacters: Int
  public var ratio: Double

  public init(title: String, start: Int, end: Int, characters: Int, copiedCharacters: Int, ratio: Double) {
    self.title = title
    self.start = start
    self.end = end
    self.characters = characters
    self.copiedCharacters = copiedCharacters
    self.ratio = ratio
  }
}

/// Passages of one kind and the application characters they cover (summed per passage).
public struct PassageKindCount: Sendable, Codable, Equatable {
  public var passages: Int
  public var characters: Int

  public init(passages: Int, characters: Int) {
    self.passages = passages
    self.characters = characters
  }
}

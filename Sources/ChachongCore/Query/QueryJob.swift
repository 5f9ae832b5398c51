import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import Matching

/// `chachong query`: candidates from the index (LSH and winnowed fingerprints), every one verified
/// on the stored normalised texts.
///
/// Reporting rule: a verified pair is reported when `jaccard >= threshold`, or when
/// `queryContainment >= containmentThreshold`, or when `matchContainment >= containmentThreshold`,
/// or when `sectionContainment >= sectionThreshold` (one query section of at least the index's
/// minimum section size almost wholly found in the match: a copied section), or when the query's
/// copy ratio from the match (文字复制比, rewritten passages included) is at least
/// `copyRatioThreshold` with at least `minimumCopiedCharacters` copied characters (a rewritten copy,
/// '降重', keeps little containment).
///
/// Evidence is the check's: exact passages, then the fuzzy stage (`PairCopyRatios
/// .withRewrittenPassages`, gated by `ParaphraseChannel.needsFuzzyStage`), each passage with its kind.
/// Matches are ordered by Jaccard, then by the larger containment (both descending), then id.
public struct QueryJob: Sendable {
  public struct Options: Sendable {
    public var threshold: Double
    public var containmentThreshold: Double
    public var sectionThreshold: Double
    /// At most this many matches per query (0: all).
    public var top: Int
    /// At most this many candidates verified per query.
    public var candidateLimit: Int
    /// Template shingles (`--template`, `TemplateFiles`) left out of scores, passages and ratios,
    /// besides the index's stored templates.
    public var excludedShingles: Set<UInt64>
    /// `--common-share`: shingles in more than this share of the indexed documents are common
    /// text, excluded like templates (nil: off).
    public var commonShare: Double?
    /// Threads that read and query inputs; the report is the same for any number.
    public var threads = 1
    /// A match is also reported when the query's copy ratio from it is at least this (nil: off).
    /// Default 0.3, the check's overlap floor: 30 % of a text from one source is never silent.
    public var copyRatioThreshold: Double? = 0.3
    /// The copy-ratio arm needs at least this many copied characters (aligned passages).
    public var minimumCopiedCharacters = 200

    public init(
      threshold: Double = 0.5, containmentThreshold: Double = 0.5, sectionThreshold: Double = 0.9,
      top: Int = 10, candidateLimit: Int = 200, excludedShingles: Set<UInt64> = [], commonShare: Double? = nil
    ) {
      self.commonShare = commonShare
      self.excludedShingles = excludedShingles
      self.threshold = threshold
      self.containmentThreshold = containmentThreshold
      self.sectionThreshold = sectionThreshold
      self.top = top
      self.candidateLimit = candidateLimit
    }
  }

  public let store: any ArchiveReading
  public let reading: DocumentReading
  public var options: Options
  let search: CandidateSearch

  public init(
    store: any ArchiveReading, reading: DocumentReading = DocumentReading(), options: Options = Options()
  ) {
    self.store = store
    self.reading = reading
    self.options = options
    search = CandidateSearch(parameters: store.parameters)
  }

  /// Queries every chunk of `inputs`, `options.threads` documents at a time; results are kept in
  /// input order, so the report is the same for any width.
  public func run<Inputs: AsyncSequence & Sendable>(
    _ inputs: Inputs, failures: [InputFailure] = []
  ) async throws(ServiceError) -> QueryReport where Inputs.Element == [SourceItem] {
    var results: [QueryResult] = []
    var errors = failures
    let excluded: Exclusions
    do {
      excluded = Exclusions(try await excludedShingles())
    } catch {
      throw .store(error)
    }
    do {
      for try await chunk in inputs {
        try Task.checkCancellation()
        let outcomes = try await answer(chunk, excluding: excluded)
        for outcome in outcomes {
          switch outcome {
          case .success(let result): results.append(result)
          case .failure(.input(let failure)): errors.append(failure)
          case .failure(.index(let error)): throw ServiceError.store(error)
          }
        }
      }
    } catch let error as ServiceError {
      throw error
    } catch is CancellationError {
      throw ServiceError(.cancelled, "query cancelled")
    } catch let failure as InputFailure {
      throw ServiceError(.badInput, failure.description, cause: failure)
    } catch {
      throw ServiceError(.badInput, "\(error)")
    }
    errors.sort { $0.path < $1.path }
    return QueryReport(
      version: ChachongVersion.current, index: store.location, threshold: options.threshold,
      containmentThreshold: options.containmentThreshold, sectionThreshold: options.sectionThreshold,
      copyRatioThreshold: options.copyRatioThreshold,
      minimumCopiedCharacters: options.copyRatioThreshold == nil ? nil : options.minimumCopiedCharacters,
      results: results, errors: errors)
  }

  /// One chunk, `options.threads` documents at a time, in input order.
  func answer(_ chunk: [SourceItem], excluding: Exclusions) async throws(CancellationError)
    -> [Result<QueryResult, QueryFailure>]
  {
    let width = max(1, options.threads)
    var outcomes: [Result<QueryResult, QueryFailure>] = []
    var start = 0
    while start < chunk.count {
      if Task.isCancelled { throw CancellationError() }
      let slice = Array(chunk[start..<min(chunk.count, start + width)])
      let answered = await withTaskGroup(of: (Int, Result<QueryResult, QueryFailure>).self) { group in
        for (offset, item) in slice.enumerated() {
          group.addTask {
            switch await self.reading.documentOffPool(for: item) {
            case .failure(let failure): return (offset, .failure(.input(failure)))
            case .success(let input):
              do throws(IndexError) {
                var result = try await self.query(
                  id: input.id, path: input.path, text: input.text, sections: input.sections,
                  excluding: excluding)
                result.ocr = input.ocr
                return (offset, .success(result))
              } catch {
                return (offset, .failure(.index(error)))
              }
            }
          }
        }
        var answered: [(Int, Result<QueryResult, QueryFailure>)] = []
        for await result in group { answered.append(result) }
        return answered.sorted { $0.0 < $1.0 }.map(\.1)
      }
      outcomes += answered
      start += width
    }
    return outcomes
  }

  /// Verified matches of one text; a document with the same id is never matched.
  public func query(
    id: String, path: String, text: String, sections: [(title: String, start: Int, end: Int)] = []
  ) async throws(IndexError) -> QueryResult {
    try await query(
      id: id, path: path, text: text, sections: sections, excluding: Exclusions(try await excludedShingles()))
  }

  /// A candidate that passed verification, with what its alignment needs. Its scores are the
  /// verification's own (kept once).
  struct VerifiedCandidate {
    var id: String
    var sectionContainment: Double
    var normalized: NormalizedText
    var hashes: [UInt64]
    var verification: PairVerification
    var scores: SimilarityScores { verification.scores }
  }

  /// The shingles a query run leaves out (``excludedShingles()``), as a set for the aligner and the
  /// metrics and as the table every verification of the run probes, built once per run.
  struct Exclusions: Sendable {
    /// The excluded shingles as every verification probes them (`table.excluding` is the set).
    let table: Verifier.ExclusionTable

    init(_ shingles: Set<UInt64>) {
      table = Verifier.ExclusionTable(shingles)
    }
  }

  /// `options.excludedShingles`, the store's templates and, with `commonShare`, common text.
  func excludedShingles() async throws(IndexError) -> Set<UInt64> {
    options.excludedShingles.union(try await store.templateShingles())
      .union(try await CommonShingles.read(store: store, share: options.commonShare))
  }

  func query(
    id: String, path: String, text: String, sections: [(title: String, start: Int, end: Int)],
    excluding exclusions: Exclusions
  ) async throws(IndexError) -> QueryResult {
    let excluding = exclusions.table.excluding
    let parameters = store.parameters.fingerprint
    let fingerprint = Fingerprinter(parameters: parameters).fingerprint(text)
    let textSections = sections.map { TextSection(title: $0.title, start: $0.start, end: $0.end) }
    let candidates = try await search.candidates(
      for: fingerprint, sections: textSections, in: store, excludingID: id, limit: options.candidateLimit)
    let candidateIDs = candidates.map(\.id)
    let texts = try await store.texts(ids: candidateIDs)
    // The query is prepared once (a hash table of its distinct shingles behind a bit filter); each
    // candidate is then verified by probing it, and that verification also gives the section
    // containment and seeds the alignment (the same scores and passages as hashing every pair).
    let prepared = Verifier.PreparedQuery(
      text: fingerprint.normalized, hashes: fingerprint.shingleHashes, k: parameters.shingleSize,
      exclusion: exclusions.table)
    let sectionContainment = SectionContainment(
      query: prepared,
      sectionTokenRanges: SectionSignatures.tokenRanges(
        of: fingerprint.normalized, sections: textSections,
        minimumTokens: store.parameters.granularity.sectionMinimumTokens))
    var verified: [VerifiedCandidate] = []
    for candidateID in candidateIDs {
      guard let matchText = texts[candidateID] else { continue }
      let matchNormalized = NormalizedText(normalizing: matchText)
      let matchHashes = Shingler.shingleHashes(
        of: matchNormalized, k: parameters.shingleSize, seed: parameters.seed)
      let verification = Verifier.verify(prepared, matchHashes: matchHashes)
      let scores = verification.scores
      let sectionShare = sectionContainment.isUseful ? sectionContainment.maximum(in: verification) : 0
      if isReported(scores, sectionContainment: sectionShare) || mayReachCopyRatio(scores) {
        verified.append(
          VerifiedCandidate(
            id: candidateID, sectionContainment: sectionShare, normalized: matchNormalized,
            hashes: matchHashes,
            verification: verification))
      }
    }
    verified.sort { left, right in
      let (leftScores, rightScores) = (left.scores, right.scores)
      if leftScores.jaccard != rightScores.jaccard { return leftScores.jaccard > rightScores.jaccard }
      let leftContainment = max(leftScores.queryContainment, leftScores.matchContainment)
      let rightContainment = max(rightScores.queryContainment, rightScores.matchContainment)
      if leftContainment != rightContainment { return leftContainment > rightContainment }
      return left.id < right.id
    }
    // Matches reported on their scores alone are cut to `top` before aligning (alignment costs
    // more than verification); the copy-ratio arm needs its candidates' passages first.
    if options.top > 0, options.copyRatioThreshold == nil {
      verified = Array(verified.prefix(options.top))
    }
    let metadata = Dictionary(
      try await store.records(DocumentFilter(ids: verified.map(\.id))).map { ($0.id, $0) },
      uniquingKeysWith: { first, _ in first })
    let k = parameters.shingleSize
    let querySide = MatchPassages.Side(
      normalized: fingerprint.normalized, shingles: fingerprint.shingleHashes, sections: textSections)
    let queryPair = PairCopyRatios.Side(
      normalized: fingerprint.normalized, shingles: fingerprint.shingleHashes, sections: textSections,
      excluding: excluding, k: k)
    var querySentences: SentenceDocument?
    var aligned: [(match: MatchPassages.Side, passages: [Passage])] = []
    for candidate in verified {
      let (matchID, matchNormalized, matchHashes) = (candidate.id, candidate.normalized, candidate.hashes)
      let matchSections = (metadata[matchID]?.sections ?? []).map {
        TextSection(title: $0.title, start: $0.start, end: $0.end)
      }
      let matchSide = MatchPassages.Side(
        normalized: matchNormalized, shingles: matchHashes, sections: matchSections)
      var passages = PassageAligner.align(
        prepared, verification: candidate.verification, source: matchNormalized, sourceShingles: matchHashes,
        parameters: .standard, querySections: textSections, sourceSections: matchSections
      ).map { PairCopyRatios.classified($0, fingerprint.normalized, matchNormalized) }
      let matchPair = PairCopyRatios.Side(
        normalized: matchNormalized, shingles: matchHashes, sections: matchSections, excluding: excluding,
        k: k)
      if ParaphraseChannel.needsFuzzyStage(queryPair, matchPair, exact: passages),
        let matchText = texts[matchID]
      {
        let query =
          querySentences
          ?? SentenceDocument(
            text: text, normalized: fingerprint.normalized, excludedTokens: queryPair.excluded)
        querySentences = query
        passages = PairCopyRatios.withRewrittenPassages(
          exact: passages, application: queryPair, other: matchPair, query: query,
          source: SentenceDocument(
            text: matchText, normalized: matchNormalized, excludedTokens: matchPair.excluded))
      }
      aligned.append((matchSide, passages))
    }
    // Stock phrasing the query shares with several aligned candidates does not count towards the
    // copy-ratio arm's character minimum (`DistinctiveCopy`, as in check).
    let coverage = DistinctiveCopy.coverage(
      aligned.map(\.passages), length: aligned.flatMap(\.passages).map(\.end).max() ?? 0)
    var sources: [SourcePassages] = []
    var matches: [QueryMatch] = []
    for (candidate, (matchSide, passages)) in zip(verified, aligned) {
      let (matchID, scores, sectionContainment) = (
        candidate.id, candidate.scores, candidate.sectionContainment
      )
      if options.top > 0, matches.count >= options.top { break }
      let source = SourcePassages(id: matchID, passages: passages)
      let copied = MatchPassages.metrics(querySide, sources: [source], k: k, excluding: excluding)
      let distinctive = min(copied.copiedCharacters, DistinctiveCopy.characters(passages, coverage: coverage))
      guard
        isReported(scores, sectionContainment: sectionContainment)
          || isReported(copyRatio: copied.copyRatio, copiedCharacters: distinctive)
      else { continue }
      sources.append(source)
      var match = QueryMatch(
        id: matchID, scores: scores, sectionContainment: sectionContainment,
        program: metadata[matchID]?.program,
        year: metadata[matchID]?.year, title: metadata[matchID]?.title)
      match.passages = MatchPassages.describe(passages, query: querySide, match: matchSide)
      match.copyRatio = MatchPassages.rounded(copied.copyRatio)
      match.passageKinds = PairCopyRatios.kindCounts(passages)
      matches.append(match)
    }
    let all = MatchPassages.metrics(querySide, sources: sources, k: k, excluding: excluding)
    var result = QueryResult(
      id: id, path: path, candidates: candidates.count, copyRatio: MatchPassages.rounded(all.copyRatio),
      matches: matches)
    result.passageKinds = PairCopyRatios.kindCounts(sources.flatMap(\.passages))
    return result
  }

  /// A verified pair whose containment could carry the copy ratio up to `copyRatioThreshold` (the
  /// check's search gate: half the copy ratio, `CopyRatioPolicy.searchGate`, as rewritten copies
  /// keep about half their containment) with enough shared characters.
  func mayReachCopyRatio(_ scores: SimilarityScores) -> Bool {
    guard let threshold = options.copyRatioThreshold else { return false }
    return max(scores.queryContainment, scores.matchContainment) >= threshold / 2
      && scores.sharedCharacters >= min(options.minimumCopiedCharacters, 200)
  }

  func isReported(copyRatio: Double, copiedCharacters: Int) -> Bool {
    guard let threshold = options.copyRatioThreshold else { return false }
    return copyRatio >= threshold && copiedCharacters >= options.minimumCopiedCharacters
  }

  func isReported(_ scores: SimilarityScores, sectionContainment: Double) -> Bool {
    scores.jaccard >= options.threshold || scores.queryContainment >= options.containmentThreshold
      || scores.matchContainment >= options.containmentThreshold
      || sectionContainment >= options.sectionThreshold
  }
}

/// Why one input of a query run gave no result.
enum QueryFailure: Error, Sendable {
  case input(InputFailure)
  case index(IndexError)
}

import ArchiveStore
import ChachongModel
import Fingerprints
import Integrity
import Matching

/// The one similarity search of a check, the same for the archive and for the batch itself:
/// candidates from a store by ``CandidateSearch`` (the archive's store; for the batch, a
/// ``MemoryArchive`` holding the batch), every candidate verified exactly on the texts.
struct SimilaritySearch: Sendable {
  let store: any ArchiveReading
  let candidateLimit: Int
  let workers: Int
  let search: CandidateSearch

  init(store: any ArchiveReading, candidateLimit: Int = 200, workers: Int) {
    self.store = store
    self.candidateLimit = candidateLimit
    self.workers = workers
    search = CandidateSearch(parameters: store.parameters)
  }

  /// How a verified pair enters the check: which candidates count, and the record of the other side.
  struct Scope: Sendable {
    /// Whether candidate `id` is a document to verify against batch document `query` (index into
    /// the batch): archive documents that are not batch documents; batch documents after it.
    var accepts: @Sendable (_ query: Int, _ candidateID: String) -> Bool
    var otherInBatch: Bool
    /// For the search within the batch: the batch's shared shingle counts, so that candidates
    /// that cannot meet `minimum` are not verified (``BatchOverlap``; the same result).
    var withinBatch: WithinBatch? = nil
  }

  /// The batch's ``BatchOverlap`` (document indexes are batch positions) and each id's position.
  struct WithinBatch: Sendable {
    var overlap: BatchOverlap
    var position: [String: Int]

    /// `position`: each id's batch position; `overlap` of the batch in that order, with the
    /// exclusions every verification applies. nil when two documents of the batch have one id (the
    /// texts verified are then not certainly the ones counted).
    init?(overlap: BatchOverlap, position: [String: Int]) {
      guard position.count == overlap.count else { return nil }
      self.position = position
      self.overlap = overlap
    }

    /// Whether candidate `id` (a later batch document) may meet `minimum` with `query` (a batch
    /// position), from either side, given the shingles they share. Ids outside the batch: true.
    func mayMeet(_ minimum: SimilarityThreshold, query: Int, shared: [Int32], candidate id: String) -> Bool {
      guard let other = position[id], other > query else { return true }
      let upper = SimilarityMeasures(overlap.upperScores(of: query, and: other, shared: Int(shared[other])))
      return minimum.isMet(by: upper) || minimum.isMet(by: upper.reversed)
    }
  }

  /// Verified pairs of each batch document with the store's documents, scored from the batch
  /// document's side, in batch order then candidate order. At most `workers` documents at a time,
  /// the next one started as soon as one finishes (a slow document does not hold the others up).
  /// `texts` holds the documents already prepared (the batch, earlier candidates) and the
  /// shingles every verification leaves out.
  func pairs(
    for batch: [PreparedDocument], texts: PreparedTexts, scope: Scope, minimum: SimilarityThreshold,
    passageMinimum: Int?, gate: SimilarityReportGate, progress: (@Sendable (Int) -> Void)? = nil
  ) async throws -> [EvidencedPair] {
    // An empty batch starts no task (width would still be 1 and index 0 out of range).
    guard !batch.isEmpty else { return [] }
    let width = max(1, min(workers, batch.count))
    var found = [[EvidencedPair]](repeating: [], count: batch.count)
    try await withThrowingTaskGroup(of: (Int, [EvidencedPair]).self) { group in
      func start(_ index: Int) {
        group.addTask {
          try Task.checkCancellation()
          return (
            index,
            try await self.pairs(
              of: index, in: batch, texts: texts, scope: scope, minimum: minimum,
              passageMinimum: passageMinimum, gate: gate)
          )
        }
      }
      var next = 0
      while next < width {
        start(next)
        next += 1
      }
      var done = 0
      while let (index, documentPairs) = try await group.next() {
        found[index] = documentPairs
        done += 1
        progress?(done)
        if next < batch.count {
          start(next)
          next += 1
        }
      }
    }
    return found.flatMap { $0 }
  }

  private func pairs(
    of index: Int, in batch: [PreparedDocument], texts: PreparedTexts, scope: Scope,
    minimum: SimilarityThreshold, passageMinimum: Int?, gate: SimilarityReportGate
  ) async throws -> [EvidencedPair] {
    let document = batch[index]
    let parameters = store.parameters.fingerprint
    var candidates = try await search.candidates(
      for: document.fingerprint, sections: document.document.sections, in: store, excludingID: document.id,
      limit: candidateLimit
    ).map(\.id).filter { scope.accepts(index, $0) }
    guard !candidates.isEmpty else { return [] }
    if let within = scope.withinBatch {
      let shared = within.overlap.sharedWithLater(index)
      candidates = candidates.filter { within.mayMeet(minimum, query: index, shared: shared, candidate: $0) }
      guard !candidates.isEmpty else { return [] }
    }
    let prepared = try await texts.entries(ids: candidates, from: store)
    let query = Verifier.PreparedQuery(
      text: document.fingerprint.normalized, hashes: document.fingerprint.shingleHashes,
      k: parameters.shingleSize, exclusion: texts.exclusion)
    var verified: [(String, SimilarityMeasures, [EvidencePassage]?, PairVerification)] = []
    for candidate in candidates {
      guard let match = prepared[candidate] else { continue }
      guard
        let (measures, passages, verification) = PairEvidence.verified(
          query: query, match: match.normalized, matchShingles: match.shingles,
          matchDistinct: match.distinctShingles, minimum: minimum,
          passageMinimum: passageMinimum, gate: gate, otherInBatch: scope.otherInBatch)
      else { continue }
      verified.append((candidate, measures, passages, verification))
    }
    guard !verified.isEmpty else { return [] }
    let records = Dictionary(
      try await store.records(DocumentFilter(ids: verified.map(\.0))).map { ($0.id, $0) },
      uniquingKeysWith: { first, _ in first })
    return verified.map { candidate, measures, passages, verification in
      let other = records[candidate] ?? DocumentRecord(id: candidate)
      var evidence: [Passage]?
      if let match = prepared[candidate], records[candidate] != nil {
        evidence = PairCopyRatios.evidence(
          query, verification: verification, querySections: document.document.sections,
          match: match.normalized,
          matchShingles: match.shingles, matchSections: other.sections)
      }
      return EvidencedPair(
        pair: SimilarPair(
          applicationID: document.id, other: other, otherInBatch: scope.otherInBatch, measures: measures,
          passages: passages),
        exactPassages: evidence)
    }
  }
}

/// A verified pair of the search with the exact evidence passages of the copy-ratio stage
/// (`PairCopyRatios.evidence`), aligned while the pair's verification is at hand; nil where the
/// stage must align it itself.
struct EvidencedPair: Sendable {
  var pair: SimilarPair
  var exactPassages: [Passage]?
}

extension SimilaritySearch {
  /// The batch's own store: the batch in memory, filed like the archive (whole-document and
  /// section LSH with the archive's parameters) plus winnowed passage fingerprints, so that a
  /// passage copied between two applications of the batch is a candidate however small its
  /// share of either (the archive's section tables need a whole section copied).
  ///
  /// Winnowing window 16 over 5-token shingles: every shared run of 20 tokens shares at least
  /// one fingerprint, about 2/17 of the shingles are fingerprints, and a pair needs 3 shared
  /// fingerprints to be a candidate, as against the archive (`Granularity`'s default): the same bar
  /// for a copy from this year's applications as from earlier ones. With 8 (until stop 25) a
  /// rewritten copy of 50–300 characters, which leaves only fragments of the wording, was rarely a
  /// candidate (the paraphrase corpus in one batch: recall 0.696 against 0.911 with the sources in
  /// the archive). Candidates that cannot meet the rules' lowest bar are still not verified
  /// (`WithinBatch.mayMeet`), so 400 generated applications cost the same and report the same.
  static func batchParameters(archive: IndexParameters) -> IndexParameters {
    var parameters = archive
    parameters.granularity.window = 16
    parameters.granularity.minimumSharedFingerprints = 3
    parameters.granularity.maximumPostings = 64
    return parameters
  }
}

import ChachongModel
import Fingerprints

/// Stage 1 of every similarity search, the same for every store and for a check's own batch:
/// documents worth verifying against a query, from the store's raw postings.
///
/// A document is a candidate when it shares an LSH bucket with the query in any whole-document
/// band, or any section-level band, or at least ``Granularity/minimumSharedFingerprints`` winnowed
/// fingerprints. Ordered by band matches, then section band matches, then shared fingerprints (all
/// descending), then id; at most `limit`; `excludingID` (the query's own id) is never returned.
/// A document found only by the whole-document tables is kept when the MinHash estimate of its
/// Jaccard is at least `minimumEstimatedJaccard`: the tables are tuned low (0.4) for recall at
/// 0.5, and this cheap filter removes what the low tuning lets through before verification.
///
/// A section bucket holding more than `maximumSectionBucket` documents is not followed: a
/// section that many documents share is boilerplate (a standard budget table, the call's own
/// wording), not a copied passage (docs/index.md, "Boilerplate sections").
package struct CandidateSearch: Sendable {
  package static let maximumSectionBucket = 64

  package let parameters: IndexParameters
  let hasher: MinHasher

  package init(parameters: IndexParameters) {
    self.parameters = parameters
    hasher = MinHasher(parameters: parameters.fingerprint)
  }

  /// The keys a query looks up (pure: the same keys a stored document is filed under).
  package func request(
    for fingerprint: DocumentFingerprint, sections: [TextSection],
    maximumSectionBucket: Int = CandidateSearch.maximumSectionBucket
  ) -> PostingRequest {
    let granularity = parameters.granularity
    return PostingRequest(
      bandKeys: parameters.lsh.bandKeys(of: fingerprint.signature),
      sectionKeys: SectionSignatures.bandKeys(
        of: fingerprint, sections: sections, parameters: parameters, hasher: hasher),
      fingerprints: granularity.storesPassageFingerprints
        ? Winnower.fingerprints(of: fingerprint.shingleHashes, window: granularity.window) : [],
      sectionLimit: maximumSectionBucket, postingLimit: granularity.maximumPostings)
  }

  package func candidates(
    for fingerprint: DocumentFingerprint, sections: [TextSection] = [], in store: some ArchiveReading,
    excludingID: String? = nil, limit: Int = 200, minimumEstimatedJaccard: Double = 0.3,
    maximumSectionBucket: Int = CandidateSearch.maximumSectionBucket
  ) async throws(IndexError) -> [Candidate] {
    let request = request(
      for: fingerprint, sections: sections, maximumSectionBucket: maximumSectionBucket)
    let lists = try await store.postings(request)
    let counts = Self.count(lists, request: request, granularity: parameters.granularity)
    let summaries = try await store.summaries(of: counts.selected)
    return Self.rank(
      summaries, counts: counts, signature: fingerprint.signature, excludingID: excludingID, limit: limit,
      minimumEstimatedJaccard: minimumEstimatedJaccard,
      minimumSharedFingerprints: parameters.granularity.minimumSharedFingerprints)
  }

  /// Hits per stored document in each table.
  struct Counts {
    var bands: [StoredDocumentKey: Int] = [:]
    var sections: [StoredDocumentKey: Int] = [:]
    var fingerprints: [StoredDocumentKey: Int] = [:]
    /// Documents that pass to ranking, ascending.
    var selected: [StoredDocumentKey] = []
  }

  static func count(_ lists: PostingLists, request: PostingRequest, granularity: Granularity) -> Counts {
    var counts = Counts()
    for members in lists.bands {
      for key in members { counts.bands[key, default: 0] += 1 }
    }
    for members in lists.sections where members.count <= request.sectionLimit {
      for key in members { counts.sections[key, default: 0] += 1 }
    }
    for members in lists.fingerprints where members.count <= request.postingLimit {
      for key in members { counts.fingerprints[key, default: 0] += 1 }
    }
    var selected = Set(counts.bands.keys).union(counts.sections.keys)
    for (key, shared) in counts.fingerprints where shared >= granularity.minimumSharedFingerprints {
      selected.insert(key)
    }
    counts.selected = selected.sorted()
    return counts
  }

  static func rank(
    _ summaries: [CandidateSummary], counts: Counts, signature: MinHashSignature, excludingID: String?,
    limit: Int, minimumEstimatedJaccard: Double, minimumSharedFingerprints: Int
  ) -> [Candidate] {
    var candidates: [Candidate] = []
    for summary in summaries where summary.id != excludingID {
      let estimate =
        (try? MinHashSignature(serialized: summary.signature)).map { signature.estimatedJaccard($0) } ?? 0
      let sectionMatches = counts.sections[summary.key] ?? 0
      let shared = counts.fingerprints[summary.key] ?? 0
      let passage = sectionMatches > 0 || shared >= minimumSharedFingerprints
      guard passage || estimate >= minimumEstimatedJaccard else { continue }
      candidates.append(
        Candidate(
          id: summary.id, bandMatches: counts.bands[summary.key] ?? 0, sectionBandMatches: sectionMatches,
          sharedFingerprints: shared, estimatedJaccard: estimate))
    }
    candidates.sort {
      if $0.bandMatches != $1.bandMatches { return $0.bandMatches > $1.bandMatches }
      if $0.sectionBandMatches != $1.sectionBandMatches {
        return $0.sectionBandMatches > $1.sectionBandMatches
      }
      if $0.sharedFingerprints != $1.sharedFingerprints {
        return $0.sharedFingerprints > $1.sharedFingerprints
      }
      return $0.id < $1.id
    }
    return Array(candidates.prefix(max(0, limit)))
  }
}

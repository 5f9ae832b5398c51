import ArchiveStore
import ChachongModel
import Fingerprints
import IndexStore
import Integrity
import Matching

/// The archive in a `DocumentIndex`: candidates from its LSH tables and winnowed fingerprints,
/// each verified on the stored text.
public struct IndexArchiveSource: ArchiveSource {
  public let index: DocumentIndex
  public var candidateLimit: Int

  public init(index: DocumentIndex, candidateLimit: Int = 200) {
    self.index = index
    self.candidateLimit = candidateLimit
  }

  public var fingerprintParameters: FingerprintParameters { index.parameters.fingerprint }
  public var parametersDescription: String? {
    let parameters = index.parameters
    return
      "shingleSize=\(parameters.fingerprint.shingleSize) signatureSize=\(parameters.fingerprint.signatureSize) "
      + "seed=\(parameters.fingerprint.seed) bands=\(parameters.lsh.bands) rows=\(parameters.lsh.rows)"
  }

  public func records(excluding ids: Set<String>) throws -> [DocumentRecord] {
    try index.list().filter { !ids.contains($0.id) }.map(IndexArchiveSource.record)
  }

  public func leadIDKey(_ idNumber: String) -> String {
    index.leadIDKey(of: IdentityKey.normalize(idNumber))
  }

  public func templateShingles() throws -> Set<UInt64> {
    try index.templateShingles()
  }

  public func commonShingles(share: Double) throws -> Set<UInt64> {
    try CommonShingles.read(index: index, share: share)
  }

  public func documentTexts(ids: [String]) throws -> [String: ArchivedText] {
    guard !ids.isEmpty else { return [:] }
    let texts = try index.texts(ids: ids)
    var result: [String: ArchivedText] = [:]
    for metadata in try index.list(DocumentFilter(ids: ids)) {
      guard let text = texts[metadata.id] else { continue }
      result[metadata.id] = ArchivedText(
        text: text,
        sections: metadata.sections.map { TextSection(title: $0.title, start: $0.start, end: $0.end) })
    }
    return result
  }

  public func pairs(
    for batch: [PreparedDocument], excludingShingles: Set<UInt64>, minimum: SimilarityThreshold,
    passageMinimum: Int?
  ) throws -> [SimilarPair] {
    let batchIDs = Set(batch.map(\.id))
    let parameters = fingerprintParameters
    var pairs: [SimilarPair] = []
    var metadataCache: [String: DocumentRecord] = [:]
    // Archived texts are normalised once, however many batch documents they are candidates of.
    var prepared: [String: (NormalizedText, [UInt64])] = [:]
    for document in batch {
      let candidates = try index.candidates(
        for: document.fingerprint,
        sections: document.document.sections.map {
          TextSection(title: $0.title, start: $0.start, end: $0.end)
        },
        excludingID: document.id, limit: candidateLimit
      ).map(\.id).filter { !batchIDs.contains($0) }
      let missingTexts = candidates.filter { prepared[$0] == nil }
      if !missingTexts.isEmpty {
        for (id, text) in try index.texts(ids: missingTexts) {
          let normalized = NormalizedText(normalizing: text)
          prepared[id] = (
            normalized,
            Shingler.shingleHashes(of: normalized, k: parameters.shingleSize, seed: parameters.seed)
          )
        }
      }
      var verified: [(String, SimilarityMeasures, [EvidencePassage]?)] = []
      for candidate in candidates {
        guard let (normalized, shingles) = prepared[candidate],
          let (measures, passages) = PairEvidence.measures(
            query: document.fingerprint, match: normalized, matchShingles: shingles, parameters: parameters,
            excluding: excludingShingles, minimum: minimum, passageMinimum: passageMinimum)
        else { continue }
        verified.append((candidate, measures, passages))
      }
      let missing = verified.map(\.0).filter { metadataCache[$0] == nil }
      if !missing.isEmpty {
        for metadata in try index.list(DocumentFilter(ids: missing)) {
          metadataCache[metadata.id] = IndexArchiveSource.record(metadata)
        }
      }
      for (candidate, measures, passages) in verified {
        let other = metadataCache[candidate] ?? DocumentRecord(id: candidate)
        pairs.append(
          SimilarPair(
            applicationID: document.id, other: other, otherInBatch: false, measures: measures,
            passages: passages))
      }
    }
    return pairs
  }

  static func record(_ metadata: DocumentRecord) -> DocumentRecord {
    DocumentRecord(
      id: metadata.id, program: metadata.program, year: metadata.year, status: metadata.status,
      title: metadata.title, organisation: metadata.organisation, creditCode: metadata.creditCode,
      lead: metadata.lead, leadIDKey: metadata.leadIDKey, leadIDMasked: metadata.leadIDMasked)
  }
}

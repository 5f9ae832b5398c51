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

  public var shingleSize: Int { index.parameters.fingerprint.shingleSize }
  public var seed: UInt64 { index.parameters.fingerprint.seed }
  public var parametersDescription: String? {
    let parameters = index.parameters
    return
      "shingleSize=\(parameters.fingerprint.shingleSize) signatureSize=\(parameters.fingerprint.signatureSize) "
      + "seed=\(parameters.fingerprint.seed) bands=\(parameters.lsh.bands) rows=\(parameters.lsh.rows)"
  }

  public func records(excluding ids: Set<String>) throws -> [ArchiveRecord] {
    try index.list().filter { !ids.contains($0.id) }.map(IndexArchiveSource.record)
  }

  public func leadIDKey(_ idNumber: String) -> String {
    index.leadIDHash(of: IdentityText.normalize(idNumber))
  }

  public func templateShingles() throws -> Set<UInt64> {
    try index.templateShingles()
  }

  public func pairs(for batch: [BatchDocument], excludingShingles: Set<UInt64>, minimum: SimilarityThreshold)
    throws
    -> [SimilarPair]
  {
    let batchIDs = Set(batch.map(\.record.id))
    let fingerprinter = Fingerprinter(parameters: index.parameters.fingerprint)
    var pairs: [SimilarPair] = []
    var metadataCache: [String: ArchiveRecord] = [:]
    for document in batch {
      let fingerprint = fingerprinter.fingerprint(document.text)
      let candidates = try index.candidates(
        for: fingerprint, excludingID: document.record.id, limit: candidateLimit
      ).map(\.id).filter { !batchIDs.contains($0) }
      guard !candidates.isEmpty else { continue }
      let texts = try index.texts(ids: candidates)
      var verified: [(String, SimilarityMeasures)] = []
      for candidate in candidates {
        guard let text = texts[candidate] else { continue }
        let hashes = Shingler.shingleHashes(of: NormalizedText(normalizing: text), k: shingleSize, seed: seed)
        let scores = Verifier.scores(
          query: fingerprint.normalized, queryHashes: fingerprint.shingleHashes, matchHashes: hashes,
          k: shingleSize,
          excluding: excludingShingles)
        let measures = SimilarityMeasures(scores)
        if minimum.isMet(by: measures) { verified.append((candidate, measures)) }
      }
      let missing = verified.map(\.0).filter { metadataCache[$0] == nil }
      if !missing.isEmpty {
        for metadata in try index.list(DocumentFilter(ids: missing)) {
          metadataCache[metadata.id] = IndexArchiveSource.record(metadata)
        }
      }
      for (candidate, measures) in verified {
        let other = metadataCache[candidate] ?? ArchiveRecord(id: candidate)
        pairs.append(
          SimilarPair(
            applicationID: document.record.id, other: other, otherInBatch: false, measures: measures))
      }
    }
    return pairs
  }

  static func record(_ metadata: DocumentMetadata) -> ArchiveRecord {
    ArchiveRecord(
      id: metadata.id, program: metadata.program, year: metadata.year, status: metadata.status,
      title: metadata.title, organisation: metadata.organisation, creditCode: metadata.creditCode,
      lead: metadata.lead, leadIDKey: metadata.leadIDHash, leadIDMasked: metadata.leadIDMasked)
  }
}

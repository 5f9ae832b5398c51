import ArchiveStore
import ChachongModel
import Fingerprints
import Integrity
import Matching

/// An application of the batch as the similarity search sees it.
public struct BatchDocument: Sendable {
  /// The application's metadata as the rules see the other side of a pair.
  public var record: DocumentRecord
  /// The extracted text (TextLayout.text).
  public var text: String
  /// Section spans of the text (code-point offsets), for section-level candidates.
  public var sections: [TextSection]

  public init(record: DocumentRecord, text: String, sections: [TextSection] = []) {
    self.record = record
    self.text = text
    self.sections = sections
  }
}

/// A batch document with its fingerprint (normalised text, shingles, signature), computed once.
public struct PreparedDocument: Sendable {
  public var document: BatchDocument
  public var fingerprint: DocumentFingerprint

  public init(document: BatchDocument, fingerprint: DocumentFingerprint) {
    self.document = document
    self.fingerprint = fingerprint
  }

  public var id: String { document.record.id }
}

extension SimilarityThreshold {
  /// The loosest of several thresholds: a pair meeting any of them meets this one.
  static func loosest(_ thresholds: [SimilarityThreshold]) -> SimilarityThreshold {
    guard let first = thresholds.first else { return .standard }
    return thresholds.dropFirst().reduce(first) { result, threshold in
      SimilarityThreshold(
        jaccard: min(result.jaccard, threshold.jaccard),
        containment: min(result.containment, threshold.containment),
        minimumSharedCharacters: min(result.minimumSharedCharacters, threshold.minimumSharedCharacters))
    }
  }
}

/// Scores and passages of one pair, the same for batch and archive pairs.
enum PairEvidence {
  static func measures(
    query: DocumentFingerprint, match: NormalizedText, matchShingles: [UInt64],
    parameters: FingerprintParameters,
    excluding: Set<UInt64>, minimum: SimilarityThreshold, passageMinimum: Int?
  ) -> (SimilarityMeasures, [EvidencePassage]?)? {
    let k = parameters.shingleSize
    let scores = Verifier.scores(
      query: query.normalized, queryHashes: query.shingleHashes, matchHashes: matchShingles, k: k,
      excluding: excluding)
    var measures = SimilarityMeasures(scores)
    guard minimum.isMet(by: measures) || minimum.isMet(by: measures.reversed) else { return nil }
    guard let passageMinimum else { return (measures, nil) }
    let passages = PassageAligner.align(
      query: query.normalized, queryShingles: query.shingleHashes, source: match,
      sourceShingles: matchShingles, k: k,
      excluding: excluding, minimumCharacters: passageMinimum,
      maximumGap: PassageAlignmentParameters.standard.maximumGap
    ).map {
      EvidencePassage(
        start: $0.start, end: $0.end, sourceStart: $0.sourceStart, sourceEnd: $0.sourceEnd, chars: $0.chars)
    }
    measures.passageCharacters = passages.reduce(0) { $0 + $1.chars }
    return (measures, passages)
  }
}

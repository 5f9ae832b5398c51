import ArchiveStore
import ChachongModel
import Fingerprints
import Integrity
import Matching

/// An application of the batch as the similarity search sees it.
package struct BatchDocument: Sendable {
  /// The application's metadata as the rules see the other side of a pair.
  package var record: DocumentRecord
  /// The extracted text (TextLayout.text).
  package var text: String
  /// Section spans of the text (code-point offsets), for section-level candidates.
  package var sections: [TextSection]

  package init(record: DocumentRecord, text: String, sections: [TextSection] = []) {
    self.record = record
    self.text = text
    self.sections = sections
  }
}

/// A batch document with its fingerprint (normalised text, shingles, signature), computed once.
package struct PreparedDocument: Sendable {
  package var document: BatchDocument
  package var fingerprint: DocumentFingerprint

  package init(document: BatchDocument, fingerprint: DocumentFingerprint) {
    self.document = document
    self.fingerprint = fingerprint
  }

  package var id: String { document.record.id }
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
  /// nil when the pair meets no threshold (`minimum`, the loosest) or cannot be reported
  /// (`gate`). Passages are aligned with at least `passageMinimum` characters, or not at all
  /// without it; a pair whose ``PassageBound`` says that no passage can be that long gets the
  /// aligner's answer, none, without aligning.
  static func measures(
    query: Verifier.PreparedQuery, match: NormalizedText, matchShingles: [UInt64], matchDistinct: Int?,
    minimum: SimilarityThreshold, passageMinimum: Int?, gate: SimilarityReportGate, otherInBatch: Bool
  ) -> (SimilarityMeasures, [EvidencePassage]?)? {
    verified(
      query: query, match: match, matchShingles: matchShingles, matchDistinct: matchDistinct,
      minimum: minimum,
      passageMinimum: passageMinimum, gate: gate, otherInBatch: otherInBatch
    ).map { ($0.measures, $0.passages) }
  }

  /// The same, with the verification kept (the copy-ratio evidence of the pair is aligned from it,
  /// `PairCopyRatios.evidence`, instead of verifying the pair a second time).
  static func verified(
    query: Verifier.PreparedQuery, match: NormalizedText, matchShingles: [UInt64], matchDistinct: Int?,
    minimum: SimilarityThreshold, passageMinimum: Int?, gate: SimilarityReportGate, otherInBatch: Bool
  ) -> (measures: SimilarityMeasures, passages: [EvidencePassage]?, verification: PairVerification)? {
    let verification = Verifier.verify(query, matchHashes: matchShingles, matchDistinct: matchDistinct)
    var measures = SimilarityMeasures(verification.scores)
    guard minimum.isMet(by: measures) || minimum.isMet(by: measures.reversed) else { return nil }
    guard let passageMinimum else { return (measures, nil, verification) }
    let parameters = PassageAlignmentParameters(
      minimumCharacters: passageMinimum, maximumGap: PassageAlignmentParameters.standard.maximumGap)
    let bound = verification.passageBound(query: query, match: match, parameters: parameters)
    if bound.isEmpty {
      measures.passageCharacters = 0
      return (measures, [], verification)
    }
    guard gate.mayBeReported(measures, bound: bound, otherInBatch: otherInBatch) else { return nil }
    let passages = PassageAligner.align(
      query, verification: verification, source: match, sourceShingles: matchShingles, parameters: parameters
    ).map {
      EvidencePassage(
        start: $0.start, end: $0.end, sourceStart: $0.sourceStart, sourceEnd: $0.sourceEnd, chars: $0.chars)
    }
    measures.passageCharacters = passages.reduce(0) { $0 + $1.chars }
    return (measures, passages, verification)
  }
}

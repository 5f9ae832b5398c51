import Fingerprints
import Integrity

/// What the copy-ratio policy (issue 13) asks of the similarity search: which pairs are verified
/// and given copy ratios, and which text is never evidence.
enum CopyRatioPolicy {
  /// The search's gate: a pair is kept when it could meet any similarity rule's threshold or review
  /// band, or the overlap floor. Copy ratios exist only after alignment, so a pair whose copy ratio
  /// could reach the lowest copy-ratio criterion must pass on containment: a copy ratio is about the
  /// containment of an exact copy and stays above half of it for a copy edited every few
  /// characters (passages bridge the edits, shingles do not), so the gate's containment is half the
  /// lowest copy-ratio value, with at least 200 shared characters.
  static func searchGate(_ call: CallConfiguration) -> (minimum: SimilarityThreshold, passageMinimum: Int?) {
    let thresholds = RuleID.similarityRules.map(call.threshold(for:))
    var jaccard = 1.0
    var containment = 1.0
    var shared = Int.max
    var lowestRatio = call.floor.copyRatio
    for threshold in thresholds {
      for criteria in [threshold.criteria] + (threshold.review.map { [$0] } ?? []) {
        if let value = criteria.jaccard { jaccard = min(jaccard, value) }
        if let value = criteria.containment { containment = min(containment, value) }
        for value in [
          criteria.copyRatio, criteria.largestSourceRatio, criteria.totalCopyRatio,
          criteria.copyRatioExcludingOwn,
        ].compactMap({ $0 }) {
          lowestRatio = min(lowestRatio, value)
        }
      }
      shared = min(shared, threshold.minimumSharedCharacters)
    }
    containment = min(containment, lowestRatio / 2)
    shared = min(shared == Int.max ? 0 : shared, 200)
    let passageMinimum = thresholds.compactMap(\.minimumPassageCharacters).min()
    return (
      SimilarityThreshold(jaccard: jaccard, containment: containment, minimumSharedCharacters: shared),
      passageMinimum
    )
  }

  /// The report gate before passage alignment (`SimilarityReportGate`): every rule's threshold,
  /// the Jaccard/containment parts of the review bands as thresholds of their own, and the pairs
  /// whose containment could carry a copy ratio up to the lowest copy-ratio value (half of it, with
  /// 200 shared characters, as in `searchGate`).
  static func reportGate(_ call: CallConfiguration) -> SimilarityReportGate {
    var thresholds = RuleID.similarityRules.map(call.threshold(for:))
    for threshold in thresholds {
      guard let review = threshold.review, review.jaccard != nil || review.containment != nil else {
        continue
      }
      var band = threshold
      band.jaccard = review.jaccard ?? 2
      band.containment = review.containment ?? 2
      band.copyRatio = nil
      band.largestSourceRatio = nil
      band.totalCopyRatio = nil
      band.copyRatioExcludingOwn = nil
      band.review = nil
      thresholds.append(band)
    }
    let lowestRatio = lowestCopyRatio(call)
    return SimilarityReportGate(
      thresholds: thresholds,
      copyRatioCandidates: SimilarityThreshold(
        jaccard: 2, containment: lowestRatio / 2, minimumSharedCharacters: 200))
  }

  /// The lowest copy-ratio value of any threshold, review band or the overlap floor.
  static func lowestCopyRatio(_ call: CallConfiguration) -> Double {
    var lowest = call.floor.copyRatio
    for threshold in RuleID.similarityRules.map(call.threshold(for:)) {
      for criteria in [threshold.criteria] + (threshold.review.map { [$0] } ?? []) {
        for value in [
          criteria.copyRatio, criteria.largestSourceRatio, criteria.totalCopyRatio,
          criteria.copyRatioExcludingOwn,
        ].compactMap({ $0 }) {
          lowest = min(lowest, value)
        }
      }
    }
    return lowest
  }

  /// Shingles of the call's own text (the notice and the guide's 研发方向, `callText`), excluded like
  /// template shingles.
  static func callTextShingles(_ call: CallConfiguration, parameters: FingerprintParameters) -> Set<UInt64> {
    var shingles = Set<UInt64>()
    for text in call.callText ?? [] {
      shingles.formUnion(
        Shingler.shingleHashes(
          of: NormalizedText(normalizing: text.text), k: parameters.shingleSize, seed: parameters.seed))
    }
    return shingles
  }
}

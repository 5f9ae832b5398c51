import Integrity
import Matching

/// Whether a verified pair can end up in a check's report, decided before its passages are
/// aligned: alignment costs far more than verification, and most pairs over the call's loosest
/// threshold (the plagiarism rule's containment 0.1) share only ordinary language.
///
/// A pair is reported when the threshold of the rule it falls under is met (`RuleContext
/// .similarityFindings`), from the application's side and, for two applications of the batch,
/// from the other's side too (measures reversed, passage characters counted in the other text).
/// Which rule that is depends on the records, not on the passages; a threshold depends on the
/// passages only through `passageCharacters`, and only upwards. So if no similarity rule's
/// threshold is met with the passage characters at their upper bound (``PassageBound``), none is
/// met with the aligned ones, and the pair can be left out without aligning it: the report is
/// the same.
///
/// This is the one place that decides it. A rule or band that reports pairs on other grounds
/// (e.g. a review band or a copy-ratio floor on passages of one source) must be added here, or
/// the pairs it would report are dropped before it sees them; `PassageBound.queryCharacters`
/// bounds the application characters in passages of one source for such a floor.
struct SimilarityReportGate: Sendable {
  /// The threshold of every similarity rule of the call.
  var thresholds: [SimilarityThreshold]
  /// Pairs meeting this (from either side) may be reported through a copy ratio (a threshold's or
  /// review band's copy-ratio measure, or the overlap floor): copy ratios count passages of 13
  /// characters and the fuzzy stage's, which `PassageBound` does not bound
  /// (`CopyRatioPolicy.reportGate`). nil: no copy-ratio policy.
  var copyRatioCandidates: SimilarityThreshold? = nil

  /// True when the pair may meet a threshold with at most `bound`'s passage characters; with
  /// `otherInBatch`, from either side.
  func mayBeReported(_ measures: SimilarityMeasures, bound: PassageBound, otherInBatch: Bool) -> Bool {
    if let copyRatioCandidates,
      copyRatioCandidates.isMet(by: measures)
        || (otherInBatch && copyRatioCandidates.isMet(by: measures.reversed))
    {
      return true
    }
    var forward = measures
    forward.passageCharacters = bound.queryCharacters
    if thresholds.contains(where: { $0.isMet(by: forward) }) { return true }
    guard otherInBatch else { return false }
    var reversed = measures.reversed
    reversed.passageCharacters = bound.sourceCharacters
    return thresholds.contains { $0.isMet(by: reversed) }
  }
}

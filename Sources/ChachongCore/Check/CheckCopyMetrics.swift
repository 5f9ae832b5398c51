import ChachongModel
import Fingerprints
import Integrity
import Matching

/// Copy metrics of every application from the passages of its similarity findings, counted after
/// template and common-text exclusion (Matching's `CopyMetricsCalculator`). Pure.
enum CheckCopyMetrics {
  static func measure(
    _ results: [ApplicationFindings], prepared: [PreparedDocument], excluding: Set<UInt64>,
    parameters: FingerprintParameters
  ) -> [String: CopyMetrics] {
    let documents = Dictionary(prepared.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var metrics: [String: CopyMetrics] = [:]
    for result in results {
      guard let document = documents[result.application.id] else { continue }
      let sources = sourcePassages(result.findings)
      metrics[document.id] = CopyMetricsCalculator.measure(
        application: document.fingerprint.normalized, sources: sources,
        excludedTokens: excludedTokens(
          shingles: document.fingerprint.shingleHashes, count: document.fingerprint.normalized.count,
          excluding: excluding, k: parameters.shingleSize),
        sections: document.document.sections)
    }
    return metrics
  }

  /// Passages per related document over all similarity findings, in the order findings name them.
  static func sourcePassages(_ findings: [Finding]) -> [SourcePassages] {
    var order: [String] = []
    var passages: [String: [Passage]] = [:]
    for finding in findings where RuleID.similarityRules.contains(finding.rule) {
      for related in finding.related {
        guard let found = related.passages, !found.isEmpty else { continue }
        if passages[related.id] == nil { order.append(related.id) }
        passages[related.id, default: []] += found.map {
          Passage(
            start: $0.start, end: $0.end, sourceStart: $0.sourceStart, sourceEnd: $0.sourceEnd,
            chars: $0.chars)
        }
      }
    }
    return order.map { SourcePassages(id: $0, passages: passages[$0] ?? []) }
  }

  /// Per token: covered by an excluded shingle (the same rule as `ExcludedText.tokenMask`, from the
  /// shingles the fingerprint already holds).
  static func excludedTokens(shingles: [UInt64], count: Int, excluding: Set<UInt64>, k: Int) -> [Bool] {
    var mask = [Bool](repeating: false, count: count)
    guard !excluding.isEmpty else { return mask }
    let width = max(1, k)
    for (index, hash) in shingles.enumerated() where excluding.contains(hash) {
      for token in index..<min(index + width, count) { mask[token] = true }
    }
    return mask
  }
}

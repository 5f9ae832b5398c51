import Fingerprints

/// Builds the shingles to exclude from similarity, passages and ratios. Pure.
package struct CommonTextFilter: Sendable {
  package var k: Int
  package var seed: UInt64
  package var policy: CommonTextPolicy

  package init(k: Int, seed: UInt64, policy: CommonTextPolicy = .standard) {
    self.k = k
    self.seed = seed
    self.policy = policy
  }

  package init(parameters: FingerprintParameters, policy: CommonTextPolicy = .standard) {
    self.init(k: parameters.shingleSize, seed: parameters.seed, policy: policy)
  }

  /// Every shingle of the template texts.
  package func templateShingles(of templates: [String]) -> Set<UInt64> {
    templateShingles(of: templates.map { NormalizedText(normalizing: $0) })
  }

  package func templateShingles(of templates: [NormalizedText]) -> Set<UInt64> {
    var result = Set<UInt64>()
    for template in templates where template.count >= k {
      result.formUnion(Shingler.shingleHashes(of: template, k: k, seed: seed))
    }
    return result
  }

  /// The shingles among `candidates` (usually a query's) that the policy calls common.
  package func commonShingles(
    among candidates: some Sequence<UInt64>, frequencies: some ShingleDocumentFrequencies
  ) -> Set<UInt64> {
    let documents = frequencies.documentCount
    guard documents >= policy.minimumDocuments else { return [] }
    var result = Set<UInt64>()
    for hash in Set(candidates)
    where policy.isCommon(frequency: frequencies.documentFrequency(of: hash), documentCount: documents) {
      result.insert(hash)
    }
    return result
  }

  /// Template shingles plus the common ones among `candidates` (nil frequencies: no common text).
  package func excludedShingles(
    templates: [String], candidates: some Sequence<UInt64>,
    frequencies: (any ShingleDocumentFrequencies)?
  ) -> ExcludedShingles {
    let template = templateShingles(of: templates)
    guard let frequencies else { return ExcludedShingles(template: template) }
    return ExcludedShingles(
      template: template, common: commonShingles(among: candidates, frequencies: frequencies))
  }
}

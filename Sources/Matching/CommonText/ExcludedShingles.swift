/// Shingles that are never evidence: those of the templates (blank form, call instructions) and
/// those common to many indexed documents. Pass `all` as `excluding:` to the Verifier, the
/// aligner and the metrics.
package struct ExcludedShingles: Sendable, Equatable {
  package var template: Set<UInt64>
  package var common: Set<UInt64>

  package init(template: Set<UInt64> = [], common: Set<UInt64> = []) {
    self.template = template
    self.common = common
  }

  package var all: Set<UInt64> { template.union(common) }
  package var isEmpty: Bool { template.isEmpty && common.isEmpty }
}

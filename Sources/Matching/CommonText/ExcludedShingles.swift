/// Shingles that are never evidence: those of the templates (blank form, call instructions) and
/// those common to many indexed documents. Pass `all` as `excluding:` to the Verifier, the
/// aligner and the metrics.
public struct ExcludedShingles: Sendable, Equatable {
  public var template: Set<UInt64>
  public var common: Set<UInt64>

  public init(template: Set<UInt64> = [], common: Set<UInt64> = []) {
    self.template = template
    self.common = common
  }

  public var all: Set<UInt64> { template.union(common) }
  public var isEmpty: Bool { template.isEmpty && common.isEmpty }
}

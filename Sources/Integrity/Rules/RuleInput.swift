import ChachongModel

/// Everything the rules look at. Pure data; the pipeline gathers it.
public struct RuleInput: Sendable {
  public var call: CallConfiguration
  /// This call's batch.
  public var applications: [Application]
  /// Documents of the index other than the batch (past applications of every program and year).
  public var archive: [DocumentRecord]
  /// Verified similar pairs, batch-vs-batch and batch-vs-archive, scored from the application.
  public var pairs: [SimilarPair]
  public var registry: [RegistryEntry]
  /// Copy ratios per application id over all its sources (computed from the evidence passages);
  /// an application without an entry is judged on its pairs' measures only.
  public var copyMeasures: [String: ApplicationCopyMeasures]

  public init(
    call: CallConfiguration, applications: [Application], archive: [DocumentRecord] = [],
    pairs: [SimilarPair] = [], registry: [RegistryEntry] = [],
    copyMeasures: [String: ApplicationCopyMeasures] = [:]
  ) {
    self.copyMeasures = copyMeasures
    self.call = call
    self.applications = applications
    self.archive = archive
    self.pairs = pairs
    self.registry = registry
  }
}

/// The findings of one application.
public struct ApplicationFindings: Sendable, Equatable {
  public var application: Application
  public var findings: [Finding]

  public init(application: Application, findings: [Finding]) {
    self.application = application
    self.findings = findings
  }

  /// The most serious finding's severity, nil when clean.
  public var highestSeverity: Severity? { findings.map(\.severity).max() }
}

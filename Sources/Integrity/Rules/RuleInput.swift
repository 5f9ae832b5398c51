import ChachongModel

/// Everything the rules look at. Pure data; the pipeline gathers it.
package struct RuleInput: Sendable {
  package var call: CallConfiguration
  /// This call's batch.
  package var applications: [Application]
  /// Documents of the index other than the batch (past applications of every program and year).
  package var archive: [DocumentRecord]
  /// Verified similar pairs, batch-vs-batch and batch-vs-archive, scored from the application.
  package var pairs: [SimilarPair]
  package var registry: [RegistryEntry]
  /// Copy ratios per application id over all its sources (computed from the evidence passages);
  /// an application without an entry is judged on its pairs' measures only.
  package var copyMeasures: [String: ApplicationCopyMeasures]

  package init(
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
package struct ApplicationFindings: Sendable, Equatable {
  package var application: Application
  package var findings: [Finding]

  package init(application: Application, findings: [Finding]) {
    self.application = application
    self.findings = findings
  }

  /// The most serious finding's severity, nil when clean.
  package var highestSeverity: Severity? { findings.map(\.severity).max() }
}

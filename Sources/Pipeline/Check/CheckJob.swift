import Digest
import DocumentText
import Fingerprints
import Foundation
import IndexStore
import Integrity
import Matching
import Reports

/// The result of a check: the report, its rendering and the exit code.
public struct CheckOutcome: Sendable {
  public var report: CheckReport
  public var rendered: Data
  /// 0 nothing at or above --fail-on; 1 findings; 2 unreadable inputs.
  public var exitCode: Int32
}

/// `chachong check`: the batch against itself, the archive and the registry, every rule of the
/// call, one report.
public struct CheckJob: Sendable {
  public var options: CheckOptions

  public init(options: CheckOptions) {
    self.options = options
  }

  /// Runs the check against the index in `options.indexDirectory`.
  public func run() throws(CheckError) -> CheckOutcome {
    let index: DocumentIndex
    do {
      if options.add && !DocumentIndex.exists(directory: options.indexDirectory) {
        index = try DocumentIndex.open(directory: options.indexDirectory, creating: .standard)
      } else {
        // Without --add nothing is written: a read-only index can be checked against.
        index = try DocumentIndex.open(directory: options.indexDirectory, readOnly: !options.add)
      }
    } catch {
      throw CheckError("\(error)")
    }
    let source = IndexArchiveSource(index: index)
    return try run(archive: source) { batch, call throws(CheckError) in
      try CheckJob.store(batch, call: call, in: index, source: source)
    }
  }

  /// Runs the check against any archive; `store` keeps the batch when `--add` is given.
  public func run(
    archive: any ArchiveSource,
    store: (_ batch: [StoredApplication], _ call: CallConfiguration) throws(CheckError) -> Void = { _, _ in }
  ) throws(CheckError) -> CheckOutcome {
    let (call, callSource, callHash) = try loadCall()
    var inputs: [InputFileInfo] = []
    var errors: [InputErrorInfo] = []
    let manifest = try options.manifestPath.map { path throws(CheckError) in
      try CheckManifest.read(path: path)
    }
    if let path = options.manifestPath {
      inputs.append(InputFileInfo(role: "manifest", path: path, sha256: hash(path)))
    }
    var registry: [RegistryEntry] = []
    if let path = options.registryPath {
      registry = try loadRegistry(path)
      inputs.append(InputFileInfo(role: "registry", path: path, sha256: hash(path)))
    }
    if let path = options.callPath {
      inputs.append(InputFileInfo(role: "call", path: path, sha256: callHash))
    }

    let loader = CheckBatchLoader(call: call, manifest: manifest)
    var excluded: Set<UInt64>
    do {
      excluded = try archive.templateShingles()
      if let share = options.commonShare { excluded.formUnion(try archive.commonShingles(share: share)) }
    } catch {
      throw CheckError("\(options.indexDirectory): cannot read templates or common text: \(error)")
    }
    do {
      let templates = try TemplateFiles.read(options.templatePaths, parameters: archive.fingerprintParameters)
      inputs += templates.files.map { InputFileInfo(role: "template", path: $0.path, sha256: $0.sha256) }
      excluded.formUnion(templates.shingles)
    } catch {
      throw CheckError(error.description)
    }
    let loaded = loader.load(paths: options.paths)
    inputs += loaded.inputs.map { InputFileInfo(role: $0.role, path: $0.path, sha256: $0.sha256) }
    errors += loaded.errors.map { InputErrorInfo(path: $0.path, message: $0.message) }

    let batch = loaded.applications.map { application in
      BatchDocument(
        record: record(application.application, call: call, archive: archive), text: application.text,
        sections: application.sections.map { ($0.title, $0.start, $0.end) })
    }
    let fingerprinter = Fingerprinter(parameters: archive.fingerprintParameters)
    let prepared = batch.map {
      PreparedDocument(document: $0, fingerprint: fingerprinter.fingerprint($0.text))
    }
    excluded.formUnion(BatchSimilarity.commonShingles(prepared))
    let thresholds = RuleID.similarityRules.map(call.threshold(for:))
    var minimum = SimilarityThreshold.loosest(thresholds)
    minimum.minimumPassageCharacters = nil
    let passageMinimum = thresholds.compactMap(\.minimumPassageCharacters).min()
    let batchIDs = Set(batch.map(\.record.id))
    let archiveRecords: [ArchiveRecord]
    var pairs: [SimilarPair]
    do {
      archiveRecords = try archive.records(excluding: batchIDs)
      pairs = try archive.pairs(
        for: prepared, excludingShingles: excluded, minimum: minimum, passageMinimum: passageMinimum)
    } catch {
      throw CheckError("\(options.indexDirectory): \(error)")
    }
    pairs += BatchSimilarity.pairs(
      prepared, parameters: archive.fingerprintParameters, excludingShingles: excluded, minimum: minimum,
      passageMinimum: passageMinimum)

    let engine = RuleEngine(leadIDKey: { [archive] in archive.leadIDKey($0) })
    let results = engine.evaluate(
      RuleInput(
        call: call, applications: loaded.applications.map(\.application), archive: archiveRecords,
        pairs: pairs,
        registry: registry))

    if options.add {
      try store(
        zip(loaded.applications, batch).map { application, document in
          StoredApplication(
            record: document.record, text: application.text, sections: application.sections,
            sourcePath: application.path, sourceSHA256: application.sha256)
        }, call)
    }

    let evidence: [ApplicationFindings]
    do {
      evidence = try CheckEvidencePassages.realign(
        results, batch: prepared, archive: archive, excluding: excluded)
    } catch {
      throw CheckError("\(options.indexDirectory): cannot read archived texts: \(error)")
    }
    let metrics = CheckCopyMetrics.measure(
      evidence, prepared: prepared, excluding: excluded, parameters: archive.fingerprintParameters)
    let applications = CheckReportBuilder.applications(
      evidence, language: options.language, copyMetrics: metrics)
    errors.sort { ($0.path, $0.message) < ($1.path, $1.message) }
    inputs.sort { ($0.role, $0.path) < ($1.role, $1.path) }
    let report = CheckReport(
      tool: ToolInfo(version: ChachongVersion.current),
      call: CallInfo(
        program: call.program, year: call.year, documentNumber: call.documentNumber, source: callSource,
        sha256: callHash),
      parameters: CheckParameters(
        failOn: options.failOn.rawValue, language: options.language, index: options.indexDirectory,
        indexParameters: archive.parametersDescription,
        similarity: Dictionary(
          uniqueKeysWithValues: RuleID.similarityRules.map { ($0.rawValue, call.threshold(for: $0)) }),
        severities: Dictionary(
          uniqueKeysWithValues: RuleID.allCases.map { ($0.rawValue, call.severity(for: $0)) }),
        added: options.add, commonShare: options.commonShare),
      inputs: inputs, applications: applications,
      summary: CheckReportBuilder.summary(applications, errors: errors.count), errors: errors)
    let rendered: Data
    if options.format == .html {
      rendered = try renderHTML(report, metrics: metrics, batch: prepared, archive: archive)
    } else {
      rendered = try render(report)
    }
    return CheckOutcome(report: report, rendered: rendered, exitCode: exitCode(report))
  }

  func exitCode(_ report: CheckReport) -> Int32 {
    if !report.errors.isEmpty { return 2 }
    let failing = report.applications.contains { application in
      application.findings.contains { options.failOn.isMet(by: $0.severity) }
    }
    return failing ? 1 : 0
  }

  func render(_ report: CheckReport) throws(CheckError) -> Data {
    switch options.format {
    case .json:
      do {
        return try report.jsonData()
      } catch {
        throw CheckError("cannot encode the report: \(error)")
      }
    case .text:
      return Data(CheckTextRenderer.render(report, language: options.language).utf8)
    case .html:
      return Data(HTMLReportRenderer.render(HTMLReportInput(report: report, documents: [])).utf8)
    }
  }

  /// The self-contained HTML report: the texts of every application with passages and of the
  /// documents they were copied from, side by side. ID numbers in the texts are masked (same
  /// length, so passage offsets still point at the right characters).
  func renderHTML(
    _ report: CheckReport, metrics: [String: CopyMetrics], batch: [PreparedDocument],
    archive: any ArchiveSource
  ) throws(CheckError) -> Data {
    var shown = Set<String>()
    for application in report.applications {
      for finding in application.findings {
        for related in finding.related where !(related.passages ?? []).isEmpty {
          shown.insert(application.id)
          shown.insert(related.id)
        }
      }
    }
    var documents: [HTMLDocument] = []
    for document in batch where shown.contains(document.id) {
      documents.append(
        HTMLDocument(
          id: document.id, title: document.document.record.title,
          text: IdentityText.maskingIDNumbers(in: document.document.text),
          sections: document.document.sections.map {
            TextSection(title: $0.title, start: $0.start, end: $0.end)
          }))
    }
    let archived = shown.subtracting(batch.map(\.id)).sorted()
    do {
      let texts = try archive.documentTexts(ids: archived)
      for id in archived {
        guard let text = texts[id] else { continue }
        documents.append(
          HTMLDocument(id: id, text: IdentityText.maskingIDNumbers(in: text.text), sections: text.sections))
      }
    } catch {
      throw CheckError("\(options.indexDirectory): cannot read archived texts: \(error)")
    }
    let input = HTMLReportInput(report: report, documents: documents, metrics: metrics)
    return Data(HTMLReportRenderer.render(input).utf8)
  }

  func record(_ application: Application, call: CallConfiguration, archive: any ArchiveSource)
    -> ArchiveRecord
  {
    ArchiveRecord(
      id: application.id, program: application.program ?? call.program, year: application.year ?? call.year,
      status: call.statuses.submitted, title: application.title, organisation: application.organisation,
      creditCode: application.creditCode, lead: application.lead,
      leadIDKey: application.leadID.map(archive.leadIDKey),
      leadIDMasked: application.leadIDMasked)
  }

  func loadCall() throws(CheckError) -> (CallConfiguration, String, String) {
    guard let path = options.callPath else {
      do {
        let call = try CallConfiguration.nantong2023()
        return (
          call, "built-in nantong-2023.json", SHA256.hexHash(Array(CallConfiguration.nantong2023JSON.utf8))
        )
      } catch {
        throw CheckError("\(error)")
      }
    }
    guard let data = try? Data(InputFile.bytes(atPath: path)) else {
      throw CheckError("\(DisplayText.escaped(path)): cannot read the call configuration")
    }
    do {
      return (try CallConfiguration.decode(data, source: path), path, SHA256.hexHash([UInt8](data)))
    } catch {
      throw CheckError("\(error)")
    }
  }

  func loadRegistry(_ path: String) throws(CheckError) -> [RegistryEntry] {
    do {
      let table = try TableFileReaderBridge.read(path)
      return try RegistryTable.entries(header: table.header, rows: table.rows)
    } catch let error as CheckError {
      throw error
    } catch {
      throw CheckError("registry \(path): \(error)")
    }
  }

  func hash(_ path: String) -> String {
    guard let bytes = try? InputFile.bytes(atPath: path) else { return "" }
    return SHA256.hexHash(bytes)
  }

  /// Stores the batch in the index with the call's program and year and status 申报.
  static func store(
    _ batch: [StoredApplication], call: CallConfiguration, in index: DocumentIndex, source: IndexArchiveSource
  ) throws(CheckError) {
    let fingerprinter = Fingerprinter(parameters: index.parameters.fingerprint)
    let documents = batch.map { application in
      let record = application.record
      return IndexedDocument(
        metadata: DocumentMetadata(
          id: record.id, program: record.program, year: record.year, status: call.statuses.submitted,
          title: record.title, organisation: record.organisation, creditCode: record.creditCode,
          lead: record.lead,
          leadIDHash: record.leadIDKey, leadIDMasked: record.leadIDMasked, sourcePath: application.sourcePath,
          sourceSHA256: application.sourceSHA256, characterCount: application.text.unicodeScalars.count,
          sections: application.sections.map { IndexedSection(title: $0.title, start: $0.start, end: $0.end) }
        ),
        text: application.text, fingerprint: fingerprinter.fingerprint(application.text))
    }
    do {
      try index.upsert(documents)
    } catch {
      throw CheckError("cannot add the batch to \(index.directory): \(error)")
    }
  }
}

/// An application to keep in the archive after the check (`--add`).
public struct StoredApplication: Sendable {
  public var record: ArchiveRecord
  public var text: String
  public var sections: [SectionSpan]
  public var sourcePath: String
  public var sourceSHA256: String
}

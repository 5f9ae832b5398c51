import ArchiveStore
import ChachongModel
import Digest
import DocumentText
import Fingerprints
import Foundation
import Integrity
import Matching
import Reports

/// An application of a check's batch as the adapter found it: the file, its paper version when
/// the manifest names one, and its manifest row.
public struct ApplicationInput: Sendable {
  public var file: NamedBytes
  public var paper: NamedBytes?
  public var row: CheckManifest.Row?

  public init(file: NamedBytes, paper: NamedBytes? = nil, row: CheckManifest.Row? = nil) {
    self.file = file
    self.paper = paper
    self.row = row
  }
}

/// Everything a check is asked, as values: no paths to open, no exit codes.
public struct CheckRequest: Sendable {
  /// The call configuration (nil: the built-in 2023 Nantong call).
  public var call: NamedBytes?
  /// The manifest's bytes, for the report's list of inputs; its rows come with the applications.
  public var manifest: NamedBytes?
  public var registry: NamedBytes?
  public var templates: [NamedBytes]
  public var applications: [ApplicationInput]
  /// Inputs the adapter could not read (a missing file, an unreadable folder): reported under
  /// `errors`, the rest of the batch is checked.
  public var inputErrors: [InputFailure]
  public var options: CheckOptions

  public init(
    call: NamedBytes? = nil, manifest: NamedBytes? = nil, registry: NamedBytes? = nil,
    templates: [NamedBytes] = [], applications: [ApplicationInput], inputErrors: [InputFailure] = [],
    options: CheckOptions = CheckOptions()
  ) {
    self.call = call
    self.manifest = manifest
    self.registry = registry
    self.templates = templates
    self.applications = applications
    self.inputErrors = inputErrors
    self.options = options
  }
}

/// The result of a check: the report and the texts its HTML view shows beside it.
public struct CheckResult: Sendable {
  public var report: CheckReport
  /// Copy metrics per application (the HTML report's ratios).
  public var metrics: [String: CopyMetrics]
  /// Texts of every document with passages in the report, ID numbers masked.
  public var documents: [HTMLDocument]
  /// How many applications `add` stored (0 without it).
  public var stored: Int

  /// The report in the requested format. Every ID number in it is masked, whatever the part of
  /// the report it came from (a last line of defence: excerpts and fields are masked already).
  public func rendered(_ format: CheckOptions.Format, language: ReportLanguage) throws(ServiceError) -> Data {
    let text: String
    switch format {
    case .json:
      do {
        text = String(decoding: try report.jsonData(), as: UTF8.self)
      } catch {
        throw ServiceError(.badInput, "cannot encode the report: \(error)")
      }
    case .text:
      text = CheckTextRenderer.render(report, language: language)
    case .html:
      text = HTMLReportRenderer.render(
        HTMLReportInput(report: report, documents: documents, metrics: metrics))
    }
    return Data(IdentityKey.maskingIDNumbers(in: text).utf8)
  }

  /// 0 nothing at or above `failOn`; 1 findings; 2 unreadable inputs. For adapters that have exit codes.
  public func severityLevel(failOn: CheckOptions.FailOn) -> Int {
    if !report.errors.isEmpty { return 2 }
    let failing = report.applications.contains { application in
      application.findings.contains { failOn.isMet(by: $0.severity) }
    }
    return failing ? 1 : 0
  }
}

/// `check`: the batch against itself, the archive and the registry, every rule of the call, one
/// report. The archive is any store; with `options.add` the batch is stored in `writer` after.
public struct CheckJob: Sendable {
  public let archive: any ArchiveReading
  public let writer: (any ArchiveWriting)?
  public let reading: DocumentReading

  public init(
    archive: any ArchiveReading, writer: (any ArchiveWriting)? = nil, reading: DocumentReading = .init()
  ) {
    self.archive = archive
    self.writer = writer
    self.reading = reading
  }

  public func run(_ request: CheckRequest, progress: ProgressHandler? = nil) async throws(ServiceError)
    -> CheckResult
  {
    do {
      return try await runThrowing(request, progress: progress)
    } catch let error as ServiceError {
      throw error
    } catch let error as IndexError {
      throw .store(error)
    } catch is CancellationError {
      throw ServiceError(.cancelled, "check cancelled")
    } catch {
      throw ServiceError(.storeFailure, "\(archive.location): \(error)")
    }
  }

  private func runThrowing(_ request: CheckRequest, progress: ProgressHandler?) async throws -> CheckResult {
    let options = request.options
    // The archive's records are for the rules only: read while the batch is read and searched.
    async let allArchiveRecords = archive.records(DocumentFilter(includeSections: false))
    let (call, callSource, callHash) = try loadCall(request.call)
    var inputs: [InputFileInfo] = []
    var errors: [InputErrorInfo] = request.inputErrors.map {
      InputErrorInfo(path: $0.path, message: $0.reason)
    }
    if let manifest = request.manifest {
      inputs.append(
        InputFileInfo(role: "manifest", path: manifest.name, sha256: SHA256.hexHash(manifest.bytes)))
    }
    var registry: [RegistryEntry] = []
    if let file = request.registry {
      registry = try loadRegistry(file)
      inputs.append(InputFileInfo(role: "registry", path: file.name, sha256: SHA256.hexHash(file.bytes)))
    }
    if let file = request.call {
      inputs.append(InputFileInfo(role: "call", path: file.name, sha256: callHash))
    }

    // Boilerplate comes from the templates, the archive's stored templates, (asked for) the
    // archive's common text and, below, text in at least half of a large batch
    // (`BatchCommonText`); never from fewer applications, where a cluster of copies would erase
    // its own evidence.
    var excluded = try await archive.templateShingles()
    excluded.formUnion(try await CommonShingles.read(store: archive, share: options.commonShare))
    let templates = try TemplateFiles.read(
      request.templates, parameters: archive.parameters.fingerprint, reading: reading)
    inputs += templates.files.map { InputFileInfo(role: "template", path: $0.path, sha256: $0.sha256) }
    excluded.formUnion(templates.shingles)
    // The call's own text (notice, guide's 研发方向) is quoted by every application: never evidence.
    excluded.formUnion(CopyRatioPolicy.callTextShingles(call, parameters: archive.parameters.fingerprint))

    progress?(ProgressEvent(stage: .reading, done: 0, total: request.applications.count))
    let loader = CheckBatchLoader(call: call, reading: reading)
    let loaded = try await loader.load(request.applications, workers: options.workers) { done in
      progress?(ProgressEvent(stage: .reading, done: done, total: request.applications.count))
    }
    inputs += loaded.inputs
    errors += loaded.errors

    let batch = loaded.applications.map { application in
      BatchDocument(
        record: record(application.application, call: call), text: application.text,
        sections: application.sections)
    }
    let fingerprinter = Fingerprinter(parameters: archive.parameters.fingerprint)
    let prepared = try await OrderedConcurrentMap.map(batch, workers: options.workers, makeState: {}) {
      _, document in
      PreparedDocument(document: document, fingerprint: fingerprinter.fingerprint(document.text))
    }
    progress?(ProgressEvent(stage: .searching, done: 0, total: 2 * prepared.count))
    // The batch's own store needs only its fingerprints: filed while the exclusions are worked out
    // and the archive is searched.
    async let batchStore = Self.batchStore(prepared, archive: archive, workers: options.workers)
    // The batch's shingles sorted once, for its common text and (after the exclusions) its pairs'
    // shared counts.
    let batchShingles = BatchShingles(documents: prepared.map(\.fingerprint.shingleHashes))
    let batchCommon = BatchCommonText(shingles: batchShingles, share: options.batchCommonShare)
    excluded.formUnion(batchCommon.shingles)
    let exclusion = Verifier.ExclusionTable(excluded)
    let overlap = BatchOverlap(shingles: batchShingles, exclusion: exclusion)
    let (minimum, passageMinimum) = CopyRatioPolicy.searchGate(call)
    let gate = CopyRatioPolicy.reportGate(call)
    let batchIDs = Set(batch.map(\.record.id))

    // The one similarity search, against the archive and within the batch.
    let texts = PreparedTexts(
      batch: prepared, parameters: archive.parameters.fingerprint, excluding: excluded, exclusion: exclusion,
      distinctCounts: overlap.distinctCounts)
    let total = 2 * prepared.count
    let archiveSearch = SimilaritySearch(store: archive, workers: options.workers)
    var searched = try await archiveSearch.pairs(
      for: prepared, texts: texts,
      scope: .init(accepts: { _, id in !batchIDs.contains(id) }, otherInBatch: false),
      minimum: minimum, passageMinimum: passageMinimum, gate: gate
    ) { done in progress?(ProgressEvent(stage: .searching, done: done, total: total)) }
    let position = Dictionary(
      prepared.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    let batchMemory = try await batchStore
    searched += try await SimilaritySearch(store: batchMemory, workers: options.workers).pairs(
      for: prepared, texts: texts,
      scope: .init(
        accepts: { query, id in (position[id] ?? -1) > query }, otherInBatch: true,
        withinBatch: .init(overlap: overlap, position: position)),
      minimum: minimum, passageMinimum: passageMinimum, gate: gate
    ) { done in progress?(ProgressEvent(stage: .searching, done: prepared.count + done, total: total)) }

    var pairs = searched.map(\.pair)
    // Evidence passages (the applications with verified pairs), then the rules on them.
    progress?(ProgressEvent(stage: .evidence, done: 0, total: loaded.applications.count))
    // The second channel: batch pairs whose function-word skeletons overlap (rewritten copies).
    let skeletons = try await ParaphraseChannel.skeletons(of: prepared, workers: options.workers)
    pairs += try await ParaphraseChannel.batchPairs(
      prepared, skeletons: skeletons, existing: pairs, parameters: archive.parameters.fingerprint,
      excluding: excluded, workers: options.workers)
    // Every verified pair's evidence passages and copy ratios, before the rules read them.
    let copy = try await PairCopyRatios.measure(
      pairs, aligned: searched.map(\.exactPassages), batch: prepared, skeletons: skeletons, texts: texts,
      archive: archive, passageMinimum: passageMinimum, workers: options.workers
    ) { done, total in progress?(ProgressEvent(stage: .evidence, done: done, total: total)) }
    progress?(ProgressEvent(stage: .rules, done: 0, total: loaded.applications.count))
    let archiveRecords = try await allArchiveRecords.filter { !batchIDs.contains($0.id) }
    let engine = RuleEngine(leadIDKey: { [archive] in archive.leadIDKey(of: $0) })
    let results = engine.evaluate(
      RuleInput(
        call: call, applications: loaded.applications.map(\.application), archive: archiveRecords,
        pairs: copy.pairs, registry: registry, copyMeasures: copy.measures))

    var stored = 0
    if options.add, let writer {
      stored = try await Self.store(
        loaded.applications, prepared: prepared, fingerprintParameters: archive.parameters.fingerprint,
        call: call,
        in: writer)
    }

    // The findings' passages are the evidence passages already (PairCopyRatios), and the copy
    // metrics count every verified source, reported or not.
    let metrics = copy.metrics
    let applications = CheckReportBuilder.applications(
      results, language: options.language, copyMetrics: metrics)
    errors.sort { ($0.path, $0.message) < ($1.path, $1.message) }
    inputs.sort { ($0.role, $0.path) < ($1.role, $1.path) }
    let report = CheckReport(
      tool: ToolInfo(version: ChachongVersion.current),
      call: CallInfo(
        program: call.program, year: call.year, documentNumber: call.documentNumber, source: callSource,
        sha256: callHash),
      parameters: CheckParameters(
        failOn: options.failOn.rawValue, language: options.language, index: options.storeDescription,
        indexParameters: archive.parametersDescription,
        similarity: Dictionary(
          uniqueKeysWithValues: RuleID.similarityRules.map { ($0.rawValue, call.threshold(for: $0)) }),
        severities: Dictionary(
          uniqueKeysWithValues: RuleID.allCases.map { ($0.rawValue, call.severity(for: $0)) }),
        added: options.add, commonShare: options.commonShare,
        batchCommon: batchCommon.required.map { required in
          BatchCommonInfo(
            share: options.batchCommonShare, applications: batchCommon.applications, required: required,
            shingles: batchCommon.shingles.count)
        }),
      inputs: inputs, applications: applications,
      summary: CheckReportBuilder.summary(applications, errors: errors.count), errors: errors)
    let documents = options.collectsEvidenceTexts ? try await shownDocuments(report, batch: prepared) : []
    progress?(ProgressEvent(stage: .done, done: loaded.applications.count, total: loaded.applications.count))
    return CheckResult(report: report, metrics: metrics, documents: documents, stored: stored)
  }

  /// The batch filed like the archive, for the batch's own similarity search. Documents are
  /// prepared (LSH keys, winnowed fingerprints) `workers` at a time, one preparer per worker.
  static func batchStore(_ prepared: [PreparedDocument], archive: any ArchiveReading, workers: Int)
    async throws -> MemoryArchive
  {
    let store = MemoryArchive(
      parameters: SimilaritySearch.batchParameters(archive: archive.parameters), location: "batch")
    let documents = try await OrderedConcurrentMap.map(
      prepared, workers: workers, makeState: { store.preparer() }
    ) {
      preparer, document in
      var record = document.document.record
      record.sections = document.document.sections
      record.characterCount = document.document.text.unicodeScalars.count
      return Result { () throws(IndexError) in
        try preparer.prepareInMemory(
          IndexedDocument(metadata: record, text: document.document.text, fingerprint: document.fingerprint))
      }
    }
    try await store.upsert(documents.map { try $0.get() })
    return store
  }

  /// The texts of every application with passages and of the documents they were copied from,
  /// side by side in the HTML report. ID numbers are masked (same length, so passage offsets still
  /// point at the right characters).
  func shownDocuments(_ report: CheckReport, batch: [PreparedDocument]) async throws -> [HTMLDocument] {
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
          text: IdentityKey.maskingIDNumbers(in: document.document.text), sections: document.document.sections
        ))
    }
    let archived = shown.subtracting(batch.map(\.id)).sorted()
    let texts = try await archive.texts(ids: archived)
    let records = Dictionary(
      try await archive.records(DocumentFilter(ids: archived)).map { ($0.id, $0) },
      uniquingKeysWith: { a, _ in a })
    for id in archived {
      guard let text = texts[id] else { continue }
      documents.append(
        HTMLDocument(
          id: id, text: IdentityKey.maskingIDNumbers(in: text), sections: records[id]?.sections ?? []))
    }
    return documents
  }

  func record(_ application: Application, call: CallConfiguration) -> DocumentRecord {
    DocumentRecord(
      id: application.id, program: application.program ?? call.program, year: application.year ?? call.year,
      status: call.statuses.submitted, title: application.title, organisation: application.organisation,
      creditCode: application.creditCode, lead: application.lead,
      leadIDKey: application.leadID.map { archive.leadIDKey(of: $0) },
      leadIDMasked: application.leadIDMasked)
  }

  func loadCall(_ file: NamedBytes?) throws(ServiceError) -> (CallConfiguration, String, String) {
    guard let file else {
      do {
        let call = try CallConfiguration.nantong2023()
        return (
          call, "built-in nantong-2023.json", SHA256.hexHash(Array(CallConfiguration.nantong2023JSON.utf8))
        )
      } catch {
        throw ServiceError(.badInput, "\(error)", cause: error)
      }
    }
    do {
      return (
        try CallConfiguration.decode(Data(file.bytes), source: file.name), file.name,
        SHA256.hexHash(file.bytes)
      )
    } catch {
      throw ServiceError(.badInput, "\(error)", cause: error)
    }
  }

  func loadRegistry(_ file: NamedBytes) throws(ServiceError) -> [RegistryEntry] {
    let table: TabularData
    do {
      table = try TableFileReader.read(bytes: file.bytes, name: file.name)
    } catch {
      throw ServiceError(.badInput, "registry \(error)", cause: error)
    }
    do {
      return try RegistryTable.entries(header: table.header, rows: table.rows)
    } catch {
      throw ServiceError(.badInput, "registry \(file.name): \(error)")
    }
  }

  /// Stores the batch with the call's program and year and status 申报. The batch's fingerprints
  /// are reused when the writer fingerprints as the archive does (the writer is the archive).
  static func store(
    _ applications: [LoadedApplication], prepared: [PreparedDocument],
    fingerprintParameters: FingerprintParameters,
    call: CallConfiguration, in writer: any ArchiveWriting
  ) async throws -> Int {
    let fingerprinter = Fingerprinter(parameters: writer.parameters.fingerprint)
    let reuse = writer.parameters.fingerprint == fingerprintParameters
    let preparer = writer.preparer()
    var documents: [StorableDocument] = []
    for (application, document) in zip(applications, prepared) {
      let record = document.document.record
      documents.append(
        try preparer.prepare(
          IndexedDocument(
            metadata: DocumentRecord(
              id: record.id, program: record.program, year: record.year, status: call.statuses.submitted,
              title: record.title, organisation: record.organisation, creditCode: record.creditCode,
              lead: record.lead, leadIDKey: application.application.leadID.map { writer.leadIDKey(of: $0) },
              leadIDMasked: record.leadIDMasked, sourcePath: application.path,
              sourceSHA256: application.sha256, characterCount: application.text.unicodeScalars.count,
              sections: application.sections),
            text: application.text,
            fingerprint: reuse ? document.fingerprint : fingerprinter.fingerprint(application.text))))
    }
    try await writer.upsert(documents)
    return documents.count
  }
}

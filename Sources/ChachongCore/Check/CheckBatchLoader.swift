import ChachongModel
import Digest
import DocumentText
import Foundation
import Integrity
import Reports

/// One application read from disk: the rules' view, its text and where it came from.
struct LoadedApplication: Sendable {
  var application: Application
  var text: String
  var sections: [TextSection]
  var path: String
  var sha256: String
}

/// Reads the batch: every document with its form fields, joined with its manifest row, and its
/// paper version when the manifest names one. A bad file is an error in the list, never the end
/// of the batch.
struct CheckBatchLoader: Sendable {
  let call: CallConfiguration
  let reading: DocumentReading

  struct Result {
    var applications: [LoadedApplication] = []
    var inputs: [InputFileInfo] = []
    var errors: [InputErrorInfo] = []
  }

  /// What reading one input gave, in input order.
  enum Loaded: Sendable {
    case failed(InputErrorInfo)
    case read(LoadedApplication, inputs: [InputFileInfo], errors: [InputErrorInfo])
  }

  func load(
    _ applications: [ApplicationInput], workers: Int, progress: @escaping @Sendable (Int) -> Void
  ) async throws(CancellationError) -> Result {
    let loader = self
    let outcomes = try await OrderedConcurrentMap.map(applications, workers: workers, makeState: {}) {
      _, input -> Loaded in
      await loader.loadOffPool(input)
    }
    progress(applications.count)
    var result = Result()
    var ids = Set<String>()
    for outcome in outcomes {
      switch outcome {
      case .failed(let error):
        result.errors.append(error)
      case .read(let loaded, let inputs, let errors):
        result.inputs += inputs
        result.errors += errors
        guard ids.insert(loaded.application.id).inserted else {
          result.errors.append(
            InputErrorInfo(
              path: loaded.path,
              message: "application id \(loaded.application.id) appears twice in the batch; skipped"))
          continue
        }
        result.applications.append(loaded)
      }
    }
    result.applications.sort { $0.application.id < $1.application.id }
    return result
  }

  /// ``load(_:)`` on a `BlockingPool` thread when a file of it is read by a subprocess (PDF, OCR).
  func loadOffPool(_ input: ApplicationInput) async -> Loaded {
    let files = [input.file] + (input.paper.map { [$0] } ?? [])
    guard files.contains(where: { reading.reader.blocks($0.bytes, name: $0.name) }) else {
      return load(input)
    }
    let loader = self
    return await DocumentReading.offPool { loader.load(input) }
  }

  func load(_ input: ApplicationInput) -> Loaded {
    switch Self.readDocument(input.file, reading: reading) {
    case .failure(let message):
      return .failed(InputErrorInfo(path: input.file.name, message: message))
    case .success(let document):
      var inputs = [InputFileInfo(role: "application", path: input.file.name, sha256: document.sha256)]
      inputs[0].ocr = document.ocr
      var errors: [InputErrorInfo] = []
      var loaded = makeApplication(path: input.file.name, document: document, row: input.row)
      if let paper = input.paper {
        switch Self.readDocument(paper, reading: reading) {
        case .failure(let message): errors.append(InputErrorInfo(path: paper.name, message: message))
        case .success(let paperDocument):
          inputs.append(InputFileInfo(role: "paper", path: paper.name, sha256: paperDocument.sha256))
          inputs[inputs.count - 1].ocr = paperDocument.ocr
          loaded.application.paperDifferences = VersionDifferences.differences(
            online: Self.version(document), paper: Self.version(paperDocument))
        }
      }
      return .read(loaded, inputs: inputs, errors: errors)
    }
  }

  struct ReadDocument: Sendable {
    var text: String
    var sections: [TextSection]
    var fields: [String: String]
    var sha256: String
    /// Set when the text was read by OCR.
    var ocr: OCRSummary?
    /// False for PDFs and images, which have text but no form structure.
    var hasFormFields = true
    /// The end of the main part's text (headers, footers and notes follow).
    var bodyEnd: Int?
  }

  enum ReadOutcome: Sendable {
    case success(ReadDocument)
    case failure(String)
  }

  /// One document's text, sections, form fields and SHA-256; a failure says why without the path.
  static func readDocument(_ file: NamedBytes, reading: DocumentReading) -> ReadOutcome {
    do {
      let document = try reading.reader.read(data: file.bytes, name: file.name)
      let layout = TextLayout(document)
      var fields: [String: String] = [:]
      for field in document.formFields where fields[field.name] == nil { fields[field.name] = field.value }
      return .success(
        ReadDocument(
          text: layout.text, sections: layout.sections, fields: fields, sha256: SHA256.hexHash(file.bytes),
          ocr: document.ocr, hasFormFields: ![.pdf, .image].contains(document.format),
          bodyEnd: layout.paragraphs.last { $0.part == .main }?.end))
    } catch {
      return .failure(Self.reason(error))
    }
  }

  static func version(_ document: ReadDocument) -> VersionDifferences.Version {
    VersionDifferences.Version(
      text: document.text, sections: document.sections.map { ($0.title, $0.start, $0.end) },
      fields: document.fields, isOCR: document.ocr != nil, hasFormFields: document.hasFormFields,
      bodyEnd: document.bodyEnd)
  }

  /// The error without the path (the report lists the path beside it).
  static func reason(_ error: DocumentReadError) -> String {
    let text = error.description
    let prefix = error.path + ": "
    return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
  }

  static let columnFields: [(RecordField, String)] = [
    (.title, FormFieldName.title), (.organisation, FormFieldName.organisation),
    (.creditCode, FormFieldName.creditCode), (.county, FormFieldName.county),
    (.enterpriseType, FormFieldName.enterpriseType), (.guideCode, FormFieldName.guideCode),
    (.lead, FormFieldName.lead), (.leadID, FormFieldName.leadID),
    (.degree, FormFieldName.degree), (.totalBudget, FormFieldName.totalBudget),
    (.requestedFunding, FormFieldName.requestedFunding),
    (.recommendingUnit, FormFieldName.recommendingUnit),
  ]

  func makeApplication(path: String, document: ReadDocument, row: CheckManifest.Row?) -> LoadedApplication {
    var fields: [String: ApplicationField] = [:]
    for (column, name) in Self.columnFields {
      let field = ApplicationField(manifest: row?.value(column), form: document.fields[name])
      if field.value != nil { fields[name] = field }
    }
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let application = Application(
      id: row?.value(.id) ?? stem, file: path, program: row?.value(.program) ?? call.program,
      year: row?.value(.year).flatMap(RegistryTable.parseYear) ?? call.year, fields: fields,
      submittedAt: row?.value(.submittedAt), paperSubmittedAt: row?.value(.paperSubmittedAt))
    return LoadedApplication(
      application: application, text: document.text, sections: document.sections, path: path,
      sha256: document.sha256)
  }
}

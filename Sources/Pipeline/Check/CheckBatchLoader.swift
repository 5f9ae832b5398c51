import Digest
import DocumentText
import Foundation
import Integrity

/// One application read from disk: the rules' view, its text and where it came from.
struct LoadedApplication {
  var application: Application
  var text: String
  var sections: [SectionSpan]
  var path: String
  var sha256: String
}

/// Reads the batch: expands folders, reads every document with its form fields, joins the
/// manifest row, reads the paper version when the manifest names one. A bad file is an error in
/// the list, never the end of the batch.
struct CheckBatchLoader {
  let call: CallConfiguration
  let manifest: CheckManifest?
  /// Reads Word and text files with their form fields (科技项目综合信息表).
  static let documentReader = DocumentReader(
    limits: .standard, formFieldExtractor: { FormFieldExtractor.extract(from: $0) })

  struct Result {
    var applications: [LoadedApplication] = []
    var inputs: [(role: String, path: String, sha256: String)] = []
    var errors: [(path: String, message: String)] = []
  }

  func load(paths: [String]) -> Result {
    var result = Result()
    var files: [String] = []
    var seen = Set<String>()
    func add(_ path: String) {
      if seen.insert(InputCollector.standardized(path)).inserted { files.append(path) }
    }
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        result.errors.append((path, "no such file or folder"))
        continue
      }
      if isDirectory.boolValue {
        let scanned = InputCollector.scanFolder(path)
        scanned.files.filter { !$0.lowercased().hasSuffix(".jsonl") }.forEach(add)
        result.errors += scanned.failures.map { ($0.path, $0.reason) }
      } else {
        add(path)
      }
    }
    let paperFiles = Set((manifest?.rows ?? []).compactMap(\.paperPath))
    files.removeAll { paperFiles.contains(InputCollector.standardized($0)) }
    for row in manifest?.rows ?? [] {
      guard let path = row.path, !seen.contains(path) else { continue }
      if FileManager.default.fileExists(atPath: path) {
        add(path)
      } else {
        result.errors.append((path, "listed in the manifest (row \(row.line)) but missing"))
      }
    }
    // Zero inputs never look like success.
    if files.isEmpty, result.errors.isEmpty {
      result.errors.append(
        (paths.joined(separator: " "), "no application documents found (.docx, .xml, .txt…)"))
    }
    var ids = Set<String>()
    for path in files {
      let row = manifest?.row(forFile: path)
      switch read(path) {
      case .failure(let message):
        result.errors.append((path, message))
      case .success(let document):
        result.inputs.append(("application", path, document.sha256))
        var loaded = makeApplication(path: path, document: document, row: row)
        if let paperPath = row?.paperPath {
          switch read(paperPath) {
          case .failure(let message): result.errors.append((paperPath, message))
          case .success(let paper):
            result.inputs.append(("paper", paperPath, paper.sha256))
            loaded.application.paperDifferences = VersionDifferences.differences(
              online: version(document), paper: version(paper))
          }
        }
        guard ids.insert(loaded.application.id).inserted else {
          result.errors.append(
            (path, "application id \(loaded.application.id) appears twice in the batch; skipped"))
          continue
        }
        result.applications.append(loaded)
      }
    }
    result.applications.sort { $0.application.id < $1.application.id }
    return result
  }

  struct ReadDocument {
    var text: String
    var sections: [SectionSpan]
    var fields: [String: String]
    var sha256: String
  }

  enum ReadOutcome {
    case success(ReadDocument)
    case failure(String)
  }

  func read(_ path: String) -> ReadOutcome {
    Self.readDocument(path)
  }

  /// One document's text, sections, form fields and SHA-256; a failure says why without the path.
  static func readDocument(_ path: String) -> ReadOutcome {
    do {
      // Size and file type checked before reading (a FIFO or a sparse 2 GiB file is an error).
      let bytes = try InputFile.bytes(atPath: path)
      let document = try documentReader.read(data: bytes, name: path)
      let layout = TextLayout(document)
      var fields: [String: String] = [:]
      for field in document.formFields where fields[field.name] == nil { fields[field.name] = field.value }
      return .success(
        ReadDocument(
          text: layout.text, sections: layout.sections, fields: fields, sha256: SHA256.hexHash(bytes)))
    } catch {
      return .failure(Self.reason(error))
    }
  }

  func version(_ document: ReadDocument) -> VersionDifferences.Version {
    Self.version(document)
  }

  static func version(_ document: ReadDocument) -> VersionDifferences.Version {
    VersionDifferences.Version(
      text: document.text, sections: document.sections.map { ($0.title, $0.start, $0.end) },
      fields: document.fields)
  }

  /// The error without the path (the report lists the path beside it).
  static func reason(_ error: DocumentReadError) -> String {
    error.explanation
  }

  static let columnFields: [(TableColumn, String)] = [
    (.title, ApplicationFieldName.title), (.organisation, ApplicationFieldName.organisation),
    (.creditCode, ApplicationFieldName.creditCode), (.county, ApplicationFieldName.county),
    (.enterpriseType, ApplicationFieldName.enterpriseType), (.guideCode, ApplicationFieldName.guideCode),
    (.lead, ApplicationFieldName.lead), (.leadID, ApplicationFieldName.leadID),
    (.degree, ApplicationFieldName.degree), (.totalBudget, ApplicationFieldName.totalBudget),
    (.requestedFunding, ApplicationFieldName.requestedFunding),
    (.recommendingUnit, ApplicationFieldName.recommendingUnit),
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

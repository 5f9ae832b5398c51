import ChachongCore
import DocumentText
import Foundation

/// The check's batch as the command line gives it: files and folders, a manifest on disk whose
/// rows name files relative to its folder, a registry, templates and a call configuration, read
/// into the core's ``CheckRequest``. Unreadable inputs become errors of the request, never the end
/// of the batch.
package enum CheckFiles {
  package struct Paths: Sendable {
    package var applications: [String]
    package var manifest: String?
    package var registry: String?
    package var templates: [String]
    package var call: String?

    package init(
      applications: [String], manifest: String? = nil, registry: String? = nil, templates: [String] = [],
      call: String? = nil
    ) {
      self.applications = applications
      self.manifest = manifest
      self.registry = registry
      self.templates = templates
      self.call = call
    }
  }

  /// Reads everything `paths` names. Problems with the call, manifest, registry or templates stop
  /// the check (the report would be wrong without them); problems with applications are listed.
  package static func request(_ paths: Paths, options: CheckOptions) throws(ServiceError) -> CheckRequest {
    let call = try paths.call.map { path throws(ServiceError) in try read(path, role: "call configuration") }
    let registry = try paths.registry.map { path throws(ServiceError) in try read(path, role: "registry") }
    let templates = try paths.templates.map { path throws(ServiceError) in try read(path, role: "template") }
    var manifestFile: NamedBytes?
    var manifest: CheckManifest?
    if let path = paths.manifest {
      let file = try read(path, role: "manifest")
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      manifest = try CheckManifest.parse(file) { value in
        value.hasPrefix("/") ? value : folder.appendingPathComponent(value).standardizedFileURL.path
      }
      manifestFile = file
    }
    var errors: [InputFailure] = []
    let confinement = PathConfinement(
      roots: (paths.manifest.map { [URL(fileURLWithPath: $0).deletingLastPathComponent().path] } ?? [])
        + paths.applications)
    func isConfined(_ path: String) -> Bool { confinement.contains(path) }
    if var parsed = manifest {
      for index in parsed.rows.indices {
        for (path, column) in [(parsed.rows[index].path, "文件"), (parsed.rows[index].paperPath, "纸质文件")] {
          guard let path, !isConfined(path) else { continue }
          errors.append(
            InputFailure(
              path: path, reason: PathConfinement.outsideReason(line: parsed.rows[index].line, column: column)
            ))
        }
        if let path = parsed.rows[index].path, !isConfined(path) { parsed.rows[index].path = nil }
        if let path = parsed.rows[index].paperPath, !isConfined(path) { parsed.rows[index].paperPath = nil }
      }
      manifest = parsed
    }
    var files: [String] = []
    var seen = Set<String>()
    func add(_ path: String) {
      if seen.insert(InputCollector.standardized(path)).inserted { files.append(path) }
    }
    for path in paths.applications {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        errors.append(InputFailure(path: path, reason: "no such file or folder"))
        continue
      }
      if isDirectory.boolValue {
        let scanned = InputCollector.scanFolder(path)
        scanned.files.filter { !$0.lowercased().hasSuffix(".jsonl") }.forEach(add)
        errors += scanned.failures
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
        errors.append(
          InputFailure(path: path, reason: "listed in the manifest (row \(row.line)) but missing"))
      }
    }
    // Zero inputs never look like success.
    if files.isEmpty, errors.isEmpty {
      errors.append(
        InputFailure(
          path: paths.applications.joined(separator: " "),
          reason: "no application documents found (.docx, .xml, .txt…)"))
    }
    var applications: [ApplicationInput] = []
    for path in files {
      let key = InputCollector.standardized(path)
      let row = manifest?.row(forFile: path, key: key)
      let file: NamedBytes
      do {
        file = try NamedBytes(contentsOf: path)
      } catch {
        errors.append(InputFailure(path: path, reason: error.explanation))
        continue
      }
      var paper: NamedBytes?
      if let paperPath = row?.paperPath {
        do {
          paper = try NamedBytes(contentsOf: paperPath)
        } catch {
          errors.append(InputFailure(path: paperPath, reason: error.explanation))
        }
      }
      applications.append(ApplicationInput(file: file, paper: paper, row: row))
    }
    return CheckRequest(
      call: call, manifest: manifestFile, registry: registry, templates: templates,
      applications: applications,
      inputErrors: errors, options: options)
  }

  static func read(_ path: String, role: String) throws(ServiceError) -> NamedBytes {
    do {
      return try NamedBytes(contentsOf: path)
    } catch {
      throw ServiceError(.badInput, "\(role) \(error.description)", cause: error)
    }
  }
}

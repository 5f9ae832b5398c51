import Fingerprints

/// `--template FILE` (check, query, compare): the blank form and the call's instructions are never
/// evidence. Each file's extracted text is shingled as one text, so shingles spanning a heading
/// and the next line are excluded too.
package struct TemplateFiles: Sendable {
  /// Shingle hashes of every template's text.
  package var shingles: Set<UInt64>
  /// The files read, with the SHA-256 of their bytes.
  package var files: [(path: String, sha256: String)]

  /// Reads every template with the reader `check` uses for applications.
  package static func read(
    _ files: [NamedBytes], parameters: FingerprintParameters, reading: DocumentReading = DocumentReading()
  ) throws(ServiceError) -> TemplateFiles {
    var result = TemplateFiles(shingles: [], files: [])
    for file in files {
      switch CheckBatchLoader.readDocument(file, reading: reading) {
      case .failure(let message): throw ServiceError(.badInput, "template \(file.name): \(message)")
      case .success(let template):
        result.files.append((file.name, template.sha256))
        result.shingles.formUnion(
          Shingler.shingleHashes(
            of: NormalizedText(normalizing: template.text), k: parameters.shingleSize, seed: parameters.seed))
      }
    }
    return result
  }
}

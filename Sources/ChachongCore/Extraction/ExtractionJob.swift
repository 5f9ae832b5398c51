import ChachongModel
import DocumentText
import Foundation

/// `chachong extract`: reads every file, renders what was read, collects the failures without
/// stopping the batch.
public struct ExtractionJob: Sendable {
  public struct Result: Sendable {
    /// What goes to standard output.
    public var output: String
    /// One per file that could not be read, in input order.
    public var errors: [DocumentReadError]
  }

  public let reader: DocumentReader

  public init(reader: DocumentReader = DocumentReader()) {
    self.reader = reader
  }

  /// `errors` are the files the adapter could not read; they are listed with the others.
  public func run(
    _ files: [NamedBytes], errors readErrors: [DocumentReadError] = [], format: ExtractionFormat
  )
    -> Result
  {
    var documents: [(ExtractedDocument, TextLayout)] = []
    var errors = readErrors
    for file in files {
      do {
        let document = try reader.read(data: file.bytes, name: file.name)
        documents.append((document, TextLayout(document)))
      } catch {
        errors.append(error)
      }
    }
    switch format {
    case .text:
      let output = documents.map { ExtractionTextRenderer.render($0.0, layout: $0.1) }
        .joined(separator: "\n")
      return Result(output: IdentityKey.maskingIDNumbers(in: output), errors: errors)
    case .json:
      let report = ExtractionReport(
        documents: documents.map { ExtractionReport.DocumentView($0.0, layout: $0.1) },
        errors: errors.map { .init(path: $0.path, kind: $0.kind, message: $0.explanation) })
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
      return Result(
        output: IdentityKey.maskingIDNumbers(in: String(decoding: data, as: UTF8.self)) + "\n", errors: errors
      )
    }
  }
}

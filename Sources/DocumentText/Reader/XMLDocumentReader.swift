import Foundation

/// Single-file Word XML: flat OPC, Word 2003 XML or a bare `document.xml`, told apart by the root.
enum XMLDocumentReader {
  static func read(
    _ data: [UInt8], name: String, limits: ReadLimits = .standard
  ) throws(DocumentReadError) -> ExtractedDocument {
    let dispatch = RootDispatchHandler(budget: DocumentBudget(limits: limits))
    do {
      try XMLPushParser.parse(data, handler: dispatch, name: name, limits: limits)
    } catch {
      if dispatch.kind == .unknown || dispatch.kind == .undecided, case .malformed = error {
        throw DocumentReadError(path: name, reason: .unknownFormat)
      }
      throw error.readError(path: name, part: (name as NSString).lastPathComponent)
    }
    switch dispatch.kind {
    case .flatOPC:
      return try PackageAssembler.assemble(
        FlatPackageSource(path: name, handler: dispatch.flatOPC), format: .flatOPC, warnings: [])
    case .wordDocument, .word2003:
      let parsed = dispatch.word.result
      let partName = (name as NSString).lastPathComponent
      let resolver = HeadingResolver(styles: parsed.styles)
      let parts =
        [DocumentPart(kind: .main, name: partName, blocks: parsed.blocks)] + parsed.inlineParts
      return ExtractedDocument(
        path: name, format: dispatch.kind == .word2003 ? .word2003 : .documentXML,
        parts: parts.map(resolver.resolve))
    case .undecided, .unknown:
      throw DocumentReadError(path: name, reason: .unknownFormat)
    }
  }
}

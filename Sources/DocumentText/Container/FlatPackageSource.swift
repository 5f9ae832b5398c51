/// A flat OPC package already parsed in one pass by `FlatOPCHandler`.
struct FlatPackageSource: PackageSource {
  let path: String
  let handler: FlatOPCHandler

  func relationships(of part: String) -> [Relationship]? {
    handler.relationships[part.isEmpty ? "_rels/.rels" : PartName.relationshipsPart(of: part)]
  }

  func partName(_ name: String) -> String? {
    let normalised = PartName.normalise(name)
    if handler.wordParts[normalised] != nil { return normalised }
    return handler.wordParts.keys.first { $0.lowercased() == normalised.lowercased() }
  }

  /// Flat OPC is parsed in one pass before numbering is known, so `headingNumbering` is unused.
  func parse(part: String, headingNumbering: Set<NumberingLevel>) throws(DocumentReadError) -> ParsedPart {
    guard let word = handler.wordParts[part] else {
      throw DocumentReadError(path: path, reason: .missingMainPart)
    }
    return word.result
  }

  func headingNumbering(part: String) -> Set<NumberingLevel> { [] }
}

/// An OPC package, zipped or flat: its relationships and its WordprocessingML parts.
protocol PackageSource {
  var path: String { get }
  /// The relationships whose source is `part` ("" for the package); nil when there are none.
  func relationships(of part: String) -> [Relationship]?
  /// The canonical name of a part, if the package has it.
  func partName(_ name: String) -> String?
  /// Parses a WordprocessingML part; list levels in `headingNumbering` mark short paragraphs as headings.
  func parse(part: String, headingNumbering: Set<NumberingLevel>) throws(DocumentReadError) -> ParsedPart
  /// The heading-like list levels of a numbering part.
  func headingNumbering(part: String) -> Set<NumberingLevel>
}

extension XMLParseFailure {
  func readError(path: String, part: String) -> DocumentReadError {
    switch self {
    case .malformed(let detail): DocumentReadError(path: path, reason: .malformedXML("\(part): \(detail)"))
    case .entityDeclaration: DocumentReadError(path: path, reason: .entityExpansion)
    case .stopped: DocumentReadError(path: path, reason: .malformedXML("\(part): parse stopped"))
    case .limit(let detail): DocumentReadError(path: path, reason: .tooLarge("\(part): \(detail)"))
    }
  }
}

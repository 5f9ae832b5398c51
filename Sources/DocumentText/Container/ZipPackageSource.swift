/// A `.docx`/`.docm`/`.dotx` package: parts are inflated straight into the SAX push parser.
struct ZipPackageSource: PackageSource {
  let container: ZipContainer
  /// Shared by every part of the package.
  let budget: DocumentBudget
  var path: String { container.path }

  init(container: ZipContainer) {
    self.container = container
    budget = DocumentBudget(limits: container.limits)
  }

  func relationships(of part: String) -> [Relationship]? {
    let relsName = part.isEmpty ? "_rels/.rels" : PartName.relationshipsPart(of: part)
    guard container.contains(relsName) else { return nil }
    let handler = RelationshipsHandler()
    do {
      try parse(relsName, handler: handler)
    } catch {
      return nil
    }
    return handler.relationships
  }

  func partName(_ name: String) -> String? { container.entryName(name) }

  func parse(part: String, headingNumbering: Set<NumberingLevel>) throws(DocumentReadError) -> ParsedPart {
    let handler = WordMLHandler(headingNumbering: headingNumbering, budget: budget)
    try parse(part, handler: handler)
    return handler.result
  }

  func headingNumbering(part: String) -> Set<NumberingLevel> {
    let handler = NumberingHandler()
    do {
      try parse(part, handler: handler)
    } catch {
      return []
    }
    return handler.headingLevels
  }

  private func parse(_ part: String, handler: SAXHandler) throws(DocumentReadError) {
    let parser: XMLPushParser
    do {
      parser = try XMLPushParser(handler: handler, name: part, limits: container.limits)
    } catch {
      throw error.readError(path: path, part: part)
    }
    do {
      try container.stream(part) { chunk throws(XMLParseFailure) in try parser.feed(chunk) }
    } catch {
      switch error {
      case .read(let readError): throw readError
      case .parse(let failure): throw failure.readError(path: path, part: part)
      }
    }
    do {
      try parser.finish()
    } catch {
      throw error.readError(path: path, part: part)
    }
  }
}

/// Builds a document from an OPC package: the main part through `_rels/.rels`, then the headers,
/// footers, footnotes and endnotes its own relationships name, each a labelled part.
enum PackageAssembler {
  private static let partKinds: [(String, DocumentPart.Kind)] = [
    ("header", .header), ("footer", .footer), ("footnotes", .footnotes), ("endnotes", .endnotes),
  ]

  static func assemble(
    _ source: some PackageSource, format: DocumentFormat, warnings initialWarnings: [String]
  ) throws(DocumentReadError) -> ExtractedDocument {
    var warnings = initialWarnings
    let main = try mainPart(source, warnings: &warnings)
    let relationships = source.relationships(of: main) ?? []

    var styles: [StyleDefinition] = []
    if let stylesRelationship = relationships.first(where: { $0.typeName == "styles" && !$0.isExternal }),
      let stylesPart = source.partName(PartName.resolve(stylesRelationship.target, from: main))
    {
      do {
        styles = try source.parse(part: stylesPart, headingNumbering: []).styles
      } catch {
        warnings.append("styles ignored: \(error.explanation)")
      }
    }

    var headingNumbering: Set<NumberingLevel> = []
    if let numberingRelationship = relationships.first(where: { $0.typeName == "numbering" && !$0.isExternal }
    ),
      let numberingPart = source.partName(PartName.resolve(numberingRelationship.target, from: main))
    {
      headingNumbering = source.headingNumbering(part: numberingPart)
    }

    let parsedMain = try source.parse(part: main, headingNumbering: headingNumbering)
    var parts = [DocumentPart(kind: .main, name: main, blocks: parsedMain.blocks)]
    var seen: Set<String> = [main]
    var secondary: [(kind: DocumentPart.Kind, name: String)] = []
    for relationship in relationships where !relationship.isExternal {
      guard let kind = partKinds.first(where: { $0.0 == relationship.typeName })?.1 else { continue }
      let target = PartName.resolve(relationship.target, from: main)
      guard let name = source.partName(target) else {
        warnings.append("\(kind.rawValue) part \(target) named in relationships is missing")
        continue
      }
      if seen.insert(name).inserted { secondary.append((kind, name)) }
    }
    let kindOrder = partKinds.map(\.1)
    secondary.sort { left, right in
      let leftRank = kindOrder.firstIndex(of: left.kind) ?? 0
      let rightRank = kindOrder.firstIndex(of: right.kind) ?? 0
      if leftRank != rightRank { return leftRank < rightRank }
      return PartName.naturalOrder(left.name, right.name)
    }
    for (kind, name) in secondary {
      do {
        parts.append(
          DocumentPart(
            kind: kind, name: name, blocks: try source.parse(part: name, headingNumbering: []).blocks))
      } catch {
        warnings.append("\(kind.rawValue) part ignored: \(error.explanation)")
      }
    }
    let resolver = HeadingResolver(styles: styles)
    return ExtractedDocument(
      path: source.path, format: format, parts: parts.map(resolver.resolve), warnings: warnings)
  }

  private static func mainPart(
    _ source: some PackageSource, warnings: inout [String]
  ) throws(DocumentReadError) -> String {
    let packageRelationships = source.relationships(of: "") ?? []
    for relationship in packageRelationships where relationship.isOfficeDocument && !relationship.isExternal {
      if let name = source.partName(PartName.resolve(relationship.target, from: "")) { return name }
    }
    if let fallback = source.partName("word/document.xml") {
      warnings.append("no officeDocument relationship in _rels/.rels; read word/document.xml")
      return fallback
    }
    throw DocumentReadError(path: source.path, reason: .missingMainPart)
  }
}

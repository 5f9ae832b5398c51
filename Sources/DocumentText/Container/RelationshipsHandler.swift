/// Collects the relationships of a `.rels` part.
final class RelationshipsHandler: SAXHandler {
  private(set) var relationships: [Relationship] = []

  override func startElement(_ name: XMLElementName, attributes: XMLAttributes) {
    guard name.local == .relationship, let type = attributes.value("Type"),
      let target = attributes.value("Target")
    else { return }
    relationships.append(
      Relationship(
        id: attributes.value("Id") ?? "", type: type, target: target,
        isExternal: attributes.value("TargetMode") == "External"))
  }

}

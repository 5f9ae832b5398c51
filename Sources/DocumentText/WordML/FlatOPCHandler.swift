/// Reads a flat OPC package (`<pkg:package>`): each `pkg:part`'s `pkg:xmlData` goes to its own
/// handler (relationships or WordprocessingML), in one streaming pass.
final class FlatOPCHandler: SAXHandler {
  private(set) var relationships: [String: [Relationship]] = [:]
  private(set) var wordParts: [String: WordMLHandler] = [:]
  private(set) var contentTypes: [String: String] = [:]
  private var partName: String?
  private var current: (SAXHandler)?
  private var dataDepth = 0
  private let budget: DocumentBudget

  init(budget: DocumentBudget = DocumentBudget(limits: .standard)) {
    self.budget = budget
  }

  override func startElement(_ name: XMLElementName, attributes: XMLAttributes) {
    if dataDepth > 0 {
      dataDepth += 1
      current?.startElement(name, attributes: attributes)
      if let reason = current?.stopReason { stopReason = reason }
      return
    }
    guard name.namespace == .package else { return }
    switch name.local {
    case .part:
      partName = attributes.value("name").map(PartName.normalise)
      if let partName { contentTypes[partName] = attributes.value("contentType") ?? "" }
    case .xmlData:
      dataDepth = 1
      current = partName.flatMap { handler(for: $0) }
    default:
      break
    }
  }

  override func endElement(_ name: XMLElementName) {
    if dataDepth > 1 {
      dataDepth -= 1
      current?.endElement(name)
      if let reason = current?.stopReason { stopReason = reason }
      return
    }
    if dataDepth == 1, name.namespace == .package, name.local == .xmlData {
      dataDepth = 0
      if let partName, let rels = current as? RelationshipsHandler {
        relationships[partName] = rels.relationships
      }
      current = nil
    }
  }

  override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
    if dataDepth > 0 {
      current?.characters(bytes)
      if let reason = current?.stopReason { stopReason = reason }
    }
  }

  private func handler(for part: String) -> (SAXHandler)? {
    if part.hasSuffix(".rels") { return RelationshipsHandler() }
    let contentType = contentTypes[part] ?? ""
    guard contentType.contains("wordprocessingml") || part.hasSuffix("document.xml") else { return nil }
    let handler = WordMLHandler(budget: budget)
    wordParts[part] = handler
    return handler
  }
}

/// Decides from the root element what a single-file XML input is, then hands every event to the
/// matching handler.
final class RootDispatchHandler: SAXHandler {
  enum Kind: Equatable {
    case undecided
    case wordDocument
    case word2003
    case flatOPC
    case unknown
  }

  private(set) var kind: Kind = .undecided
  let word: WordMLHandler
  let flatOPC: FlatOPCHandler

  init(budget: DocumentBudget) {
    word = WordMLHandler(budget: budget)
    flatOPC = FlatOPCHandler(budget: budget)
  }

  override func startElement(_ name: XMLElementName, attributes: XMLAttributes) {
    if kind == .undecided {
      switch (name.namespace, name.local) {
      case (.package, .package): kind = .flatOPC
      case (.word2003, _): kind = .word2003
      case (.word, _): kind = .wordDocument
      default: kind = .unknown
      }
    }
    switch kind {
    case .wordDocument, .word2003: word.startElement(name, attributes: attributes)
    case .flatOPC: flatOPC.startElement(name, attributes: attributes)
    case .undecided, .unknown: break
    }
    passStop()
  }

  override func endElement(_ name: XMLElementName) {
    switch kind {
    case .wordDocument, .word2003: word.endElement(name)
    case .flatOPC: flatOPC.endElement(name)
    case .undecided, .unknown: break
    }
    passStop()
  }

  override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
    switch kind {
    case .wordDocument, .word2003: word.characters(bytes)
    case .flatOPC: flatOPC.characters(bytes)
    case .undecided, .unknown: break
    }
    passStop()
  }

  private func passStop() {
    if let reason = word.stopReason ?? flatOPC.stopReason { stopReason = reason }
  }
}

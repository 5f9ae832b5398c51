/// How `chachong extract` prints what it read.
public enum ExtractionFormat: String, Sendable, CaseIterable {
  case text, json
}

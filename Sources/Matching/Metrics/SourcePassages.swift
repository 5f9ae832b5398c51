/// The passages an application shares with one source document.
package struct SourcePassages: Sendable, Codable, Equatable {
  package var id: String
  package var passages: [Passage]

  package init(id: String, passages: [Passage]) {
    self.id = id
    self.passages = passages
  }
}

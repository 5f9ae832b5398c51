/// The passages an application shares with one source document.
public struct SourcePassages: Sendable, Codable, Equatable {
  public var id: String
  public var passages: [Passage]

  public init(id: String, passages: [Passage]) {
    self.id = id
    self.passages = passages
  }
}

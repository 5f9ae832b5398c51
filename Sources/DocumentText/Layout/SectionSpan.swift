/// A section of the main part: from a heading to the next one (scalar offsets, end exclusive).
public struct SectionSpan: Sendable, Codable, Equatable {
  public var title: String
  public var start: Int
  public var end: Int

  public init(title: String, start: Int, end: Int) {
    self.title = title
    self.start = start
    self.end = end
  }
}

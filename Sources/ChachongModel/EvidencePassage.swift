/// A copied passage: offsets (Unicode scalars, end exclusive) into the application's extracted
/// text and into the source's, and the application's characters it covers.
public struct EvidencePassage: Sendable, Codable, Equatable {
  public var start: Int
  public var end: Int
  public var sourceStart: Int
  public var sourceEnd: Int
  public var chars: Int

  public init(start: Int, end: Int, sourceStart: Int, sourceEnd: Int, chars: Int) {
    self.start = start
    self.end = end
    self.sourceStart = sourceStart
    self.sourceEnd = sourceEnd
    self.chars = chars
  }
}

/// A titled stretch of a document's extracted text (`start..<end`, Unicode scalar offsets), as
/// the reader's layout gives them; "" is the untitled part before the first heading.
///
/// The one section type of every layer: the reader's section spans, the store's sections and the
/// evidence's sections are all this type.
public struct TextSection: Sendable, Codable, Equatable, Hashable {
  public var title: String
  public var start: Int
  public var end: Int

  public init(title: String, start: Int, end: Int) {
    self.title = title
    self.start = start
    self.end = end
  }

  /// The title of the section containing `offset`, if any.
  public static func title(at offset: Int, in sections: [TextSection]) -> String? {
    var low = 0
    var high = sections.count
    while low < high {
      let middle = (low + high) / 2
      if sections[middle].end <= offset { low = middle + 1 } else { high = middle }
    }
    guard low < sections.count, sections[low].start <= offset, offset < sections[low].end else {
      return sections.first { $0.start <= offset && offset < $0.end }?.title
    }
    return sections[low].title
  }
}

/// A copied passage: offsets (Unicode scalars, end exclusive) into the application's extracted
/// text and into the source's, and the application's characters it covers.
public struct EvidencePassage: Sendable, Codable, Equatable {
  public var start: Int
  public var end: Int
  public var sourceStart: Int
  public var sourceEnd: Int
  public var chars: Int
  /// How the passage matched: identical, minor changes or rewritten (absent when not classified).
  public var kind: PassageMatchKind?

  public init(
    start: Int, end: Int, sourceStart: Int, sourceEnd: Int, chars: Int, kind: PassageMatchKind? = nil
  ) {
    self.kind = kind
    self.start = start
    self.end = end
    self.sourceStart = sourceStart
    self.sourceEnd = sourceEnd
    self.chars = chars
  }
}

/// How a copied passage matched its source, as a reviewer reads it (Copyleaks' identical /
/// minorChanges / relatedMeaning); raw values are the report's.
public enum PassageMatchKind: String, Sendable, Codable, CaseIterable, Comparable {
  /// The same words in the same order (punctuation, spaces, width and case aside).
  case identical
  /// Mostly the same wording: a few characters or words changed, inserted or dropped.
  case minorChanges
  /// Reworded ('降重': synonyms, reordered clauses or sentences, split or merged sentences).
  case rewritten

  public static func < (lhs: PassageMatchKind, rhs: PassageMatchKind) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }

  /// The Chinese name reports show (相同 / 轻微改动 / 改写).
  public var chineseName: String {
    switch self {
    case .identical: return "相同"
    case .minorChanges: return "轻微改动"
    case .rewritten: return "改写"
    }
  }

  public var englishName: String {
    switch self {
    case .identical: return "identical"
    case .minorChanges: return "minor changes"
    case .rewritten: return "rewritten"
    }
  }
}

/// Passages of one document pair seen from the other document of a batch pair.
///
/// A batch pair is aligned once, from its earlier document's side, where each region of that
/// document belongs to one passage; the later document's report shows the same passages with the
/// sides swapped. There a region of the later document can be the other side of several passages
/// (the earlier document repeats a sentence the later one copied once), so a long copied passage
/// comes with the short ones inside it. A reviewer reads the long one; the short ones inside it add
/// no characters (copy ratios count the union) and make one copy look like many.
package enum NestedPassages {
  /// `passages` without those whose range lies inside another one's (the first of equal ranges
  /// is kept), in their original order. O(n log n).
  package static func outermost<Item>(_ passages: [Item], range: (Item) -> Range<Int>) -> [Item] {
    guard passages.count > 1 else { return passages }
    let ranges = passages.map(range)
    let order = ranges.indices.sorted {
      let left = ranges[$0]
      let right = ranges[$1]
      if left.lowerBound != right.lowerBound { return left.lowerBound < right.lowerBound }
      if left.upperBound != right.upperBound { return left.upperBound > right.upperBound }
      return $0 < $1
    }
    var kept = [Bool](repeating: false, count: passages.count)
    var coveredUntil = Int.min
    for index in order where ranges[index].upperBound > coveredUntil {
      kept[index] = true
      coveredUntil = ranges[index].upperBound
    }
    return passages.indices.filter { kept[$0] }.map { passages[$0] }
  }
}

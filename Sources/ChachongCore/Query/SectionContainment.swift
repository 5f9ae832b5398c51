import Matching

/// The largest share of one query section's distinct shingles found in a match: near 1 when a
/// whole section was copied from the match, however small a part of the query it is.
///
/// Built once per query from its ``Verifier/PreparedQuery`` (each section as the distinct-shingle
/// indexes it holds, template and common shingles left out); ``maximum(in:)`` then reads the
/// candidate's verification (which distinct query shingles the match holds) instead of sorting
/// and searching the match's hashes again.
struct SectionContainment {
  /// Per compared section, the distinct indexes of its shingles, ascending and unique.
  private let sections: [[Int32]]

  /// Sections left with fewer shingles than this once template shingles are taken out are
  /// template text and not compared.
  static let minimumShinglesAfterExclusion = 20

  /// `query` is prepared with the run's exclusions (template and common shingles), which count in
  /// no section.
  init(query: Verifier.PreparedQuery, sectionTokenRanges: [Range<Int>]) {
    let distinctIndex = query.distinctIndex
    let excludes = !query.excluding.isEmpty
    var sections: [[Int32]] = []
    for range in sectionTokenRanges {
      let end = min(max(range.lowerBound + 1, range.upperBound - query.k + 1), distinctIndex.count)
      guard range.lowerBound < end else { continue }
      // Excluded positions have no distinct index.
      var members = distinctIndex[range.lowerBound..<end].filter { $0 >= 0 }
      if excludes {
        guard members.count >= SectionContainment.minimumShinglesAfterExclusion else { continue }
      }
      members.sort()
      var unique: [Int32] = []
      unique.reserveCapacity(members.count)
      for member in members where unique.last != member { unique.append(member) }
      sections.append(unique)
    }
    self.sections = sections
  }

  /// Whether there are at least two sections (one section is the whole document).
  var isUseful: Bool { sections.count > 1 }

  /// The largest share over the sections, for a candidate verified against the same prepared query.
  func maximum(in verification: PairVerification) -> Double {
    guard verification.scores.sharedShingles > 0 else { return 0 }
    let seen = verification.seenInMatch
    var best = 0.0
    for section in sections where !section.isEmpty {
      var found = 0
      for member in section where seen[Int(member)] { found += 1 }
      best = max(best, Double(found) / Double(section.count))
    }
    return best
  }
}

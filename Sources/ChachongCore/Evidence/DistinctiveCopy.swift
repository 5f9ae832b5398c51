import Matching

/// Copied characters that are evidence against one source rather than the genre's stock phrasing
/// (issue 13): regulations and applications share phrases such as 责令限期改正，给予警告 or
/// 制定本条例。第三条 中华人民共和国, and a low character minimum would report every document
/// that uses them. The background frequency is estimated from the document's own verified sources
/// (the archive's and the batch's candidates that reached alignment): a short passage whose
/// characters are also copied from `commonSources - 1` or more other sources is stock phrasing for
/// this document; a passage of `standaloneCharacters` or more is never (a copied paragraph stays
/// evidence even when an earlier version of its source is archived too). And a pair whose longest
/// passage is shorter than `minimumLongestPassage` has no distinctive copy at all: a handful of
/// short stock phrases (省、自治区、直辖市人民政府环境保护行政主管部门, 23 characters) that happen
/// to occur in two documents is what unrelated texts of one genre share, while a copy, even a
/// rewritten one, keeps at least one longer run or rewritten sentence.
///
/// Measured on the paraphrase corpus (Tools/paraphrase-check-eval.py; docs/BENCHMARKS.md): with a
/// 40-character minimum, unrelated sources reported fall from 351 (scattered shared shingles
/// counted) to 2 (distinctive characters) and 0 (with the longest-passage condition, 25 chosen on
/// this corpus: its unrelated pairs' passages are at most 23 characters long), true sources found
/// 51 and 50 of 56. Used only for the rules' character minimum: copy ratios and passages are
/// unchanged.
enum DistinctiveCopy {
  /// A passage at least this long counts whatever else shares it.
  static let standaloneCharacters = 100
  /// A shorter passage's characters shared with this many sources (its own included) are common.
  static let commonSources = 3
  /// A pair needs one passage at least this long (about twice the aligner's 13-character minimum).
  static let minimumLongestPassage = 25

  /// Per character of a document (`length` characters), how many of the sources' passage lists
  /// cover it; each list counts once per character however its passages overlap.
  static func coverage(_ sources: [[Passage]], length: Int) -> [UInt16] {
    var delta = [Int32](repeating: 0, count: length + 1)
    for passages in sources {
      for (start, end) in merged(passages, length: length) {
        delta[start] += 1
        delta[end] -= 1
      }
    }
    var coverage = [UInt16](repeating: 0, count: length)
    var running: Int32 = 0
    for index in 0..<length {
      running += delta[index]
      coverage[index] = UInt16(clamping: running)
    }
    return coverage
  }

  /// Characters of `passages` that are evidence: all of a passage of `standaloneCharacters` or more,
  /// of a shorter one those covered by fewer than `commonSources` sources (`coverage`); none when
  /// no passage reaches `minimumLongestPassage`.
  static func characters(_ passages: [Passage], coverage: [UInt16]) -> Int {
    guard passages.contains(where: { $0.end - $0.start >= minimumLongestPassage }) else { return 0 }
    let length = coverage.count
    var counted = [Bool](repeating: false, count: length)
    for passage in passages {
      let start = max(0, min(passage.start, length))
      let end = max(start, min(passage.end, length))
      let standalone = passage.end - passage.start >= standaloneCharacters
      for index in start..<end where standalone || Int(coverage[index]) < commonSources {
        counted[index] = true
      }
    }
    return counted.reduce(0) { $0 + ($1 ? 1 : 0) }
  }

  /// The passages' ranges within `0..<length`, sorted and joined where they overlap or touch.
  private static func merged(_ passages: [Passage], length: Int) -> [(Int, Int)] {
    let ranges = passages.map { (max(0, min($0.start, length)), max(0, min($0.end, length))) }
      .filter { $0.0 < $0.1 }.sorted { $0 < $1 }
    var result: [(Int, Int)] = []
    for range in ranges {
      if let last = result.last, range.0 <= last.1 {
        result[result.count - 1].1 = max(last.1, range.1)
      } else {
        result.append(range)
      }
    }
    return result
  }
}

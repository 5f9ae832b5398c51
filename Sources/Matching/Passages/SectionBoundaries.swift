/// Section index of every token of one side, so passages never cross a section boundary (the
/// report states passages and ratios per section).
struct SectionBoundaries: Sendable {
  private let sectionOfToken: [Int32]

  /// `starts`: code-point offsets where sections start; tokens get the index of the last section
  /// start at or before their own start.
  init(sectionStarts starts: [Int], tokenStarts: [Int32]) {
    let sorted = Array(Set(starts)).sorted()
    var result = [Int32](repeating: 0, count: tokenStarts.count)
    var next = 0
    var current: Int32 = 0
    for (index, start) in tokenStarts.enumerated() {
      while next < sorted.count, sorted[next] <= Int(start) {
        next += 1
        current += 1
      }
      result[index] = current
    }
    sectionOfToken = result
  }

  var isTrivial: Bool { sectionOfToken.first == sectionOfToken.last }

  func section(ofToken index: Int) -> Int32 { sectionOfToken[index] }
}

/// Finds the passages a planted copy took over verbatim: runs of identical body paragraphs that
/// are consecutive in both documents (form, headings, instructions and tables are not passages).
enum PassageFinder {
  static let minimumCharacters = 15

  static func passages(source: ExtractedTextModel, derived: ExtractedTextModel) -> [GroundTruth.Passage] {
    func isCandidate(_ line: LaidOutLine) -> Bool {
      line.role == .body && line.inTable == nil && line.text.unicodeScalars.count >= minimumCharacters
    }
    var positions: [String: [Int]] = [:]
    for (index, line) in source.lines.enumerated() where isCandidate(line) {
      positions[line.text, default: []].append(index)
    }
    var result: [GroundTruth.Passage] = []
    var index = 0
    while index < derived.lines.count {
      let line = derived.lines[index]
      guard isCandidate(line), let starts = positions[line.text], let sourceIndex = starts.first else {
        index += 1
        continue
      }
      var end = index
      var sourceEnd = sourceIndex
      while end + 1 < derived.lines.count, sourceEnd + 1 < source.lines.count,
        isCandidate(derived.lines[end + 1]), derived.lines[end + 1].text == source.lines[sourceEnd + 1].text
      {
        end += 1
        sourceEnd += 1
      }
      let start = derived.lines[index].start
      let stop = derived.lines[end].end
      result.append(
        GroundTruth.Passage(
          start: start, end: stop, sourceStart: source.lines[sourceIndex].start,
          sourceEnd: source.lines[sourceEnd].end, chars: stop - start, section: line.section,
          sourceSection: source.lines[sourceIndex].section))
      index = end + 1
    }
    return result
  }
}

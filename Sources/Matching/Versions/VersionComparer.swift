import ChachongModel
import Fingerprints

/// Compares a paper and an online version of one application. Pure.
///
/// Texts are compared as normalised tokens (`NormalizedText`: whitespace, punctuation, width and
/// case differences are not differences), first line by line, then token by token inside each
/// changed block (Myers' diff), and mapped back to offsets in both original texts.
package struct VersionComparer: Sendable {
  /// Equal runs of at most this many tokens between two edits are folded into one `changed`
  /// difference (a rewritten sentence shares stray characters such as 的 with the original).
  package var foldedEqualTokens: Int
  /// Bound on insertions plus deletions for the token diff of one block; beyond it the block is
  /// reported as one `changed` difference.
  package var maximumEdits: Int

  package init(foldedEqualTokens: Int = 2, maximumEdits: Int = 2_000) {
    self.foldedEqualTokens = foldedEqualTokens
    self.maximumEdits = maximumEdits
  }

  package func compare(_ a: VersionDocument, _ b: VersionDocument) -> VersionComparison {
    let a = b.hasFormFields ? a : a.body
    let b = a.hasFormFields ? b : b.body
    var fields = fieldDifferences(a.fields, b.fields)
    if !a.hasFormFields || !b.hasFormFields {
      fields.removeAll { $0.kind == .fieldOnlyInA || $0.kind == .fieldOnlyInB }
    }
    let text = textDifferences(a, b)
    guard a.isOCR || b.isOCR else {
      let differences = fields + text
      return VersionComparison(identical: differences.isEmpty, differences: differences)
    }
    let tolerance = OCRTolerance(aIsOCR: a.isOCR, bIsOCR: b.isOCR)
    let noise = text.filter(tolerance.isNoise)
    let differences = fields + text.filter { !tolerance.isNoise($0) }
    return VersionComparison(identical: differences.isEmpty, differences: differences, ocrNoise: noise)
  }

  // MARK: Fields

  private func fieldDifferences(_ a: [VersionField], _ b: [VersionField]) -> [VersionDifference] {
    let keyedA = keyed(a)
    let keyedB = keyed(b)
    let valuesB = Dictionary(keyedB.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    let keysA = Set(keyedA.map(\.key))
    var result: [VersionDifference] = []
    for (key, field) in keyedA {
      guard let other = valuesB[key] else {
        result.append(VersionDifference(kind: .fieldOnlyInA, field: field.name, valueA: field.value))
        continue
      }
      if Self.canonical(field.value) != Self.canonical(other.value) {
        result.append(
          VersionDifference(kind: .fieldChanged, field: field.name, valueA: field.value, valueB: other.value))
      }
    }
    for (key, field) in keyedB where !keysA.contains(key) {
      result.append(VersionDifference(kind: .fieldOnlyInB, field: field.name, valueB: field.value))
    }
    return result
  }

  /// Fields keyed by name and occurrence (a repeated name is matched in order).
  private func keyed(_ fields: [VersionField]) -> [(key: String, value: VersionField)] {
    var seen: [String: Int] = [:]
    return fields.map { field in
      let occurrence = seen[field.name, default: 0]
      seen[field.name] = occurrence + 1
      return (key: field.name + "#\(occurrence)", value: field)
    }
  }

  /// Values compare with surrounding whitespace removed and inner whitespace collapsed.
  static func canonical(_ value: String) -> String {
    value.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  // MARK: Text

  private struct Side {
    let text: NormalizedText
    let scalars: [Unicode.Scalar]
    let sections: [TextSection]
    /// Token index ranges of the lines of the text (lines without tokens are left out).
    let lines: [Range<Int>]
    let lineKeys: [UInt64]

    init(_ document: VersionDocument) {
      text = NormalizedText(normalizing: document.text)
      scalars = Array(document.text.unicodeScalars)
      sections = document.sections
      // Tokens grouped by the line ("\n"-separated) their first character is on.
      var newlines: [Int] = []
      for (offset, scalar) in scalars.enumerated() where scalar == "\n" { newlines.append(offset) }
      var lines: [Range<Int>] = []
      var newline = 0
      var lineStart = 0
      var currentLine = -1
      for token in 0..<text.count {
        let start = Int(text.starts[token])
        while newline < newlines.count, newlines[newline] < start { newline += 1 }
        if newline != currentLine {
          if token > lineStart { lines.append(lineStart..<token) }
          lineStart = token
          currentLine = newline
        }
      }
      if text.count > lineStart { lines.append(lineStart..<text.count) }
      self.lines = lines
      let tokens = text.tokens
      lineKeys = lines.map { range in
        var key: UInt64 = 0x6C69_6E65
        for index in range { key = StableHash.mix64(key ^ tokens[index]) }
        return key
      }
    }

    func slice(_ start: Int, _ end: Int) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[max(0, start)..<min(max(start, end), scalars.count)])
      return String(view)
    }

    /// Offsets of tokens `range`; an empty range sits just after the token before it.
    func offsets(_ range: Range<Int>) -> (Int, Int) {
      if range.isEmpty {
        let position = range.lowerBound > 0 ? Int(text.ends[range.lowerBound - 1]) : 0
        return (position, position)
      }
      return (Int(text.starts[range.lowerBound]), Int(text.ends[range.upperBound - 1]))
    }
  }

  /// A token-level edit: `a` tokens replaced by `b` tokens (either may be empty).
  private struct Edit {
    var a: Range<Int>
    var b: Range<Int>
  }

  private func textDifferences(_ documentA: VersionDocument, _ documentB: VersionDocument)
    -> [VersionDifference]
  {
    let a = Side(documentA)
    let b = Side(documentB)
    if a.text.tokens == b.text.tokens { return [] }
    var edits: [Edit] = []
    let lineDiff = MyersDiff(maximumEdits: Int(Int32.max)).diff(a.lineKeys, b.lineKeys) ?? []
    var lineA = 0
    var lineB = 0
    var blockA = 0
    var blockB = 0
    func flush() {
      if lineA > blockA || lineB > blockB {
        let tokensA = tokenRange(a, lines: blockA..<lineA)
        let tokensB = tokenRange(b, lines: blockB..<lineB)
        edits.append(contentsOf: tokenEdits(a, b, tokensA, tokensB))
      }
    }
    for operation in lineDiff {
      switch operation {
      case .equal(_, _, let count):
        flush()
        lineA += count
        lineB += count
        blockA = lineA
        blockB = lineB
      case .delete(_, let count): lineA += count
      case .insert(_, let count): lineB += count
      }
    }
    flush()
    return fold(edits).map { describe($0, a, b) }
  }

  /// Token range of `lines` in a side; for no lines, the empty range where the next line starts.
  private func tokenRange(_ side: Side, lines: Range<Int>) -> Range<Int> {
    if !lines.isEmpty {
      return side.lines[lines.lowerBound].lowerBound..<side.lines[lines.upperBound - 1].upperBound
    }
    let position =
      lines.lowerBound < side.lines.count ? side.lines[lines.lowerBound].lowerBound : side.text.count
    return position..<position
  }

  private func tokenEdits(_ a: Side, _ b: Side, _ rangeA: Range<Int>, _ rangeB: Range<Int>) -> [Edit] {
    var rangeA = rangeA
    var rangeB = rangeB
    // Common prefix and suffix first: the Myers bound then applies to the changed middle only.
    while !rangeA.isEmpty, !rangeB.isEmpty,
      a.text.tokens[rangeA.lowerBound] == b.text.tokens[rangeB.lowerBound]
    {
      rangeA = (rangeA.lowerBound + 1)..<rangeA.upperBound
      rangeB = (rangeB.lowerBound + 1)..<rangeB.upperBound
    }
    while !rangeA.isEmpty, !rangeB.isEmpty,
      a.text.tokens[rangeA.upperBound - 1] == b.text.tokens[rangeB.upperBound - 1]
    {
      rangeA = rangeA.lowerBound..<(rangeA.upperBound - 1)
      rangeB = rangeB.lowerBound..<(rangeB.upperBound - 1)
    }
    if rangeA.isEmpty && rangeB.isEmpty { return [] }
    if rangeA.isEmpty || rangeB.isEmpty { return [Edit(a: rangeA, b: rangeB)] }
    let tokensA = Array(a.text.tokens[rangeA])
    let tokensB = Array(b.text.tokens[rangeB])
    guard let operations = MyersDiff(maximumEdits: maximumEdits).diff(tokensA, tokensB) else {
      return [Edit(a: rangeA, b: rangeB)]
    }
    var edits: [Edit] = []
    var positionA = rangeA.lowerBound
    var positionB = rangeB.lowerBound
    var pending: Edit?
    for operation in operations {
      switch operation {
      case .equal(_, _, let count):
        if let edit = pending { edits.append(edit) }
        pending = nil
        positionA += count
        positionB += count
      case .delete(_, let count):
        var edit = pending ?? Edit(a: positionA..<positionA, b: positionB..<positionB)
        edit.a = edit.a.lowerBound..<(positionA + count)
        pending = edit
        positionA += count
      case .insert(_, let count):
        var edit = pending ?? Edit(a: positionA..<positionA, b: positionB..<positionB)
        edit.b = edit.b.lowerBound..<(positionB + count)
        pending = edit
        positionB += count
      }
    }
    if let edit = pending { edits.append(edit) }
    return edits
  }

  /// Joins edits separated by at most `foldedEqualTokens` equal tokens on both sides.
  private func fold(_ edits: [Edit]) -> [Edit] {
    guard var current = edits.first else { return [] }
    var result: [Edit] = []
    for edit in edits.dropFirst() {
      let gapA = edit.a.lowerBound - current.a.upperBound
      let gapB = edit.b.lowerBound - current.b.upperBound
      if gapA >= 0, gapB >= 0, gapA <= foldedEqualTokens, gapB <= foldedEqualTokens, gapA == gapB {
        current = Edit(
          a: current.a.lowerBound..<edit.a.upperBound, b: current.b.lowerBound..<edit.b.upperBound)
      } else {
        result.append(current)
        current = edit
      }
    }
    result.append(current)
    return result
  }

  private func describe(_ edit: Edit, _ a: Side, _ b: Side) -> VersionDifference {
    let (aStart, aEnd) = a.offsets(edit.a)
    let (bStart, bEnd) = b.offsets(edit.b)
    let kind: VersionDifference.Kind =
      edit.a.isEmpty ? .inserted : edit.b.isEmpty ? .deleted : .changed
    return VersionDifference(
      kind: kind, aStart: aStart, aEnd: aEnd, bStart: bStart, bEnd: bEnd,
      sectionA: TextSection.title(at: aStart, in: a.sections),
      sectionB: TextSection.title(at: bStart, in: b.sections),
      textA: edit.a.isEmpty ? nil : a.slice(aStart, aEnd), textB: edit.b.isEmpty ? nil : b.slice(bStart, bEnd)
    )
  }
}

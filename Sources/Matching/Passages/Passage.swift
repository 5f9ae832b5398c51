/// One stretch of text that a query (application) shares with a source document.
///
/// Offsets are Unicode scalar offsets into each document's extracted text, half-open:
/// `start..<end` in the query, `sourceStart..<sourceEnd` in the source. They start at the first
/// character of the first shared token and end after the last character of the last shared token,
/// so they point at the original words, not at normalised positions.
package struct Passage: Sendable, Codable, Equatable, Hashable {
  package var start: Int
  package var end: Int
  package var sourceStart: Int
  package var sourceEnd: Int
  /// Length of the passage in the query's extracted text (`end - start`).
  package var chars: Int
  /// How it matched, once classified (`PassageClassifier`); nil from the exact aligner.
  package var kind: PassageKind?

  package init(start: Int, end: Int, sourceStart: Int, sourceEnd: Int) {
    self.start = start
    self.end = end
    self.sourceStart = sourceStart
    self.sourceEnd = sourceEnd
    self.chars = end - start
  }

  package init(start: Int, end: Int, sourceStart: Int, sourceEnd: Int, chars: Int, kind: PassageKind? = nil) {
    self.kind = kind
    self.start = start
    self.end = end
    self.sourceStart = sourceStart
    self.sourceEnd = sourceEnd
    self.chars = chars
  }

  /// Length of the passage in the source's extracted text.
  package var sourceChars: Int { sourceEnd - sourceStart }
}

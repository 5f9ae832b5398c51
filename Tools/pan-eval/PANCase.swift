/// A plagiarism case (ground truth) or a detection, in PAN's terms: a character range of the
/// suspicious document aligned with a character range of a source document.
struct PANCase: Sendable, Equatable {
  var suspicious: String
  var source: String
  var thisOffset: Int
  var thisLength: Int
  var sourceOffset: Int
  var sourceLength: Int
  var obfuscation: String

  var thisEnd: Int { thisOffset + thisLength }
  var sourceEnd: Int { sourceOffset + sourceLength }

  /// PAN's "r detects s": same document pair, overlapping on both sides.
  func overlaps(_ other: PANCase) -> Bool {
    suspicious == other.suspicious && source == other.source
      && thisOffset < other.thisEnd && other.thisOffset < thisEnd
      && sourceOffset < other.sourceEnd && other.sourceOffset < sourceEnd
  }
}

import Fingerprints

/// Which text differences between a typed version and a version read by OCR are recognition
/// errors rather than changes (docs/pdf-ocr.md, where it is measured).
///
/// The versions are aligned on normalised tokens (one token per Han character, one per run of
/// Latin letters or digits; whitespace, punctuation and width never differ), so what is left are
/// edits. An edit is OCR noise when all of these hold:
/// - no digit on either side: a changed figure (budget, date, count) is always a difference;
/// - it is small: a substitution of at most ``maximumSubstitutedTokens`` tokens on each side (a
///   character read as a similar one: 孪/挛, 秒/种, 关/天), text only the OCR side has of at most
///   ``maximumOCROnlyTokens`` tokens (specks and table rules read as characters), or text the OCR
///   side lacks of at most ``maximumMissedTokens`` tokens (a bold heading or a word the
///   recogniser dropped).
/// Anything larger, an inserted or deleted clause, a rewritten phrase, stays a difference.
/// Noise is not hidden: ``VersionComparison/ocrNoise`` lists it.
package struct OCRTolerance: Sendable {
  package var aIsOCR: Bool
  package var bIsOCR: Bool
  package static let maximumSubstitutedTokens = 2
  package static let maximumOCROnlyTokens = 3
  package static let maximumMissedTokens = 6

  package init(aIsOCR: Bool, bIsOCR: Bool) {
    self.aIsOCR = aIsOCR
    self.bIsOCR = bIsOCR
  }

  package func isNoise(_ difference: VersionDifference) -> Bool {
    let textA = difference.textA ?? ""
    let textB = difference.textB ?? ""
    guard difference.field == nil, !Self.hasDigit(textA), !Self.hasDigit(textB) else { return false }
    let tokensA = NormalizedText(normalizing: textA).count
    let tokensB = NormalizedText(normalizing: textB).count
    switch difference.kind {
    case .changed:
      return tokensA <= Self.maximumSubstitutedTokens && tokensB <= Self.maximumSubstitutedTokens
    case .inserted:
      // Text only B has: noise if B is the OCR side and it is a speck; if A is OCR, A missed it.
      return (bIsOCR && tokensB <= Self.maximumOCROnlyTokens)
        || (aIsOCR && tokensB <= Self.maximumMissedTokens)
    case .deleted:
      return (aIsOCR && tokensA <= Self.maximumOCROnlyTokens)
        || (bIsOCR && tokensA <= Self.maximumMissedTokens)
    case .fieldChanged, .fieldOnlyInA, .fieldOnlyInB:
      return false
    }
  }

  /// ASCII, full-width and other decimal digits.
  static func hasDigit(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.properties.numericType == .decimal }
  }
}

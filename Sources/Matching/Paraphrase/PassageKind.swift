/// How a passage matched its source, as a reviewer reads it (Copyleaks' identical / minorChanges /
/// relatedMeaning).
package enum PassageKind: String, Sendable, Codable, Equatable, Hashable, CaseIterable {
  /// The same tokens in the same order on both sides (after normalisation: punctuation, spaces,
  /// width and case do not count).
  case identical
  /// Mostly the same wording: at least `PassageClassifier.minorChangesCoverage` of the tokens of
  /// each side lie in runs shared with the other side (a few characters or words changed, inserted
  /// or dropped).
  case minorChanges
  /// Found by sentence similarity though the wording differs: synonyms swapped, clauses or
  /// sentences reordered, sentences split or merged ('降重' rewriting).
  case rewritten
}

/// A passage with how it matched and how similar its two sides are.
package struct AlignedPassage: Sendable, Codable, Equatable, Hashable {
  /// Offsets into both extracted texts, the same convention as `PassageAligner`'s passages.
  package var passage: Passage
  package var kind: PassageKind
  /// Cosine similarity of the two sides' tf-isf vectors (character bigrams and words), 0…1.
  package var similarity: Double

  package init(passage: Passage, kind: PassageKind, similarity: Double) {
    self.passage = passage
    self.kind = kind
    self.similarity = similarity
  }
}

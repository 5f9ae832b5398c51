/// When a shingle is common text: present in more than `maximumShare` of the indexed documents,
/// in at least `minimumFrequency` of them, once at least `minimumDocuments` are indexed (with a few
/// documents every shared shingle would look common, the copied ones included).
package struct CommonTextPolicy: Sendable, Codable, Equatable {
  package var maximumShare: Double
  package var minimumFrequency: Int
  package var minimumDocuments: Int

  package init(maximumShare: Double, minimumFrequency: Int = 3, minimumDocuments: Int = 10) {
    self.maximumShare = maximumShare
    self.minimumFrequency = minimumFrequency
    self.minimumDocuments = minimumDocuments
  }

  /// A shingle in more than 10 % of at least 10 documents (and in 3 or more) is common.
  package static let standard = CommonTextPolicy(maximumShare: 0.1)

  /// Whether a shingle found in `frequency` of `documentCount` documents is common text.
  package func isCommon(frequency: Int, documentCount: Int) -> Bool {
    guard documentCount >= minimumDocuments, frequency >= minimumFrequency else { return false }
    return Double(frequency) > maximumShare * Double(documentCount)
  }
}

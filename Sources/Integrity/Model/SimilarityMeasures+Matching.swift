import ChachongModel
import Matching

extension SimilarityMeasures {
  /// The rules' view of the verifier's scores.
  package init(_ scores: SimilarityScores) {
    self.init(
      jaccard: scores.jaccard, queryContainment: scores.queryContainment,
      matchContainment: scores.matchContainment,
      sharedCharacters: scores.sharedCharacters)
  }
}

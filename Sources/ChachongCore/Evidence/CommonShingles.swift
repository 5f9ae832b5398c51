import ArchiveStore
import ChachongModel
import Matching

/// `--common-share X` (check, query): shingles in more than that share of the indexed documents
/// are common text (MOSS's `-m` limit) and left out of scores, passages and ratios. Counted by
/// the index over its stored texts (`DocumentIndex.frequentShingles`, cached until the index
/// changes). Below `CommonTextPolicy.standard.minimumDocuments` indexed documents nothing is
/// common: with a handful of documents a copied pair would look like boilerplate.
package enum CommonShingles {
  package static func read(store: any ArchiveReading, share: Double?) async throws(IndexError) -> Set<UInt64>
  {
    guard let share, share > 0, share < 1 else { return [] }
    let policy = CommonTextPolicy(maximumShare: share)
    guard try await store.documentCount() >= policy.minimumDocuments else { return [] }
    return try await store.frequentShingles(minimumDocumentShare: share)
  }
}

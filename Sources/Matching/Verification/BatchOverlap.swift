import ChachongModel

/// How many distinct shingles every two documents of one batch share, counted for the whole batch
/// at once from an inverted list of its shingles, so that a check's search within the batch
/// verifies only the candidates that can meet a threshold.
///
/// Why: a batch written from one call shares much ordinary language (its winnowed fingerprints
/// make about a hundred candidates of each application in a batch of 400, and one or two of them
/// meet the loosest threshold). Verifying a candidate reads both texts' shingles; the shared count
/// here costs, per shingle, the number of other documents holding it, and it is the verification's
/// own `sharedShingles` (distinct shingles of both, none in the exclusions). Jaccard and both
/// containments follow from it exactly, and the shared characters are at most all of them, so a
/// pair that fails a threshold with ``upperScores(of:and:shared:)`` fails it verified: leaving it
/// out changes no result.
package struct BatchOverlap: Sendable {
  /// Per document: its distinct shingles not excluded (a verification's `queryShingles` and
  /// `matchShingles`).
  package let distinctCounts: [Int]
  /// Shingles held by at least two documents, as groups of document indexes (ascending):
  /// group g is `members[groupStarts[g]..<groupStarts[g + 1]]`.
  let groupStarts: [Int]
  let members: [Int32]
  /// Per document, the groups it is in: `documentGroups[documentStarts[d]..<documentStarts[d + 1]]`.
  let documentStarts: [Int]
  let documentGroups: [Int32]

  /// `documents[d]` are document d's shingle hashes (repeats allowed); `exclusion` the check's
  /// excluded shingles (the same table every verification of the check probes).
  ///
  /// `maximumGroupSize`: a shingle held by more documents is left out of the shared counts (not
  /// of `distinctCounts`). The default keeps every shingle, which `upperScores` needs to be an
  /// upper bound; a cap suits counts of keys that are evidence only while rare (the paraphrase
  /// channel's skeleton keys, where a key in many documents is the genre's).
  package init(
    documents: [[UInt64]], exclusion: Verifier.ExclusionTable, maximumGroupSize: Int = .max
  ) {
    self.init(
      shingles: BatchShingles(documents: documents), exclusion: exclusion, maximumGroupSize: maximumGroupSize)
  }

  /// The same from the batch's inverted list (built once for the check).
  package init(shingles: BatchShingles, exclusion: Verifier.ExclusionTable, maximumGroupSize: Int = .max) {
    let documentCount = shingles.count
    var distinctCounts = [Int](repeating: 0, count: documentCount)
    var groupStarts: [Int] = [0]
    var members: [Int32] = []
    var membership = [Int](repeating: 0, count: documentCount + 1)
    exclusion.keys.withUnsafeBufferPointer { keys in
      exclusion.filter.words.withUnsafeBufferPointer { filter in
        shingles.forEachShingle { hash, owners in
          guard exclusion.isEmpty || !exclusion.contains(hash, keys: keys, filter: filter) else { return }
          for owner in owners { distinctCounts[Int(owner)] += 1 }
          guard owners.count >= 2 && owners.count <= maximumGroupSize else { return }
          for owner in owners { membership[Int(owner) + 1] += 1 }
          members.append(contentsOf: owners)
          groupStarts.append(members.count)
        }
      }
    }
    for document in 0..<documentCount { membership[document + 1] += membership[document] }
    var documentGroups = [Int32](repeating: 0, count: members.count)
    var filled = membership
    for group in 0..<(groupStarts.count - 1) {
      for position in groupStarts[group]..<groupStarts[group + 1] {
        let document = Int(members[position])
        documentGroups[filled[document]] = Int32(group)
        filled[document] += 1
      }
    }
    self.distinctCounts = distinctCounts
    self.groupStarts = groupStarts
    self.members = members
    documentStarts = membership
    self.documentGroups = documentGroups
  }

  package var count: Int { distinctCounts.count }

  /// `shared[d]` for every document d after `document` (indexes `document + 1 ..< count`): the
  /// distinct shingles both hold; 0 for `document` and those before it.
  package func sharedWithLater(_ document: Int) -> [Int32] {
    var shared = [Int32](repeating: 0, count: count)
    guard document >= 0, document < count else { return shared }
    shared.withUnsafeMutableBufferPointer { shared in
      members.withUnsafeBufferPointer { members in
        for slot in documentStarts[document]..<documentStarts[document + 1] {
          let group = Int(documentGroups[slot])
          // Members ascend: walk down from the last one while they come after `document`.
          var position = groupStarts[group + 1] - 1
          let first = groupStarts[group]
          while position >= first {
            let other = Int(members[position])
            if other <= document { break }
            shared[other] += 1
            position -= 1
          }
        }
      }
    }
    return shared
  }

  /// The scores the verification of `query` against `match` (document indexes) has when they
  /// share `shared` distinct shingles, except for the shared characters, given at their upper
  /// bound (`Int.max`): a threshold these scores fail, the verified pair fails too.
  package func upperScores(of query: Int, and match: Int, shared: Int) -> SimilarityScores {
    Verifier.makeScores(
      shared: shared, queryCount: distinctCounts[query], matchCount: distinctCounts[match],
      sharedCharacters: .max)
  }
}

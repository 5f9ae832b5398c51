/// Every shingle of a batch with the documents that hold it: the batch's inverted list, made by
/// one sort of all its (shingle, document) pairs. Built once per check and read by the batch's
/// common text (`BatchCommonText`, before the exclusions are known) and by ``BatchOverlap``
/// (after), so the batch's millions of shingles are sorted once.
package struct BatchShingles: Sendable {
  /// The number of documents.
  package let count: Int
  /// Ascending; each shingle once per document that holds it.
  let hashes: [UInt64]
  /// `owners[i]` holds `hashes[i]`; ascending among equal hashes, no repeats.
  let owners: [Int32]

  /// `documents[d]` are document d's shingle hashes (any order, repeats allowed).
  package init(documents: [[UInt64]]) {
    count = documents.count
    var hashes: [UInt64] = []
    var owners: [Int32] = []
    hashes.reserveCapacity(documents.reduce(0) { $0 + $1.count })
    owners.reserveCapacity(hashes.capacity)
    for (index, document) in documents.enumerated() {
      hashes += document
      owners += repeatElement(Int32(index), count: document.count)
    }
    // Stable by hash: each hash's owners stay in document order, a document's repeats of one
    // shingle next to each other, dropped below.
    RadixSort.sort(&hashes, carrying: &owners)
    var kept = 0
    hashes.withUnsafeMutableBufferPointer { hashes in
      owners.withUnsafeMutableBufferPointer { owners in
        for position in hashes.indices {
          if kept > 0, hashes[kept - 1] == hashes[position], owners[kept - 1] == owners[position] { continue }
          hashes[kept] = hashes[position]
          owners[kept] = owners[position]
          kept += 1
        }
      }
    }
    hashes.removeLast(hashes.count - kept)
    owners.removeLast(owners.count - kept)
    self.hashes = hashes
    self.owners = owners
  }

  /// Calls `body` for each distinct shingle, in ascending order, with the documents holding it
  /// (ascending, each once).
  package func forEachShingle(_ body: (UInt64, UnsafeBufferPointer<Int32>) -> Void) {
    hashes.withUnsafeBufferPointer { hashes in
      owners.withUnsafeBufferPointer { owners in
        var start = 0
        while start < hashes.count {
          var end = start + 1
          while end < hashes.count && hashes[end] == hashes[start] { end += 1 }
          body(hashes[start], UnsafeBufferPointer(rebasing: owners[start..<end]))
          start = end
        }
      }
    }
  }
}

import ChachongModel
import Digest
import Fingerprints
import Foundation
import Synchronization

/// An archive store in memory: the same contract as the persistent stores (the store contract
/// suite runs on it), used by tests and by a check for its own batch, so that the batch is
/// searched exactly like the archive is.
package final class MemoryArchive: ArchiveWriting {
  struct Stored {
    var document: StorableDocument
    var text: String
  }

  struct State {
    var nextKey: StoredDocumentKey = 1
    var byKey: [StoredDocumentKey: Stored] = [:]
    var keyByID: [String: StoredDocumentKey] = [:]
    var bands: [UInt64: [StoredDocumentKey]] = [:]
    var sections: [UInt64: [StoredDocumentKey]] = [:]
    var fingerprints: [UInt64: [StoredDocumentKey]] = [:]
    var templates: [String: (text: String, shingles: [UInt64])] = [:]

    mutating func remove(id: String) -> Bool {
      guard let key = keyByID.removeValue(forKey: id), let stored = byKey.removeValue(forKey: key) else {
        return false
      }
      func drop(_ keys: [UInt64], from table: inout [UInt64: [StoredDocumentKey]]) {
        for bucket in Set(keys) {
          table[bucket]?.removeAll { $0 == key }
          if table[bucket]?.isEmpty == true { table[bucket] = nil }
        }
      }
      drop(stored.document.bandKeys, from: &bands)
      drop(stored.document.sectionKeys, from: &sections)
      drop(stored.document.fingerprints, from: &fingerprints)
      return true
    }
  }

  package let parameters: IndexParameters
  package let location: String
  private let leadKey: [UInt8]
  private let state = Mutex(State())

  /// - Parameter leadKey: the key of ID-number hashes; a check's batch shares the archive's key
  ///   so that batch and archive records compare.
  package init(parameters: IndexParameters = .standard, location: String = "memory", leadKey: [UInt8]? = nil)
  {
    self.parameters = parameters
    self.location = location
    if let leadKey {
      self.leadKey = leadKey
    } else {
      var generator = SystemRandomNumberGenerator()
      self.leadKey = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
  }

  package func leadIDKey(of idNumber: String) -> String {
    IdentityKey.keyed(idNumber) { HMACSHA256.hexAuthenticationCode(key: leadKey, message: $0) }
  }

  package func preparer() -> DocumentPreparer {
    DocumentPreparer(parameters: parameters, location: location)
  }

  package func postings(_ request: PostingRequest) async throws(IndexError) -> PostingLists {
    state.withLock { state in
      func members(_ keys: [UInt64], _ table: [UInt64: [StoredDocumentKey]], limit: Int?)
        -> [[StoredDocumentKey]]
      {
        keys.map { key in
          let list = table[key] ?? []
          guard let limit else { return list }
          return Array(list.prefix(limit + 1))
        }
      }
      return PostingLists(
        bands: members(request.bandKeys, state.bands, limit: nil),
        sections: members(request.sectionKeys, state.sections, limit: request.sectionLimit),
        fingerprints: members(request.fingerprints, state.fingerprints, limit: request.postingLimit))
    }
  }

  package func summaries(of keys: [StoredDocumentKey]) async throws(IndexError) -> [CandidateSummary] {
    state.withLock { state in
      keys.compactMap { key in
        state.byKey[key].map {
          CandidateSummary(key: key, id: $0.document.metadata.id, signature: $0.document.signature)
        }
      }
    }
  }

  package func records(_ filter: DocumentFilter) async throws(IndexError) -> [DocumentRecord] {
    let wanted = filter.ids.map(Set.init)
    return state.withLock { state in
      state.byKey.values.map(\.document.metadata).filter { record in
        (wanted?.contains(record.id) ?? true) && (filter.program.map { $0 == record.program } ?? true)
          && (filter.year.map { $0 == record.year } ?? true)
          && (filter.status.map { $0 == record.status } ?? true)
      }.sorted { $0.id < $1.id }
    }
  }

  package func texts(ids: [String]) async throws(IndexError) -> [String: String] {
    state.withLock { state in
      var texts: [String: String] = [:]
      for id in ids {
        if let key = state.keyByID[id], let stored = state.byKey[key] { texts[id] = stored.text }
      }
      return texts
    }
  }

  package func templates() async throws(IndexError) -> [IndexTemplate] {
    state.withLock { state in
      state.templates.map { IndexTemplate(id: $0.key, text: $0.value.text) }.sorted { $0.id < $1.id }
    }
  }

  package func templateShingles() async throws(IndexError) -> Set<UInt64> {
    state.withLock { state in Set(state.templates.values.flatMap(\.shingles)) }
  }

  package func frequentShingles(minimumDocumentShare: Double) async throws(IndexError) -> Set<UInt64> {
    let texts = state.withLock { state in state.byKey.values.map(\.text) }
    let fingerprint = parameters.fingerprint
    var counts: [UInt64: Int] = [:]
    for text in texts {
      let hashes = Set(
        Shingler.shingleHashes(
          of: NormalizedText(normalizing: text), k: fingerprint.shingleSize, seed: fingerprint.seed))
      for hash in hashes { counts[hash, default: 0] += 1 }
    }
    let cutoff = minimumDocumentShare * Double(texts.count)
    return Set(counts.filter { Double($0.value) > cutoff }.keys)
  }

  package func stats() async throws(IndexError) -> IndexStats {
    let parameters = parameters
    return state.withLock { state in
      let records = state.byKey.values.map(\.document.metadata)
      func groups(_ value: (DocumentRecord) -> String) -> [String: Int] {
        Dictionary(grouping: records, by: value).mapValues(\.count)
      }
      return IndexStats(
        documents: records.count, byProgram: groups { $0.program ?? "" },
        byYear: groups { $0.year.map(String.init) ?? "" }, byStatus: groups { $0.status ?? "" },
        parameters: parameters, schemaVersion: 0,
        lshBucketRows: state.bands.values.reduce(0) { $0 + $1.count },
        sectionBucketRows: state.sections.values.reduce(0) { $0 + $1.count },
        fingerprintPostingRows: state.fingerprints.values.reduce(0) { $0 + $1.count },
        templates: state.templates.count,
        storedTextBytes: state.byKey.values.reduce(0) { $0 + $1.document.compressedText.count },
        characters: records.reduce(0) { $0 + $1.characterCount }, fileBytes: 0)
    }
  }

  package func upsert(_ documents: [StorableDocument]) async throws(IndexError) {
    var decoded: [(StorableDocument, String)] = []
    var lastIndex: [String: Int] = [:]
    for (index, document) in documents.enumerated() { lastIndex[document.id] = index }
    for (index, document) in documents.enumerated() where lastIndex[document.id] == index {
      if let text = document.plainText {
        decoded.append((document, text))
        continue
      }
      guard let bytes = StoredText.decode(document.compressedText) else {
        throw IndexError(path: location, reason: .undecodableText(id: document.id))
      }
      decoded.append((document, String(decoding: bytes, as: UTF8.self)))
    }
    state.withLock { state in
      for (document, text) in decoded {
        _ = state.remove(id: document.id)
        let key = state.nextKey
        state.nextKey += 1
        state.byKey[key] = Stored(document: document, text: text)
        state.keyByID[document.id] = key
        for bucket in Set(document.bandKeys) { state.bands[bucket, default: []].append(key) }
        for bucket in Set(document.sectionKeys) { state.sections[bucket, default: []].append(key) }
        for hash in Set(document.fingerprints) { state.fingerprints[hash, default: []].append(key) }
      }
    }
  }

  package func remove(ids: [String]) async throws(IndexError) -> [String] {
    state.withLock { state in ids.filter { state.remove(id: $0) }.sorted() }
  }

  package func addTemplate(id: String, text: String) async throws(IndexError) {
    let fingerprint = parameters.fingerprint
    let shingles = Set(
      Shingler.shingleHashes(
        of: NormalizedText(normalizing: text), k: fingerprint.shingleSize, seed: fingerprint.seed)
    ).sorted()
    state.withLock { state in state.templates[id] = (text, shingles) }
  }

  package func beginBulkLoad() async throws(IndexError) -> any BulkLoadSession {
    ImmediateBulkLoad(store: self)
  }
}

/// A bulk load that writes every batch as it comes: for stores where deferring postings gains
/// nothing (memory).
package struct ImmediateBulkLoad<Store: ArchiveWriting>: BulkLoadSession {
  package let store: Store

  package init(store: Store) {
    self.store = store
  }

  package func add(_ documents: [StorableDocument]) async throws(IndexError) {
    try await store.upsert(documents)
  }

  package func finish() async throws(IndexError) {}
}

import ArchiveStore
import Fingerprints
import Matching
import Synchronization

/// The normalised texts and shingles of the documents one check compares, each computed once:
/// the batch's come from its fingerprints, an archived document's are made the first time it is
/// a candidate and reused by every later pair and by the evidence passages.
final class PreparedTexts: Sendable {
  struct Entry: Sendable {
    var normalized: NormalizedText
    var shingles: [UInt64]
    /// Distinct shingles not in `excluding` (the document's side of every verification).
    var distinctShingles: Int
  }

  let parameters: FingerprintParameters
  /// The check's excluded shingles (templates, common text).
  let excluding: Set<UInt64>
  /// `excluding` as the table every verification of the check probes, built once.
  let exclusion: Verifier.ExclusionTable
  private let entries: Mutex<[String: Entry]>

  /// `distinctCounts[i]`, when given, is batch document i's number of distinct shingles not in
  /// `excluding` (``BatchOverlap/distinctCounts`` has them already); otherwise they are counted.
  init(
    batch: [PreparedDocument], parameters: FingerprintParameters, excluding: Set<UInt64>,
    exclusion: Verifier.ExclusionTable? = nil, distinctCounts: [Int]? = nil
  ) {
    self.parameters = parameters
    self.excluding = excluding
    self.exclusion = exclusion ?? Verifier.ExclusionTable(excluding)
    let counts = distinctCounts.flatMap { $0.count == batch.count ? $0 : nil }
    var entries: [String: Entry] = [:]
    for (index, document) in batch.enumerated() {
      let shingles = document.fingerprint.shingleHashes
      entries[document.id] = Entry(
        normalized: document.fingerprint.normalized, shingles: shingles,
        distinctShingles: counts?[index] ?? Verifier.distinctCount(of: shingles, excluding: excluding))
    }
    self.entries = Mutex(entries)
  }

  /// The entries of `ids`; those not prepared yet are read from `store` (ids it does not hold are
  /// left out). Two tasks asking for the same new id at once may both prepare it: the results are
  /// equal, and the cache keeps one.
  func entries(ids: [String], from store: any ArchiveReading) async throws(IndexError) -> [String: Entry] {
    var found: [String: Entry] = [:]
    var missing: [String] = []
    entries.withLock { entries in
      for id in ids {
        if let entry = entries[id] { found[id] = entry } else { missing.append(id) }
      }
    }
    guard !missing.isEmpty else { return found }
    var prepared: [String: Entry] = [:]
    for (id, text) in try await store.texts(ids: missing) {
      let normalized = NormalizedText(normalizing: text)
      let shingles = Shingler.shingleHashes(of: normalized, k: parameters.shingleSize, seed: parameters.seed)
      prepared[id] = Entry(
        normalized: normalized, shingles: shingles,
        distinctShingles: Verifier.distinctCount(of: shingles, excluding: excluding))
    }
    entries.withLock { entries in entries.merge(prepared) { kept, _ in kept } }
    return found.merging(prepared) { kept, _ in kept }
  }
}

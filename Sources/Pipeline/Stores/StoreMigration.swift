import ArchiveStore
import ChachongCore
import Fingerprints
import Foundation
import IndexStore
import PostgresStore

/// `chachong migrate`: an SQLite index copied into a PostgreSQL store, then verified.
///
/// Documents are copied in their stored form (compressed text, signature, keys: nothing is
/// re-fingerprinted), in pages, each page one upsert: a re-run replaces what an earlier run
/// copied and adds what it missed. Templates are copied; the store is created with the index's
/// parameters and the check value of its ID-hash key (the key stays in its file).
package enum StoreMigration {
  package struct Report: Sendable, Codable, Equatable {
    package struct Count: Sendable, Codable, Equatable {
      package var name: String
      package var source: Int
      package var target: Int
    }

    package var documentsCopied: Int
    package var templatesCopied: Int
    package var counts: [Count]
    /// Stored documents whose candidates were compared on both stores.
    package var sampledQueries: Int
    /// Ids whose candidate lists differ between the stores.
    package var differingQueries: [String]

    package var verified: Bool {
      differingQueries.isEmpty && counts.allSatisfy { $0.source == $0.target }
    }
  }

  package static let pageSize = 500

  package static func run(
    from directory: String, to url: String, sampleSize: Int = 20,
    progress: @Sendable (Int) -> Void = { _ in }
  ) async throws(ServiceError) -> Report {
    let source = try LocalStores.open(directory, readOnly: true)
    guard let key = source.idHashKey else {
      throw ServiceError(.storeFailure, "\(directory): the index has no usable ID-hash key")
    }
    var environment = ProcessInfo.processInfo.environment
    environment[LeadIDHashKey.environmentVariable] = key.hex
    environment[LeadIDHashKey.fileEnvironmentVariable] = nil
    let target: PostgresArchive
    do {
      target = try await PostgresArchive.open(url: url, creating: source.parameters, environment: environment)
    } catch {
      throw .store(error)
    }
    do {
      var copied = 0
      var after: Int64 = 0
      while true {
        let page = try source.storedDocuments(after: after, limit: pageSize)
        guard let last = page.last else { break }
        try await target.upsert(page.documents)
        copied += page.documents.count
        after = last
        progress(copied)
      }
      let templates = try await source.templates()
      for template in templates {
        try await target.addTemplate(id: template.id, text: template.text)
      }
      let sourceStats = try await source.stats()
      let targetStats = try await target.stats()
      let counts = [
        Report.Count(name: "documents", source: sourceStats.documents, target: targetStats.documents),
        Report.Count(name: "templates", source: sourceStats.templates, target: targetStats.templates),
        Report.Count(
          name: "band postings", source: sourceStats.lshBucketRows, target: targetStats.lshBucketRows),
        Report.Count(
          name: "section postings", source: sourceStats.sectionBucketRows,
          target: targetStats.sectionBucketRows),
        Report.Count(
          name: "fingerprint postings", source: sourceStats.fingerprintPostingRows,
          target: targetStats.fingerprintPostingRows),
        Report.Count(name: "characters", source: sourceStats.characters, target: targetStats.characters),
      ]
      // Every n-th stored document as a query on both stores: the same candidates, in order.
      let ids = try await source.records(DocumentFilter(includeSections: false)).map(\.id)
      let step = max(1, ids.count / max(1, sampleSize))
      let sample = stride(from: 0, to: ids.count, by: step).prefix(sampleSize).map { ids[$0] }
      let texts = try await source.texts(ids: sample)
      let fingerprinter = Fingerprinter(parameters: source.parameters.fingerprint)
      let search = CandidateSearch(parameters: source.parameters)
      var differing: [String] = []
      for id in sample {
        guard let text = texts[id] else { continue }
        let fingerprint = fingerprinter.fingerprint(text)
        let expected = try await search.candidates(for: fingerprint, in: source).map(\.id)
        let found = try await search.candidates(for: fingerprint, in: target).map(\.id)
        if expected != found { differing.append(id) }
      }
      return Report(
        documentsCopied: copied, templatesCopied: templates.count, counts: counts,
        sampledQueries: sample.count,
        differingQueries: differing)
    } catch {
      throw .store(error)
    }
  }
}

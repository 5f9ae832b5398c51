import ArchiveStore
import ChachongModel
import Fingerprints
import Testing

@testable import ChachongCore

/// `ReindexJob` over the in-memory store: records and templates copied, fingerprints under the
/// target's parameters, and the two conflicts (another ID-hash key, a target that is not empty).
@Suite struct ReindexJobTests {
  static let key = [UInt8](repeating: 7, count: 32)

  static func source() async throws -> MemoryArchive {
    var parameters = IndexParameters.standard
    parameters.granularity.window = 0
    let store = MemoryArchive(parameters: parameters, leadKey: key)
    let preparer = store.preparer()
    let fingerprinter = Fingerprinter(parameters: parameters.fingerprint)
    var documents: [StorableDocument] = []
    for number in 1...3 {
      let text = indexTestText(seed: UInt64(number), count: 2_000)
      var record = DocumentRecord(id: "A\(number)", program: "前瞻性技术创新专项", year: 2021, status: "结题")
      record.leadIDKey = store.leadIDKey(of: "320602198003010113")
      record.leadIDMasked = IdentityKey.mask("320602198003010113")
      record.characterCount = text.unicodeScalars.count
      documents.append(
        try preparer.prepare(
          IndexedDocument(metadata: record, text: text, fingerprint: fingerprinter.fingerprint(text))))
    }
    try await store.upsert(documents)
    try await store.addTemplate(id: "template.docx", text: indexTestText(seed: 99, count: 500))
    return store
  }

  @Test func copiesRecordsTextsAndTemplatesUnderTheTargetsParameters() async throws {
    let source = try await Self.source()
    let target = MemoryArchive(leadKey: Self.key)
    let summary = try await ReindexJob(source: source, target: target, batchSize: 2, workers: 2).run()
    #expect(summary == ReindexJob.Summary(reindexed: 3, templates: 1, withoutText: []))
    #expect(try await target.records(DocumentFilter()) == (try await source.records(DocumentFilter())))
    #expect(
      try await target.texts(ids: ["A1", "A2", "A3"]) == (try await source.texts(ids: ["A1", "A2", "A3"])))
    #expect(try await target.templates() == (try await source.templates()))
    #expect(target.parameters.granularity.window == 64)
    // The target files passage fingerprints the source never had: a copied stretch of A2 is a
    // candidate there through them alone.
    let text = try #require(try await source.text(id: "A2"))
    let passage = String(text.unicodeScalars.prefix(900).map(Character.init))
    let query = Fingerprinter(parameters: .standard).fingerprint(
      indexTestText(seed: 50, count: 3_000) + passage)
    let candidates = try await CandidateSearch(parameters: target.parameters).candidates(
      for: query, in: target)
    #expect(candidates.first { $0.id == "A2" }.map { $0.sharedFingerprints >= 3 } == true, "\(candidates)")
  }

  @Test func anotherKeyOrAFilledTargetIsAConflict() async throws {
    let source = try await Self.source()
    do {
      _ = try await ReindexJob(
        source: source, target: MemoryArchive(leadKey: [UInt8](repeating: 8, count: 32))
      ).run()
      Issue.record("a target with another key must be refused")
    } catch {
      #expect(error.kind == .conflict)
      #expect(error.message.contains("another key"))
    }
    let filled = MemoryArchive(leadKey: Self.key)
    _ = try await ReindexJob(source: source, target: filled).run()
    do {
      _ = try await ReindexJob(source: source, target: filled).run()
      Issue.record("a second reindex into a filled store must fail")
    } catch {
      #expect(error.kind == .conflict)
      #expect(error.message.contains("already holds 3"))
    }
  }
}

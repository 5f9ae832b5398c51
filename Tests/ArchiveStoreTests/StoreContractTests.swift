import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import Testing

/// The store contract: the same bodies on every store (memory, SQLite, and PostgreSQL when a
/// server is available), so that every store behaves alike for every job.
@Suite struct StoreContractTests {
  static func text(seed: UInt64, count: Int) -> String {
    var state = seed &+ 0x9E37_79B9_7F4A_7C15
    var scalars = String.UnicodeScalarView()
    for index in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      if let scalar = Unicode.Scalar(UInt32(0x4E00 + (state >> 33) % 3000)) { scalars.append(scalar) }
      if index % 40 == 39 { scalars.append("。") }
    }
    return String(scalars)
  }

  static func document(
    _ id: String, _ text: String, sections: [TextSection]? = nil, program: String? = nil, year: Int? = nil,
    status: String? = nil, store: any ArchiveWriting
  ) throws -> StorableDocument {
    let count = text.unicodeScalars.count
    let fingerprint = Fingerprinter(parameters: store.parameters.fingerprint).fingerprint(text)
    return try store.preparer().prepare(
      IndexedDocument(
        metadata: DocumentRecord(
          id: id, program: program, year: year, status: status, title: "标题\(id)",
          leadIDKey: store.leadIDKey(of: "320602198001010113"), leadIDMasked: "3206**********0113",
          characterCount: count, sections: sections ?? [TextSection(title: "", start: 0, end: count)],
          extra: ["source": "contract"]),
        text: text, fingerprint: fingerprint))
  }

  static func candidates(
    _ text: String, sections: [TextSection] = [], in store: any ArchiveWriting, excluding: String? = nil
  )
    async throws -> [String]
  {
    let fingerprint = Fingerprinter(parameters: store.parameters.fingerprint).fingerprint(text)
    return try await CandidateSearch(parameters: store.parameters).candidates(
      for: fingerprint, sections: sections, in: store, excludingID: excluding
    ).map(\.id)
  }

  @Test(arguments: StoreFactory.all) func storedDocumentsAreReadBackWhole(_ factory: StoreFactory)
    async throws
  {
    let store = try await factory.make()
    let texts = (0..<3).map { Self.text(seed: UInt64($0), count: 900) }
    try await store.upsert(
      try texts.enumerated().map {
        try Self.document("d\($0.offset)", $0.element, program: "P", year: 2023, status: "在研", store: store)
      })
    let records = try await store.records(DocumentFilter())
    #expect(records.map(\.id) == ["d0", "d1", "d2"])
    #expect(records.first?.title == "标题d0")
    #expect(records.first?.extra == ["source": "contract"])
    #expect(records.first?.characterCount == texts[0].unicodeScalars.count)
    #expect(try await store.texts(ids: ["d1", "missing"]) == ["d1": texts[1]])
    #expect(try await store.records(DocumentFilter(status: "在研")).count == 3)
    #expect(try await store.records(DocumentFilter(program: "Q")).isEmpty)
    #expect(try await store.records(DocumentFilter(ids: ["d2"])).map(\.id) == ["d2"])
    let stats = try await store.stats()
    #expect(stats.documents == 3)
    #expect(try await store.documentCount() == 3)
    #expect(stats.byStatus == ["在研": 3])
  }

  @Test(arguments: StoreFactory.all) func nearDuplicatesAreCandidatesAndOwnIDIsNot(_ factory: StoreFactory)
    async throws
  {
    let store = try await factory.make()
    let base = Self.text(seed: 7, count: 2000)
    let unrelated = Self.text(seed: 8, count: 2000)
    try await store.upsert([
      try Self.document("base", base, store: store), try Self.document("other", unrelated, store: store),
    ])
    let edited = String(base.prefix(1900)) + Self.text(seed: 9, count: 100)
    #expect(try await Self.candidates(edited, in: store) == ["base"])
    #expect(try await Self.candidates(base, in: store, excluding: "base").isEmpty)
  }

  @Test(arguments: StoreFactory.all) func aCopiedSectionIsACandidate(_ factory: StoreFactory) async throws {
    let store = try await factory.make()
    let sectionText = Self.text(seed: 21, count: 1200)
    let archived = Self.text(seed: 20, count: 3000) + sectionText + Self.text(seed: 22, count: 3000)
    let archivedSections = [
      TextSection(title: "一", start: 0, end: 3000), TextSection(title: "二", start: 3000, end: 4200),
      TextSection(title: "三", start: 4200, end: 7200),
    ]
    try await store.upsert([try Self.document("archived", archived, sections: archivedSections, store: store)]
    )
    let query = Self.text(seed: 30, count: 3000) + sectionText + Self.text(seed: 31, count: 3000)
    #expect(try await Self.candidates(query, sections: archivedSections, in: store) == ["archived"])
  }

  @Test(arguments: StoreFactory.all) func replacingAnIDLeavesNoStalePostings(_ factory: StoreFactory)
    async throws
  {
    let store = try await factory.make()
    let first = Self.text(seed: 40, count: 1500)
    let second = Self.text(seed: 41, count: 1500)
    try await store.upsert([try Self.document("x", first, store: store)])
    try await store.upsert([try Self.document("x", second, store: store)])
    #expect(try await store.records(DocumentFilter()).map(\.id) == ["x"])
    #expect(try await store.texts(ids: ["x"]) == ["x": second])
    #expect(try await Self.candidates(first, in: store).isEmpty)
    #expect(try await Self.candidates(second, in: store) == ["x"])
    // Within one call the last of equal ids wins.
    try await store.upsert([
      try Self.document("y", first, store: store), try Self.document("y", second, store: store),
    ])
    #expect(try await store.texts(ids: ["y"]) == ["y": second])
  }

  @Test(arguments: StoreFactory.all) func removedDocumentsAreGoneEverywhere(_ factory: StoreFactory)
    async throws
  {
    let store = try await factory.make()
    let text = Self.text(seed: 50, count: 1500)
    try await store.upsert([
      try Self.document("gone", text, store: store),
      try Self.document("kept", Self.text(seed: 51, count: 1500), store: store),
    ])
    #expect(try await store.remove(ids: ["gone", "never"]) == ["gone"])
    #expect(try await store.records(DocumentFilter()).map(\.id) == ["kept"])
    #expect(try await store.texts(ids: ["gone"]).isEmpty)
    #expect(try await Self.candidates(text, in: store).isEmpty)
    #expect(try await store.remove(ids: ["gone"]).isEmpty)
  }

  @Test(arguments: StoreFactory.all) func templatesAndFrequentShingles(_ factory: StoreFactory) async throws {
    let store = try await factory.make()
    let template = "一、立项依据。二、研究内容。三、经费预算。" + Self.text(seed: 60, count: 300)
    try await store.addTemplate(id: "form.docx", text: template)
    #expect(try await store.templates().map(\.id) == ["form.docx"])
    #expect(try await store.templates().first?.text == template)
    let fingerprint = store.parameters.fingerprint
    let expected = Set(
      Shingler.shingleHashes(
        of: NormalizedText(normalizing: template), k: fingerprint.shingleSize, seed: fingerprint.seed))
    #expect(try await store.templateShingles() == expected)
    let common = Self.text(seed: 61, count: 200)
    try await store.upsert(
      try (0..<4).map {
        try Self.document("f\($0)", common + Self.text(seed: 70 + UInt64($0), count: 500), store: store)
      })
    let frequent = try await store.frequentShingles(minimumDocumentShare: 0.5)
    let commonHashes = Set(
      Shingler.shingleHashes(
        of: NormalizedText(normalizing: common), k: fingerprint.shingleSize, seed: fingerprint.seed))
    #expect(commonHashes.isSubset(of: frequent))
    #expect(frequent.count < commonHashes.count + 20)
  }

  @Test(arguments: StoreFactory.all) func bulkLoadedDocumentsAreCandidatesAfterFinish(_ factory: StoreFactory)
    async throws
  {
    let store = try await factory.make()
    let session = try await store.beginBulkLoad()
    let texts = (0..<5).map { Self.text(seed: 80 + UInt64($0), count: 1200) }
    for (index, text) in texts.enumerated() {
      try await session.add([try Self.document("b\(index)", text, store: store)])
    }
    try await session.finish()
    #expect(try await store.records(DocumentFilter()).count == 5)
    for (index, text) in texts.enumerated() {
      #expect(try await Self.candidates(text, in: store) == ["b\(index)"])
    }
  }

  @Test(arguments: StoreFactory.all) func oneNumberWrittenAnyWayIsOneKey(_ factory: StoreFactory) async throws
  {
    let store = try await factory.make()
    let plain = store.leadIDKey(of: "32060219800301011X")
    #expect(store.leadIDKey(of: "320602-19800301-011x") == plain)
    #expect(store.leadIDKey(of: "３２０６０２１９８００３０１０１１Ｘ") == plain)
    #expect(store.leadIDKey(of: " 320602 19800301 011X ") == plain)
    #expect(store.leadIDKey(of: "320602198003010129") != plain)
    #expect(!plain.contains("320602"))
  }

  @Test(arguments: StoreFactory.all) func concurrentReadersSeeWholeDocuments(_ factory: StoreFactory)
    async throws
  {
    let store = try await factory.make()
    let texts = (0..<12).map { Self.text(seed: 100 + UInt64($0), count: 800) }
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        for (index, text) in texts.enumerated() {
          try await store.upsert([try Self.document("c\(index)", text, store: store)])
        }
      }
      group.addTask {
        for _ in 0..<20 {
          let records = try await store.records(DocumentFilter())
          let stored = try await store.texts(ids: records.map(\.id))
          #expect(stored.count == records.count, "every listed document has its text")
        }
      }
      try await group.waitForAll()
    }
    #expect(try await store.records(DocumentFilter()).count == 12)
  }
}

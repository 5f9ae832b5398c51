import ChachongModel
import Fingerprints
import Foundation
import GRDB
import Testing

@testable import ArchiveStore
@testable import IndexStore

@Test func openingAMissingIndexWithoutParametersFails() {
  let directory = temporaryIndexDirectory()
  #expect(throws: IndexError(path: directory, reason: .notFound)) {
    _ = try DocumentIndex.open(directory: directory)
  }
}

@Test func storesAndReadsBackMetadataAndText() async throws {
  let directory = temporaryIndexDirectory()
  let index = try DocumentIndex.open(directory: directory, creating: .standard)
  let text = syntheticText(seed: 1, count: 2000)
  var document = makeDocument(id: "A-1", text: text, program: "科技计划", year: 2024, status: "funded")
  document.metadata.leadIDKey = index.leadIDKey(of: "320602199001011234")
  document.metadata.leadIDMasked = "3206**********1234"
  try index.upsertNow([document])
  let reopened = try DocumentIndex.open(directory: directory)
  #expect(reopened.parameters == .standard)
  #expect(try reopened.metadata(id: "A-1") == document.metadata)
  #expect(try await reopened.text(id: "A-1") == text)
  #expect(try reopened.normalizedText(id: "A-1") == NormalizedText(normalizing: text))
  #expect(try reopened.metadata(id: "missing") == nil)
  // The key lives beside the index: the same number hashes the same after reopening.
  #expect(reopened.leadIDKey(of: "320602199001011234") == document.metadata.leadIDKey)
  #expect(reopened.leadIDKey(of: "320602199001011235") != document.metadata.leadIDKey)
}

@Test func otherParametersAreAClearError() async throws {
  let directory = temporaryIndexDirectory()
  _ = try DocumentIndex.open(directory: directory, creating: .standard)
  var other = IndexParameters.standard
  other.fingerprint.shingleSize = 7
  do {
    _ = try DocumentIndex.open(directory: directory, creating: other)
    Issue.record("opening with other parameters succeeded")
  } catch {
    guard case .parametersMismatch = error.reason else {
      Issue.record("unexpected error \(error)")
      return
    }
    #expect(error.description.contains(directory))
  }
}

@Test func newerSchemaIsAClearError() async throws {
  let directory = temporaryIndexDirectory()
  let index = try DocumentIndex.open(directory: directory, creating: .standard)
  try await index.pool.write { db in
    try db.execute(sql: "UPDATE meta SET value = '99' WHERE key = 'schema_version'")
  }
  #expect(throws: IndexError(path: directory, reason: .newerSchema(found: 99, supported: 3))) {
    _ = try DocumentIndex.open(directory: directory)
  }
}

@Test func storedTextsAreZstandardFramesAndVersionOneZlibTextsStillRead() async throws {
  let directory = temporaryIndexDirectory()
  let index = try DocumentIndex.open(directory: directory, creating: .standard)
  let newText = syntheticText(seed: 3, count: 3000)
  let oldText = syntheticText(seed: 4, count: 3000)
  try index.upsertNow([makeDocument(id: "new", text: newText), makeDocument(id: "old", text: oldText)])
  let stored = try await index.pool.read { db in
    try Data.fetchOne(db, sql: "SELECT text FROM documents WHERE id = 'new'")
  }
  #expect(stored.map { Zstandard.isFrame([UInt8]($0)) } == true)
  // What a version 1 binary wrote: a zlib stream, and schema_version 1.
  let legacy = try #require(Deflate.compress(Array(oldText.utf8), level: 1))
  try await index.pool.write { db in
    try db.execute(sql: "UPDATE documents SET text = ? WHERE id = 'old'", arguments: [Data(legacy)])
    try db.execute(sql: "UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    try db.execute(sql: "DROP TABLE pending_buckets")
  }
  let reopened = try DocumentIndex.open(directory: directory)
  #expect(try await reopened.texts(ids: ["new", "old"]) == ["new": newText, "old": oldText])
  #expect(try await reopened.stats().schemaVersion == 3)
  let version = try await reopened.pool.read { db in
    try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'")
  }
  #expect(version == "3")
}

@Test func damagedStoredTextIsATypedError() async throws {
  let directory = temporaryIndexDirectory()
  let index = try DocumentIndex.open(directory: directory, creating: .standard)
  try index.upsertNow([makeDocument(id: "a", text: syntheticText(seed: 5, count: 2000))])
  try await index.pool.write { db in
    // A Zstandard frame header claiming content, then garbage.
    let damaged: [UInt8] = Zstandard.magic + [0x60, 0x00, 0x00, 0x10] + Array(repeating: 0xAB, count: 40)
    try db.execute(sql: "UPDATE documents SET text = ? WHERE id = 'a'", arguments: [Data(damaged)])
  }
  await #expect(throws: IndexError(path: directory, reason: .undecodableText(id: "a"))) {
    _ = try await index.texts(ids: ["a"])
  }
}

@Test func nearDuplicatesAreCandidatesAndUnrelatedAreNot() async throws {
  let index = try DocumentIndex.open(directory: temporaryIndexDirectory(), creating: .standard)
  let base = syntheticText(seed: 7, count: 6000)
  var edited = Array(base.unicodeScalars)
  for position in stride(from: 100, to: edited.count, by: 400) {
    edited[position] = "改"
  }
  let editedText = String(String.UnicodeScalarView(edited))
  try index.upsertNow([
    makeDocument(id: "base", text: base),
    makeDocument(id: "other", text: syntheticText(seed: 8, count: 6000)),
  ])
  let query = Fingerprinter(parameters: .standard).fingerprint(editedText)
  let candidates = try await index.candidates(for: query)
  #expect(candidates.map(\.id) == ["base"])
  #expect((candidates.first?.bandMatches ?? 0) > 0)
  // Its own id is never a candidate.
  #expect(try await index.candidates(for: query, excludingID: "base").isEmpty)
}

/// Sections as text with spans: each part becomes one section.
func sectioned(_ parts: [String]) -> (String, [TextSection]) {
  var text = ""
  var sections: [TextSection] = []
  for (number, part) in parts.enumerated() {
    let start = text.unicodeScalars.count
    text += part
    sections.append(TextSection(title: "part \(number)", start: start, end: text.unicodeScalars.count))
  }
  return (text, sections)
}

@Test func oneCopiedSectionIsACandidate() async throws {
  // The section tables alone: an index without winnowed fingerprints (window 0, the default
  // before stop 25), so that the whole-document and section channels are what is tested.
  var parameters = IndexParameters.standard
  parameters.granularity.window = 0
  let index = try DocumentIndex.open(directory: temporaryIndexDirectory(), creating: parameters)
  let section = syntheticText(seed: 20, count: 800)
  let (source, sourceSections) = sectioned([
    syntheticText(seed: 21, count: 3000), syntheticText(seed: 26, count: 3000), section,
    syntheticText(seed: 22, count: 3000),
  ])
  let (query, querySections) = sectioned([
    syntheticText(seed: 23, count: 7000), section, syntheticText(seed: 24, count: 1000),
  ])
  var sourceDocument = makeDocument(id: "source", text: source, parameters: parameters)
  sourceDocument.metadata.sections = sourceSections
  try index.upsertNow([
    sourceDocument,
    makeDocument(id: "noise", text: syntheticText(seed: 25, count: 9000), parameters: parameters),
  ])
  let fingerprint = Fingerprinter(parameters: .standard).fingerprint(query)
  let candidates = try await index.candidates(for: fingerprint, sections: querySections)
  #expect(candidates.map(\.id) == ["source"])
  #expect((candidates.first?.bandMatches ?? 1) == 0)
  #expect((candidates.first?.sectionBandMatches ?? 0) > 0)
  // Without its sections the query's whole-document signature does not find it.
  #expect(try await index.candidates(for: fingerprint).isEmpty)
}

@Test func aNewIndexFindsACopiedPassageWithoutSections() async throws {
  // The standard parameters of a new index store winnowed fingerprints (window 64): an
  // 800-character passage copied into another document is a candidate with no section of its own
  // and a whole-document Jaccard far below the LSH tables' 0.4.
  #expect(IndexParameters.standard.granularity.window == 64)
  let index = try DocumentIndex.open(directory: temporaryIndexDirectory(), creating: .standard)
  let passage = syntheticText(seed: 20, count: 800)
  let source = syntheticText(seed: 21, count: 6000) + passage + syntheticText(seed: 22, count: 3000)
  let query = syntheticText(seed: 23, count: 7000) + passage + syntheticText(seed: 24, count: 1000)
  try index.upsertNow([
    makeDocument(id: "source", text: source),
    makeDocument(id: "noise", text: syntheticText(seed: 25, count: 9000)),
  ])
  let candidates = try await index.candidates(for: Fingerprinter(parameters: .standard).fingerprint(query))
  #expect(candidates.map(\.id) == ["source"])
  #expect((candidates.first?.bandMatches ?? 1) == 0)
  #expect((candidates.first?.sharedFingerprints ?? 0) >= 3)
}

@Test func winnowedFingerprintsFindACopiedPassageWhenEnabled() async throws {
  var parameters = IndexParameters.standard
  parameters.granularity.window = 48
  let index = try DocumentIndex.open(directory: temporaryIndexDirectory(), creating: parameters)
  let passage = syntheticText(seed: 20, count: 800)
  let source = syntheticText(seed: 21, count: 6000) + passage + syntheticText(seed: 22, count: 3000)
  let query = syntheticText(seed: 23, count: 7000) + passage + syntheticText(seed: 24, count: 1000)
  try index.upsertNow([
    makeDocument(id: "source", text: source, parameters: parameters),
    makeDocument(id: "noise", text: syntheticText(seed: 25, count: 9000), parameters: parameters),
  ])
  let candidates = try await index.candidates(for: Fingerprinter(parameters: .standard).fingerprint(query))
  #expect(candidates.map(\.id) == ["source"])
  #expect((candidates.first?.sharedFingerprints ?? 0) >= 3)
}

@Test func reingestReplacesAndRemoveLeavesNoStaleEntries() async throws {
  let index = try DocumentIndex.open(directory: temporaryIndexDirectory(), creating: .standard)
  let first = syntheticText(seed: 30, count: 3000)
  let second = syntheticText(seed: 31, count: 3000)
  try index.upsertNow([makeDocument(id: "X", text: first), makeDocument(id: "Y", text: second)])
  let rowsForTwo = try await index.stats()
  // Replace X with the text of a third document: the old buckets must be gone.
  let third = syntheticText(seed: 32, count: 3000)
  try index.upsertNow([makeDocument(id: "X", text: third)])
  let fingerprinter = Fingerprinter(parameters: .standard)
  #expect(try await index.candidates(for: fingerprinter.fingerprint(first)).isEmpty)
  #expect(try await index.candidates(for: fingerprinter.fingerprint(third)).map(\.id) == ["X"])
  #expect(try await index.text(id: "X") == third)
  let afterReplace = try await index.stats()
  #expect(afterReplace.documents == 2)
  #expect(afterReplace.lshBucketRows <= rowsForTwo.lshBucketRows + 2)
  #expect(try await index.remove(ids: ["X", "nope"]) == ["X"])
  #expect(try await index.candidates(for: fingerprinter.fingerprint(third)).isEmpty)
  try await index.remove(ids: ["Y"])
  let empty = try await index.stats()
  #expect(empty.documents == 0)
  #expect(empty.lshBucketRows == 0)
  #expect(empty.fingerprintPostingRows == 0)
}

@Test func listFiltersAndStatsGroup() async throws {
  let index = try DocumentIndex.open(directory: temporaryIndexDirectory(), creating: .standard)
  try index.upsertNow([
    makeDocument(id: "b", text: syntheticText(seed: 40, count: 300), program: "P1", year: 2023),
    makeDocument(id: "a", text: syntheticText(seed: 41, count: 300), program: "P1", year: 2024),
    makeDocument(
      id: "c", text: syntheticText(seed: 42, count: 300), program: "P2", year: 2024, status: "funded"),
  ])
  #expect(try index.list().map(\.id) == ["a", "b", "c"])
  #expect(try index.list(DocumentFilter(program: "P1")).map(\.id) == ["a", "b"])
  #expect(try index.list(DocumentFilter(year: 2024)).map(\.id) == ["a", "c"])
  #expect(try index.list(DocumentFilter(status: "funded")).map(\.id) == ["c"])
  let stats = try await index.stats()
  #expect(stats.documents == 3)
  #expect(stats.byProgram == ["P1": 2, "P2": 1])
  #expect(stats.byYear == ["2023": 1, "2024": 2])
  #expect(stats.byStatus == ["": 2, "funded": 1])
  #expect(stats.fileBytes > 0)
}

@Test func templatesAndFrequentShingles() async throws {
  let index = try DocumentIndex.open(directory: temporaryIndexDirectory(), creating: .standard)
  let boilerplate = syntheticText(seed: 50, count: 200)
  try index.upsertNow(
    (0..<4).map {
      makeDocument(id: "d\($0)", text: boilerplate + syntheticText(seed: 60 + UInt64($0), count: 500))
    })
  try await index.addTemplate(id: "form", text: boilerplate)
  #expect(try await index.templates() == [IndexTemplate(id: "form", text: boilerplate)])
  let parameters = IndexParameters.standard.fingerprint
  let boilerplateShingles = Set(
    Shingler.shingleHashes(
      of: NormalizedText(normalizing: boilerplate), k: parameters.shingleSize, seed: parameters.seed))
  #expect(try await index.templateShingles() == boilerplateShingles)
  let frequent = try await index.frequentShingles(minimumDocumentShare: 0.5)
  #expect(boilerplateShingles.isSubset(of: frequent))
  #expect(frequent.count < boilerplateShingles.count + 10)
  // Cached until the index changes.
  #expect(try await index.frequentShingles(minimumDocumentShare: 0.5) == frequent)
  try await index.remove(ids: ["d0", "d1", "d2"])
  #expect(try await index.frequentShingles(minimumDocumentShare: 0.5).count > frequent.count)
}

@Test func otherFingerprintingIsAClearError() async throws {
  let directory = temporaryIndexDirectory()
  let index = try DocumentIndex.open(directory: directory, creating: .standard)
  try await index.pool.write { db in
    try db.execute(sql: "UPDATE meta SET value = 'different' WHERE key = 'fingerprint_probe'")
  }
  #expect(throws: IndexError(path: directory, reason: .fingerprintsChanged)) {
    _ = try DocumentIndex.open(directory: directory)
  }
}

/// A section shared by more than `maximumSectionBucket` documents is boilerplate: its bucket is
/// not followed, while a section shared with one document still makes that document a candidate.
@Test func boilerplateSectionBucketsAreNotFollowed() async throws {
  let index = try DocumentIndex.open(directory: temporaryIndexDirectory(), creating: .standard)
  let boilerplate = syntheticText(seed: 900, count: 600)
  let copied = syntheticText(seed: 901, count: 600)
  func document(id: String, parts: [String]) -> IndexedDocument {
    let text = parts.joined(separator: "\n")
    var sections: [TextSection] = []
    var start = 0
    for (number, part) in parts.enumerated() {
      let end = start + part.unicodeScalars.count + (number < parts.count - 1 ? 1 : 0)
      sections.append(TextSection(title: "第\(number)节", start: start, end: end))
      start = end
    }
    return IndexedDocument(
      metadata: DocumentRecord(
        id: id, characterCount: text.unicodeScalars.count, sections: sections, extra: [:]),
      text: text, fingerprint: Fingerprinter(parameters: .standard).fingerprint(text))
  }
  var documents = (0..<70).map { number in
    document(
      id: "form\(number)", parts: [boilerplate, syntheticText(seed: 1000 + UInt64(number), count: 3000)])
  }
  documents.append(document(id: "source", parts: [syntheticText(seed: 902, count: 3000), copied]))
  try index.upsertNow(documents)
  let query = document(id: "query", parts: [boilerplate, copied, syntheticText(seed: 903, count: 3000)])
  let sections = query.metadata.sections
  let found = try await index.candidates(for: query.fingerprint, sections: sections).map(\.id)
  #expect(found == ["source"])
  let all = try await index.candidates(for: query.fingerprint, sections: sections, maximumSectionBucket: 100)
  #expect(all.count == 71)
}

/// A bulk ingest stores documents first and their bucket rows at a flush: the rows are then the
/// same as an immediate upsert's, and until then the documents are nobody's candidates.
@Test func deferredBucketsAreTheSameRowsAfterAFlush() async throws {
  let texts = (0..<6).map { syntheticText(seed: 300 + UInt64($0), count: 2500) }
  let documents = texts.enumerated().map { makeDocument(id: "d\($0.offset)", text: $0.element) }
  let immediate = try DocumentIndex.open(directory: temporaryIndexDirectory(), creating: .standard)
  try immediate.upsertNow(documents)
  let deferred = try DocumentIndex.open(directory: temporaryIndexDirectory(), creating: .standard)
  let preparer = deferred.preparer()
  try deferred.upsert(prepared: documents.map { try preparer.prepare($0) }, deferringBuckets: true)
  #expect(try deferred.pendingBucketDocuments() == 6)
  #expect(try await deferred.candidates(for: documents[2].fingerprint).isEmpty)
  #expect(try await deferred.stats().lshBucketRows == 0)
  try deferred.flushPendingBuckets()
  #expect(try deferred.pendingBucketDocuments() == 0)
  #expect(try await deferred.candidates(for: documents[2].fingerprint).map(\.id) == ["d2"])
  func rows(_ index: DocumentIndex, _ table: String) throws -> [[Int64]] {
    try index.pool.read { db in
      try Row.fetchAll(db, sql: "SELECT key, doc FROM \(table) ORDER BY key, doc").map { [$0[0], $0[1]] }
    }
  }
  for table in ["lsh_buckets", "section_buckets"] {
    #expect(try rows(deferred, table) == rows(immediate, table), "\(table)")
  }
}

/// A process killed between a batch and the flush: the next open writes the missing rows; a
/// document replaced or removed while pending leaves no rows behind.
@Test func pendingBucketsAreFlushedOnOpenAndNeverStale() async throws {
  let directory = temporaryIndexDirectory()
  let index = try DocumentIndex.open(directory: directory, creating: .standard)
  let preparer = index.preparer()
  let first = makeDocument(id: "a", text: syntheticText(seed: 400, count: 2500))
  let replacement = makeDocument(id: "a", text: syntheticText(seed: 401, count: 2500))
  let removed = makeDocument(id: "b", text: syntheticText(seed: 402, count: 2500))
  try index.upsert(
    prepared: [try preparer.prepare(first), try preparer.prepare(removed)], deferringBuckets: true)
  try index.upsert(prepared: [try preparer.prepare(replacement)], deferringBuckets: true)
  try await index.remove(ids: ["b"])
  #expect(try index.pendingBucketDocuments() == 1)
  let reopened = try DocumentIndex.open(directory: directory)
  #expect(try reopened.pendingBucketDocuments() == 0)
  let stats = try await reopened.stats()
  #expect(stats.documents == 1)
  #expect(stats.lshBucketRows == reopened.parameters.lsh.bands)
  #expect(try await reopened.candidates(for: replacement.fingerprint).map(\.id) == ["a"])
  #expect(try await reopened.candidates(for: first.fingerprint).isEmpty)
  #expect(try await reopened.candidates(for: removed.fingerprint).isEmpty)
}

/// Version 2 indexes written before `pending_buckets` existed open and get the table.
@Test func earlyVersionTwoIndexWithoutPendingTableOpens() async throws {
  let directory = temporaryIndexDirectory()
  let index = try DocumentIndex.open(directory: directory, creating: .standard)
  let document = makeDocument(id: "a", text: syntheticText(seed: 500, count: 2000))
  try index.upsertNow([document])
  try await index.pool.write { db in try db.execute(sql: "DROP TABLE pending_buckets") }
  let reopened = try DocumentIndex.open(directory: directory)
  #expect(try reopened.pendingBucketDocuments() == 0)
  #expect(try await reopened.candidates(for: document.fingerprint).map(\.id) == ["a"])
}

/// Issue 11 item 5: the ID-hash key never sits in the database it protects.
@Test func theIDHashKeyLivesInAKeyFileOfMode0600NotInTheDatabase() async throws {
  let directory = temporaryIndexDirectory()
  let index = try DocumentIndex.open(directory: directory, creating: .standard)
  let keyFile = DocumentIndex.keyFilePath(in: directory)
  let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
  #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
  let key = try LeadIDHashKey.read(file: keyFile)
  let meta = try await index.pool.read { db in
    try Dictionary(
      uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM meta").map {
        (($0["key"] as String), ($0["value"] as String))
      })
  }
  #expect(meta["lead_id_key"] == nil)
  #expect(meta["lead_id_key_check"] == key.checkValue)
  #expect(!meta.values.contains { $0.contains(key.hex) })
  #expect(index.leadIDKey(of: "320602199001011234") == key.keyed("320602199001011234"))
}

@Test func aMissingOrWrongKeyFileIsAClearErrorNotSilentlyNewHashes() throws {
  let directory = temporaryIndexDirectory()
  _ = try DocumentIndex.open(directory: directory, creating: .standard)
  let keyFile = DocumentIndex.keyFilePath(in: directory)
  try FileManager.default.removeItem(atPath: keyFile)
  #expect {
    _ = try DocumentIndex.open(directory: directory)
  } throws: { error in
    "\(error)".contains("lead-id.key is missing")
  }
  try LeadIDHashKey.generate().write(file: keyFile)
  #expect {
    _ = try DocumentIndex.open(directory: directory, readOnly: true)
  } throws: { error in
    "\(error)".contains("is not this index's key")
  }
}

/// An index of schema 2 (key in `meta`, texts unmasked) is upgraded on its first writable open:
/// the key moves to its file with the same value (hashes stay valid) and stored texts are masked.
@Test func aSchemaTwoIndexMovesItsKeyOutAndMasksItsTexts() async throws {
  let directory = temporaryIndexDirectory()
  let index = try DocumentIndex.open(directory: directory, creating: .standard)
  let text = "项目负责人身份证号：320602199001011234。" + String(repeating: "本项目研究柔性产线调度方法。", count: 30)
  var document = makeDocument(id: "legacy", text: text, program: "科技计划", year: 2021, status: "funded")
  document.metadata.leadIDKey = index.leadIDKey(of: "320602199001011234")
  try index.upsertNow([document])
  let keyFile = DocumentIndex.keyFilePath(in: directory)
  let key = try LeadIDHashKey.read(file: keyFile)
  // What a schema-2 binary left: the key in meta, no key file, the text as read.
  let compressor = Zstandard.Compressor(level: StoredText.level)
  var plain = text
  let compressed = try #require(plain.withUTF8 { compressor.compress($0) })
  try await index.pool.write { db in
    try db.execute(sql: "UPDATE documents SET text = ? WHERE id = 'legacy'", arguments: [Data(compressed)])
    try db.execute(sql: "DELETE FROM meta WHERE key = 'lead_id_key_check'")
    try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('lead_id_key', ?)", arguments: [key.hex])
    try db.execute(sql: "UPDATE meta SET value = '2' WHERE key = 'schema_version'")
  }
  try FileManager.default.removeItem(atPath: keyFile)
  let upgraded = try DocumentIndex.open(directory: directory)
  #expect(try LeadIDHashKey.read(file: keyFile) == key)
  #expect(upgraded.leadIDKey(of: "320602199001011234") == document.metadata.leadIDKey)
  let stored = try #require(try await upgraded.texts(ids: ["legacy"])["legacy"])
  #expect(!stored.contains("320602199001011234"))
  #expect(stored.contains("32**************34"))
  #expect(stored.unicodeScalars.count == text.unicodeScalars.count)
  #expect(try await upgraded.stats().schemaVersion == 3)
  let legacyKey = try await upgraded.pool.read { db in
    try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'lead_id_key'")
  }
  #expect(legacyKey == nil)
}

/// A check's batch store keeps its texts uncompressed (`prepareInMemory`); such a form is never
/// written to the index, where it would store no text.
@Test func aFormPreparedForMemoryIsKeptInMemoryAndRefusedByTheIndex() async throws {
  let text = syntheticText(seed: 11, count: 3000) + "身份证号：320602198003010113"
  let document = makeDocument(id: "m", text: text)
  let memory = MemoryArchive()
  let form = try memory.preparer().prepareInMemory(document)
  #expect(form.compressedText.isEmpty)
  try await memory.upsert([form])
  let kept = try await memory.texts(ids: ["m"])["m"]
  #expect(kept == IdentityKey.maskingIDNumbers(in: text))
  #expect(kept?.contains("320602198003010113") == false)
  let directory = temporaryIndexDirectory()
  let index = try DocumentIndex.open(directory: directory, creating: .standard)
  #expect(throws: IndexError.self) { try index.upsert(prepared: [form]) }
  #expect(try await index.texts(ids: ["m"]).isEmpty)
}

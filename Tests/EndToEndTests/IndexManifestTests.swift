import ArchiveStore
import Foundation
import IndexStore
import Pipeline
import Testing

@testable import ChachongCore

/// A CSV manifest (Chinese columns, UTF-8 with BOM) gives ids and metadata; 文件 is relative to
/// the manifest's folder; the lead's ID number is stored only hashed and masked.
@Test func manifestRowsBecomeMetadata() async throws {
  let folder = indexTestDirectory("manifest")
  defer { try? FileManager.default.removeItem(at: folder) }
  let documents = folder.appendingPathComponent("docs")
  try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
  try indexTestText(seed: 1, count: 800).write(
    to: documents.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
  try indexTestText(seed: 2, count: 800).write(
    to: documents.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
  let csv = """
    网上申报编号,文件,项目名称,申报单位,负责人身份证号,计划类别,年度,状态,推荐单位
    2024-001,docs/a.txt,智能制造项目,南通某公司,320602199001011234,科技计划,2024,submitted,崇川区科技局
    2024-002,docs/b.txt,新材料项目,南通另一公司,,人才计划,2023,,
    2024-003,docs/missing.txt,缺失,,,,,,

    """
  let manifestPath = folder.appendingPathComponent("清单.csv")
  try (Data([0xEF, 0xBB, 0xBF]) + Data(csv.utf8)).write(to: manifestPath)
  let manifest = try ManifestTable.read(path: manifestPath.path)
  #expect(manifest.rows.count == 3)
  let collected = InputCollector.collect(
    paths: [], manifest: manifest, defaults: InputMetadata(status: "archived"))
  #expect(collected.entries.count == 2)
  #expect(collected.failures.map(\.path).contains { $0.hasSuffix("missing.txt") })
  let indexDirectory = folder.appendingPathComponent("index").path
  let summary = try await TestJobs.ingest(
    indexDirectory, entries: collected.entries, failures: collected.failures)
  #expect(summary.ingested == 2)
  #expect(summary.failures.count == 1)

  let index = try DocumentIndex.open(directory: indexDirectory)
  let first = try #require(try index.metadata(id: "2024-001"))
  #expect(first.title == "智能制造项目")
  #expect(first.organisation == "南通某公司")
  #expect(first.program == "科技计划")
  #expect(first.year == 2024)
  #expect(first.status == "submitted")
  #expect(first.extra["推荐单位"] == "崇川区科技局")
  #expect(first.leadIDMasked == "32**************34")
  #expect(first.leadIDKey == index.leadIDKey(of: "320602199001011234"))
  #expect(first.sourcePath?.hasSuffix("docs/a.txt") == true)
  #expect(first.sourceSHA256?.count == 64)
  let second = try #require(try index.metadata(id: "2024-002"))
  #expect(second.status == "archived", "command-line default fills what the manifest leaves empty")
  #expect(second.leadIDKey == nil)
  // The plain ID number is nowhere in the database file.
  let database = try Data(contentsOf: URL(fileURLWithPath: DocumentIndex.databasePath(in: indexDirectory)))
  let wal =
    (try? Data(contentsOf: URL(fileURLWithPath: DocumentIndex.databasePath(in: indexDirectory) + "-wal")))
    ?? Data()
  #expect(database.range(of: Data("320602199001011234".utf8)) == nil)
  #expect(wal.range(of: Data("320602199001011234".utf8)) == nil)
}

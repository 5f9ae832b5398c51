import ArchiveStore
import Fingerprints
import Foundation
import IndexStore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Kills a real `chachong ingest` with SIGKILL in the middle of a run, then opens the index and
/// queries it: committed batches are all there, nothing half-written is.
@Test(
  .enabled(
    if: chachongBinary != nil,
    "the chachong binary is not built (run `swift build` first); crash test skipped"))
func killedIngestLeavesAUsableIndex() async throws {
  let binary = try #require(chachongBinary)
  let folder = indexTestDirectory("crash")
  defer { try? FileManager.default.removeItem(at: folder) }
  let corpus = folder.appendingPathComponent("docs.jsonl")
  let total = 1500
  let batch = 20
  var lines: [String] = []
  for number in 0..<total {
    lines.append(
      jsonLine(id: String(format: "doc%05d", number), text: indexTestText(seed: UInt64(number), count: 1500)))
  }
  try (lines.joined(separator: "\n") + "\n").write(to: corpus, atomically: true, encoding: .utf8)
  let indexDirectory = folder.appendingPathComponent("index").path

  let process = Process()
  process.executableURL = binary
  process.arguments = ["ingest", "--index", indexDirectory, "--batch-size", String(batch), corpus.path]
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  try process.run()
  // Wait until some batches are committed, then kill without warning.
  let deadline = Date().addingTimeInterval(120)
  var committed = 0
  while Date() < deadline && process.isRunning {
    if DocumentIndex.exists(directory: indexDirectory),
      let index = try? DocumentIndex.open(directory: indexDirectory),
      let stats = try? index.statsNow()
    {
      committed = stats.documents
      if committed >= 3 * batch { break }
    }
    usleep(20_000)
  }
  let wasRunning = process.isRunning
  kill(process.processIdentifier, SIGKILL)
  process.waitUntilExit()
  #expect(wasRunning, "ingest finished before it could be killed; make the corpus larger")
  #expect(process.terminationReason == .uncaughtSignal)

  let index = try DocumentIndex.open(directory: indexDirectory)
  let stats = try index.statsNow()
  #expect(stats.documents >= committed)
  #expect(stats.documents < total)
  #expect(stats.documents % batch == 0, "only whole batches are committed")
  #expect(stats.lshBucketRows == stats.documents * index.parameters.lsh.bands)
  #expect(try index.integrityCheck() == "ok")

  // The index answers: the last committed document is found again by its text.
  let lastID = String(format: "doc%05d", stats.documents - 1)
  let text = try await #require(try index.text(id: lastID))
  let fingerprint = Fingerprinter(parameters: index.parameters.fingerprint).fingerprint(text)
  #expect(try await index.candidates(for: fingerprint).first?.id == lastID)
  let queryFile = folder.appendingPathComponent("query.txt")
  try text.write(to: queryFile, atomically: true, encoding: .utf8)
  let (status, output, _) = try runChachong(
    binary, ["query", "--index", indexDirectory, "--top", "1", queryFile.path])
  #expect(status == 0)
  #expect(output.contains("\"id\" : \"\(lastID)\""))

  // Ingesting again completes the index.
  let (again, _, _) = try runChachong(binary, ["ingest", "--index", indexDirectory, corpus.path])
  #expect(again == 0)
  #expect(try await DocumentIndex.open(directory: indexDirectory).stats().documents == total)
}

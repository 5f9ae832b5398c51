import Foundation
import Testing

/// Files found in a folder keep the folder as the user wrote it, so a report names them the same
/// way wherever the batch is checked out (no absolute or resolved paths).
@Test(.enabled(if: chachongBinary != nil, "the chachong binary is built by `swift build`"))
func reportNamesFilesFoundInAFolderAsGiven() throws {
  let root = indexTestDirectory("input-paths")
  defer { try? FileManager.default.removeItem(at: root) }
  let folder = root.appendingPathComponent("batch/2023")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  try (CheckWorld.body(seed: 80, count: 400)).write(
    to: folder.appendingPathComponent("A.txt"), atomically: true, encoding: .utf8)
  try jsonLine(id: "X", text: CheckWorld.body(seed: 81, count: 400)).write(
    to: root.appendingPathComponent("archive.jsonl"), atomically: true, encoding: .utf8)
  let ingest = try CheckEndToEndTests.run(["ingest", "--index", "index", "archive.jsonl"], in: root)
  #expect(ingest.status == 0, "ingest: \(ingest.stderr)")
  let check = try CheckEndToEndTests.run(
    ["check", "--index", "index", "--fail-on", "never", "batch"], in: root)
  #expect(check.status == 0, "check: \(check.stderr)")
  let object = try #require(try JSONSerialization.jsonObject(with: check.stdout) as? [String: Any])
  let files = (object["applications"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
  #expect(files == ["batch/2023/A.txt"])
}

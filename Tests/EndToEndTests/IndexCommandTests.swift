import Foundation
import Testing

/// The index commands through the built binary: ingest, query (JSON names), list, stats, remove,
/// compare, and a bad file that is reported, skipped and gives exit code 2.
@Test(
  .enabled(
    if: chachongBinary != nil, "the chachong binary is not built (run `swift build` first); skipped"))
func indexCommandsWorkEndToEnd() throws {
  let binary = try #require(chachongBinary)
  let folder = indexTestDirectory("commands")
  defer { try? FileManager.default.removeItem(at: folder) }
  let inputs = folder.appendingPathComponent("inputs")
  try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
  let original = indexTestText(seed: 1, count: 3000)
  try original.write(to: inputs.appendingPathComponent("A.txt"), atomically: true, encoding: .utf8)
  try indexTestText(seed: 2, count: 3000).write(
    to: inputs.appendingPathComponent("B.txt"), atomically: true, encoding: .utf8)
  try Data([0xFF, 0xFE, 0x00, 0xD8]).write(to: inputs.appendingPathComponent("broken.txt"))
  let records = [
    jsonLine(id: "R1", text: original, extra: ["program": "科技计划", "year": "2023"]),
    jsonLine(id: "R2", text: indexTestText(seed: 3, count: 3000), extra: ["program": "人才计划"]),
  ]
  let jsonl = folder.appendingPathComponent("records.jsonl")
  try (records.joined(separator: "\n") + "\n").write(to: jsonl, atomically: true, encoding: .utf8)
  let index = folder.appendingPathComponent("index").path

  let (ingestStatus, ingestOutput, ingestErrors) = try runChachong(
    binary, ["ingest", "--index", index, "--year", "2024", inputs.path, jsonl.path])
  #expect(ingestStatus == 2, "a bad file gives exit code 2")
  #expect(ingestOutput.contains("ingested 4 document(s)"))
  #expect(ingestErrors.contains("broken.txt"))

  let (queryStatus, queryOutput, _) = try runChachong(
    binary, ["query", "--index", index, inputs.appendingPathComponent("A.txt").path])
  #expect(queryStatus == 0)
  let query = try #require(
    try JSONSerialization.jsonObject(with: Data(queryOutput.utf8)) as? [String: Any])
  let results = try #require(query["results"] as? [[String: Any]])
  #expect(results.first?["id"] as? String == "A")
  let matches = try #require(results.first?["matches"] as? [[String: Any]])
  #expect(matches.map { $0["id"] as? String } == ["R1"], "A never matches itself, R1 is its copy")
  #expect(matches.first?["jaccard"] as? Double == 1)
  #expect(matches.first?["queryContainment"] as? Double == 1)
  #expect(matches.first?["matchContainment"] as? Double == 1)
  let (_, again, _) = try runChachong(
    binary, ["query", "--index", index, inputs.appendingPathComponent("A.txt").path])
  #expect(again == queryOutput, "JSON output is deterministic")

  let (_, listOutput, _) = try runChachong(binary, ["list", "--index", index, "--year", "2024"])
  #expect(listOutput.contains("\"A\"") && listOutput.contains("\"R2\"") && !listOutput.contains("\"R1\""))
  let (_, statsOutput, _) = try runChachong(binary, ["stats", "--index", index, "--format", "text"])
  #expect(statsOutput.contains("documents\t4"))
  #expect(statsOutput.contains("科技计划\t1"))

  let (removeStatus, _, _) = try runChachong(binary, ["remove", "--index", index, "R1"])
  #expect(removeStatus == 0)
  let (_, afterRemove, _) = try runChachong(
    binary, ["query", "--index", index, inputs.appendingPathComponent("A.txt").path])
  #expect(!afterRemove.contains("\"R1\""))
  let (missingStatus, _, _) = try runChachong(binary, ["remove", "--index", index, "R1"])
  #expect(missingStatus == 2)

  let (compareStatus, compareOutput, _) = try runChachong(
    binary,
    ["compare", inputs.appendingPathComponent("A.txt").path, inputs.appendingPathComponent("B.txt").path])
  #expect(compareStatus == 0)
  #expect(compareOutput.contains("\"jaccard\""))

  let (missingIndex, _, missingErrors) = try runChachong(
    binary, ["stats", "--index", folder.appendingPathComponent("nowhere").path])
  #expect(missingIndex == 2)
  #expect(missingErrors.contains("no chachong index"))
}

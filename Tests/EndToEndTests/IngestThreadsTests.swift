import ArchiveStore
import Fingerprints
import Foundation
import IndexStore
import Pipeline
import Testing

@testable import ChachongCore

/// Reading and fingerprinting on several threads stores the same index as one thread: same
/// documents in the same order with the same metadata, signatures and bucket rows, the same
/// failures in the same order.
@Test func ingestOnSeveralThreadsStoresTheSameIndex() async throws {
  let folder = indexTestDirectory("threads")
  defer { try? FileManager.default.removeItem(at: folder) }
  var lines: [String] = []
  for number in 0..<150 {
    if number % 37 == 5 {
      lines.append("{\"id\": \"bad\(number)\"}")  // no text: a failure in the middle
      continue
    }
    // Every 10th record repeats an earlier text, so the index has real candidates to find.
    let seed = UInt64(number % 10 == 9 ? number - 9 : number)
    let text =
      "一、立项依据\n" + indexTestText(seed: seed, count: 600) + "\n二、研究内容\n"
      + indexTestText(seed: seed + 1000, count: 600)
    let escaped = text.replacingOccurrences(of: "\n", with: "\\n")
    // Records 10 and 20 share an id: the first is stored and the second refused, whatever
    // worker prepared each.
    let id = number == 10 || number == 20 ? "dup" : "doc\(number)"
    lines.append("{\"id\": \"\(id)\", \"program\": \"前瞻\", \"year\": 2023, \"text\": \"\(escaped)\"}")
  }
  let corpus = folder.appendingPathComponent("docs.jsonl")
  try lines.joined(separator: "\n").write(to: corpus, atomically: true, encoding: .utf8)
  let plain = folder.appendingPathComponent("plain.txt")
  try indexTestText(seed: 77, count: 900).write(to: plain, atomically: true, encoding: .utf8)
  let entries: [InputEntry] = [
    .records(path: corpus.path, defaults: InputMetadata()),
    .file(path: plain.path, metadata: InputMetadata()),
    .file(path: folder.appendingPathComponent("missing.txt").path, metadata: InputMetadata()),
  ]
  var summaries: [IngestJob.Summary] = []
  var indexes: [DocumentIndex] = []
  for threads in [1, 3] {
    let directory = folder.appendingPathComponent("index\(threads)").path
    summaries.append(try await TestJobs.ingest(directory, entries: entries, workers: threads, batchSize: 16))
    indexes.append(try DocumentIndex.open(directory: directory))
  }
  // Two records with the id "dup" in one run: the first is stored, the second is an error naming
  // both (issue 11: never a silent overwrite).
  #expect(summaries[0].ingested == 146)
  #expect(
    summaries[0].failures.contains { $0.path.hasSuffix(":21") && $0.reason.contains("already given by") })
  let dupExpected = indexTestText(seed: 10, count: 600)
  for index in indexes {
    #expect(try await index.text(id: "dup")?.contains(dupExpected) == true)
  }
  #expect(summaries[0].failures.count == 6)
  #expect(summaries[0] == summaries[1])
  let one = try indexes[0].list(DocumentFilter())
  let three = try indexes[1].list(DocumentFilter())
  #expect(one.map(\.id) == three.map(\.id))
  #expect(one.map(\.sourceSHA256) == three.map(\.sourceSHA256))
  #expect(one.map(\.sections) == three.map(\.sections))
  let statsOne = try indexes[0].statsNow()
  let statsThree = try indexes[1].statsNow()
  #expect(statsOne.lshBucketRows == statsThree.lshBucketRows)
  #expect(statsOne.sectionBucketRows == statsThree.sectionBucketRows)
  #expect(statsOne.storedTextBytes == statsThree.storedTextBytes)
  for id in ["doc9", "doc19", "doc100"] {
    let text = try await #require(try indexes[1].text(id: id))
    let fingerprint = Fingerprinter(parameters: indexes[1].parameters.fingerprint).fingerprint(text)
    #expect(
      try await indexes[0].candidates(for: fingerprint).map(\.id)
        == indexes[1].candidates(for: fingerprint).map(\.id))
  }

  // Querying the whole corpus on 1 and 3 threads gives the same report, byte for byte.
  var reports: [String] = []
  for threads in [1, 3] {
    var queryOptions = QueryJob.Options(top: 0)
    queryOptions.threads = threads
    let report = try await TestJobs.query(indexes[0], entries: entries, options: queryOptions)
    #expect(Array(report.results.map(\.id).prefix(3)) == ["doc0", "doc1", "doc2"], "input order")
    reports.append(JSONOutput.encode(report))
  }
  #expect(reports[0] == reports[1])
  #expect(reports[0].contains("\"doc9\""))
}

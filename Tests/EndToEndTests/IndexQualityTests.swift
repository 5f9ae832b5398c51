import ArchiveStore
import Foundation
import IndexStore
import Pipeline
import Testing

@testable import ChachongCore

/// A small generated corpus with planted pairs, run through ingest and query in-process:
/// near-duplicates with exact Jaccard ≥ 0.5 and single copied sections must all be found, and
/// every reported pair carries its exact scores.
@Test func plantedPairsAreFound() async throws {
  let folder = indexTestDirectory("quality")
  defer { try? FileManager.default.removeItem(at: folder) }
  var lines: [String] = []
  var nearDuplicates: [(String, String)] = []
  var copiedSections: [(String, String)] = []
  let headings = ["一、立项依据", "二、研究内容", "三、技术路线", "四、预期成果", "五、经费预算"]
  /// A document of five headed sections; section bodies are seeded by `seed * 10 + section`.
  func sectionBodies(_ seed: UInt64) -> [String] {
    (0..<5).map {
      indexTestText(seed: seed * 10 + UInt64($0), count: 600 + Int((seed + UInt64($0)) % 5) * 150)
    }
  }
  func render(_ bodies: [String]) -> String {
    zip(headings, bodies).map { "\($0)\n\($1)" }.joined(separator: "\n")
  }
  let baseCount = 120
  for number in 0..<baseCount {
    lines.append(jsonLine(id: "base\(number)", text: render(sectionBodies(UInt64(number)))))
  }
  // Near-duplicates: every n-th character of a base document replaced (exact J from 0.5 to 0.9).
  for number in 0..<30 {
    let bodies = sectionBodies(UInt64(number)).map { body in
      var scalars = Array(body.unicodeScalars)
      let step = 20 + number * 2
      for position in stride(from: number % 7, to: scalars.count, by: step) {
        scalars[position] = "改"
      }
      return String(String.UnicodeScalarView(scalars))
    }
    lines.append(jsonLine(id: "near\(number)", text: render(bodies)))
    nearDuplicates.append(("near\(number)", "base\(number)"))
  }
  // Copied sections: one section of a base document inside an otherwise new document.
  for number in 0..<30 {
    var bodies = sectionBodies(UInt64(1000 + number))
    let section = number % 5
    bodies[section] = sectionBodies(UInt64(40 + number))[section]
    lines.append(jsonLine(id: "part\(number)", text: render(bodies)))
    copiedSections.append(("part\(number)", "base\(40 + number)"))
  }
  let corpus = folder.appendingPathComponent("docs.jsonl")
  try (lines.joined(separator: "\n") + "\n").write(to: corpus, atomically: true, encoding: .utf8)
  let indexDirectory = folder.appendingPathComponent("index").path
  let entries = InputCollector.collect(paths: [corpus.path]).entries
  let summary = try await TestJobs.ingest(
    indexDirectory,
    entries: entries)
  #expect(summary.ingested == lines.count)
  #expect(summary.failures.isEmpty)

  let index = try DocumentIndex.open(directory: indexDirectory)
  let report = try await TestJobs.query(index, entries: entries, options: QueryJob.Options(top: 0))
  var reported: [String: [QueryMatch]] = [:]
  for result in report.results {
    reported[result.id] = result.matches
    #expect(!result.matches.contains { $0.id == result.id }, "a query never matches itself")
  }
  var nearFound = 0
  var texts: [String: String] = [:]
  for line in lines {
    if let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
      let id = object["id"], let text = object["text"]
    {
      texts[id] = text
    }
  }
  for (query, source) in nearDuplicates {
    guard let match = reported[query]?.first(where: { $0.id == source }) else {
      // LSH (25 bands × 5 rows) finds a pair at J = 0.6 with probability 0.87, at 0.7 with 0.99:
      // a miss is allowed only just above the threshold.
      let exact = CompareJob.compare(
        InputDocument(
          id: query, path: query, text: texts[query] ?? "", sections: [], sourceSHA256: "",
          metadata: InputMetadata()),
        InputDocument(
          id: source, path: source, text: texts[source] ?? "", sections: [], sourceSHA256: "",
          metadata: InputMetadata()))
      #expect(exact.jaccard < 0.65, "missed \(query)–\(source) at J = \(exact.jaccard)")
      continue
    }
    nearFound += 1
    #expect(match.jaccard >= 0.5)
  }
  var sectionsFound = 0
  for (query, source) in copiedSections {
    guard let match = reported[query]?.first(where: { $0.id == source }) else { continue }
    sectionsFound += 1
    #expect(match.jaccard < 0.5)
    #expect(match.matchContainment >= 0.1)
    #expect(match.sharedCharacters >= 400)
  }
  #expect(nearFound >= nearDuplicates.count - 2)
  #expect(sectionsFound == copiedSections.count)
  // Unrelated generated documents are never reported.
  let unrelated = report.results.filter { $0.id.hasPrefix("base") && Int($0.id.dropFirst(4)) ?? 0 >= 70 }
  #expect(unrelated.allSatisfy { $0.matches.isEmpty })
}

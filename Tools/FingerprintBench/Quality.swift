import Fingerprints
import Foundation
import Matching

/// chachong's exact Jaccard on the peerbench planted pairs next to the truth file's (character
/// 5-grams, no NFKC or case folding), and recall of planted pairs through the LSH.
enum Quality {
  static func run(_ options: Options) throws {
    let documents = try CorpusFile.documents(path: try options.required("corpus"))
    let truth = try CorpusFile.jsonObjects(path: try options.required("truth"))
    let threshold = options.double("threshold", default: 0.5)
    let parameters = FingerprintParameters.standard
    let fingerprinter = Fingerprinter(parameters: parameters)
    let fingerprints = documents.map { fingerprinter.fingerprint($0.text) }
    var indexOf: [String: Int] = [:]
    for (index, document) in documents.enumerated() { indexOf[document.id] = index }

    let configurations: [(String, LSHParameters)] = [
      (
        "optimal(\(threshold)) default weights",
        LSHParameters.optimal(threshold: threshold, signatureSize: 128)
      ),
      ("32×4 (peerbench peers)", LSHParameters(bands: 32, rows: 4)),
      (
        "optimal(\(threshold), fp 0.02, fn 0.98)",
        LSHParameters.optimal(
          threshold: threshold, signatureSize: 128, falsePositiveWeight: 0.02, falseNegativeWeight: 0.98)
      ),
      ("optimal(0.3) default weights", LSHParameters.optimal(threshold: 0.3, signatureSize: 128)),
    ]
    var candidateSets: [Set<[Int]>] = []
    for (_, lsh) in configurations {
      var table = LSHTable(parameters: lsh)
      for (index, fingerprint) in fingerprints.enumerated() {
        table.insert(Int32(index), fingerprint.signature)
      }
      var pairs: Set<[Int]> = []
      for (index, fingerprint) in fingerprints.enumerated() {
        for other in table.candidates(fingerprint.signature, excluding: Int32(index)) {
          pairs.insert([min(index, Int(other)), max(index, Int(other))])
        }
      }
      candidateSets.append(pairs)
    }
    let lsh = configurations[0].1
    let candidatePairs = candidateSets[0]
    printLine("documents: \(documents.count); truth pairs: \(truth.count); threshold \(threshold)")

    struct Row {
      var kind: String
      var a: Int
      var b: Int
      var truth: Double
      var ours: Double
      var estimate: Double
      var candidate: Bool
    }
    var rows: [Row] = []
    for object in truth {
      guard let a = (object["a"] as? String).flatMap({ indexOf[$0] }),
        let b = (object["b"] as? String).flatMap({ indexOf[$0] }),
        let kind = object["kind"] as? String, let jaccard = object["jaccard"] as? Double
      else { throw BenchError("truth line without a/b/kind/jaccard or unknown id") }
      let scores = Verifier.scores(
        query: fingerprints[a].normalized, queryHashes: fingerprints[a].shingleHashes,
        matchHashes: fingerprints[b].shingleHashes, k: parameters.shingleSize)
      rows.append(
        Row(
          kind: kind, a: a, b: b, truth: jaccard, ours: scores.jaccard,
          estimate: fingerprints[a].signature.estimatedJaccard(fingerprints[b].signature),
          candidate: candidatePairs.contains([min(a, b), max(a, b)])))
    }

    printLine("\n## Exact Jaccard: chachong vs truth.jsonl (ours − truth)\n")
    printLine("| kind | pairs | mean gap | mean abs gap | max abs gap | pairs with abs gap > 0.02 |")
    printLine("|---|---|---|---|---|---|")
    let kinds = Array(Set(rows.map(\.kind))).sorted()
    for kind in kinds + ["all"] {
      let selected = rows.filter { kind == "all" || $0.kind == kind }
      let gaps = selected.map { $0.ours - $0.truth }
      printLine(
        "| \(kind) | \(selected.count) | \(format(gaps.reduce(0, +) / Double(gaps.count), 4)) | "
          + "\(format(gaps.map(abs).reduce(0, +) / Double(gaps.count), 4)) | "
          + "\(format(gaps.map(abs).max() ?? 0, 4)) | \(gaps.filter { abs($0) > 0.02 }.count) |")
    }
    let worst = rows.sorted { abs($0.ours - $0.truth) > abs($1.ours - $1.truth) }.prefix(5)
    printLine("\nlargest gaps:")
    for row in worst {
      printLine(
        "  \(documents[row.a].id) \(documents[row.b].id) \(row.kind): truth \(format(row.truth, 4)) ours \(format(row.ours, 4))"
      )
    }

    printLine("\n## Recall of planted pairs (truth J ≥ \(threshold)) through LSH, whole documents\n")
    printLine(
      "| LSH | bands×rows | P(candidate) at J=0.5 | candidate pairs | candidates per document | "
        + kinds.filter { k in rows.contains { $0.kind == k && $0.truth >= threshold } }.joined(
          separator: " | ")
        + " | recall (all) |")
    printLine(
      "|---|---|---|---|---|"
        + String(
          repeating: "---|",
          count: kinds.filter { k in rows.contains { $0.kind == k && $0.truth >= threshold } }.count + 1))
    for ((name, configuration), pairs) in zip(configurations, candidateSets) {
      var cells: [String] = []
      for kind in kinds + ["all"] {
        let positives = rows.filter { ($0.kind == kind || kind == "all") && $0.truth >= threshold }
        guard !positives.isEmpty else { continue }
        let found = positives.filter { pairs.contains([min($0.a, $0.b), max($0.a, $0.b)]) }.count
        cells.append(
          kind == "all" ? format(Double(found) / Double(positives.count), 3) : "\(found)/\(positives.count)")
      }
      printLine(
        "| \(name) | \(configuration.bands)×\(configuration.rows) | "
          + "\(format(configuration.candidateProbability(similarity: 0.5), 3)) | \(pairs.count) | "
          + "\(format(2 * Double(pairs.count) / Double(documents.count), 2)) | "
          + cells.joined(separator: " | ") + " |")
    }
    _ = lsh
    let oursPositive = rows.filter { $0.ours >= threshold }
    printLine(
      "\nplanted pairs with chachong's exact J ≥ \(threshold): \(oursPositive.count), LSH candidates among them: "
        + "\(oursPositive.filter(\.candidate).count)")
    let partial = rows.filter { $0.kind == "partial_section" }
    if !partial.isEmpty {
      printLine(
        "partial_section: \(partial.count) pairs, truth J \(format(partial.map(\.truth).min() ?? 0, 3))–"
          + "\(format(partial.map(\.truth).max() ?? 0, 3)); whole-document LSH candidates: "
          + "\(partial.filter(\.candidate).count) (needs the finer granularity of the index)")
    }
  }
}

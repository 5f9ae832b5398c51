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

    let lsh = LSHParameters.optimal(threshold: threshold, signatureSize: parameters.signatureSize)
    var table = LSHTable(parameters: lsh)
    for (index, fingerprint) in fingerprints.enumerated() {
      table.insert(Int32(index), fingerprint.signature)
    }
    var candidatePairs: Set<[Int]> = []
    for (index, fingerprint) in fingerprints.enumerated() {
      for other in table.candidates(fingerprint.signature, excluding: Int32(index)) {
        candidatePairs.insert([min(index, Int(other)), max(index, Int(other))])
      }
    }
    printLine(
      "documents: \(documents.count); truth pairs: \(truth.count); LSH \(lsh.bands)×\(lsh.rows) at \(threshold)"
    )
    printLine("LSH candidate pairs: \(candidatePairs.count)")

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

    printLine("\n## Recall of planted pairs through LSH \(lsh.bands)×\(lsh.rows)\n")
    printLine("| kind | truth J ≥ \(threshold) | LSH candidates | recall | also ours J ≥ \(threshold) |")
    printLine("|---|---|---|---|---|")
    for kind in kinds + ["all"] {
      let positives = rows.filter { ($0.kind == kind || kind == "all") && $0.truth >= threshold }
      guard !positives.isEmpty else { continue }
      let found = positives.filter(\.candidate).count
      let verified = positives.filter { $0.candidate && $0.ours >= threshold }.count
      printLine(
        "| \(kind) | \(positives.count) | \(found) | \(format(Double(found) / Double(positives.count), 3)) | \(verified) |"
      )
    }
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

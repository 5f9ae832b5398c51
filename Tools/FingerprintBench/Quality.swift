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
    var parameters = FingerprintParameters.standard
    if let seed = options.string("seed").flatMap({ UInt64($0) }) { parameters.seed = seed }
    let fingerprinter = Fingerprinter(parameters: parameters)
    let fingerprints = documents.map { fingerprinter.fingerprint($0.text) }
    var indexOf: [String: Int] = [:]
    for (index, document) in documents.enumerated() { indexOf[document.id] = index }

    let configurations: [(name: String, size: Int, lsh: LSHParameters)] = [
      ("K=128 optimal(\(threshold))", 128, LSHParameters.optimal(threshold: threshold, signatureSize: 128)),
      (
        "K=128 optimal(\(threshold), fp 0.1, fn 0.9)", 128,
        LSHParameters.optimal(
          threshold: threshold, signatureSize: 128, falsePositiveWeight: 0.1, falseNegativeWeight: 0.9)
      ),
      (
        "K=128 optimal(\(threshold), fp 0.05, fn 0.95)", 128,
        LSHParameters.optimal(
          threshold: threshold, signatureSize: 128, falsePositiveWeight: 0.05, falseNegativeWeight: 0.95)
      ),
      (
        "K=256 optimal(\(threshold), fp 0.05, fn 0.95)", 256,
        LSHParameters.optimal(
          threshold: threshold, signatureSize: 256, falsePositiveWeight: 0.05, falseNegativeWeight: 0.95)
      ),
      ("K=256 64×4", 256, LSHParameters(bands: 64, rows: 4)),
    ]
    let wide = MinHasher(parameters: FingerprintParameters(signatureSize: 256, seed: parameters.seed))
    let wideSignatures = fingerprints.map { wide.signature(of: $0.shingleHashes) }
    var candidateSets: [Set<[Int]>] = []
    for configuration in configurations {
      var table = LSHTable(parameters: configuration.lsh)
      let signatures = configuration.size == 256 ? wideSignatures : fingerprints.map(\.signature)
      for (index, signature) in signatures.enumerated() { table.insert(Int32(index), signature) }
      var pairs: Set<[Int]> = []
      for (index, signature) in signatures.enumerated() {
        for other in table.candidates(signature, excluding: Int32(index)) {
          pairs.insert([min(index, Int(other)), max(index, Int(other))])
        }
      }
      candidateSets.append(pairs)
    }
    let lsh = configurations[0].lsh
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
    for (configuration, pairs) in zip(configurations, candidateSets) {
      var cells: [String] = []
      for kind in kinds + ["all"] {
        let positives = rows.filter { ($0.kind == kind || kind == "all") && $0.truth >= threshold }
        guard !positives.isEmpty else { continue }
        let found = positives.filter { pairs.contains([min($0.a, $0.b), max($0.a, $0.b)]) }.count
        cells.append(
          kind == "all" ? format(Double(found) / Double(positives.count), 3) : "\(found)/\(positives.count)")
      }
      printLine(
        "| \(configuration.name) | \(configuration.lsh.bands)×\(configuration.lsh.rows) | "
          + "\(format(configuration.lsh.candidateProbability(similarity: 0.5), 3)) | \(pairs.count) | "
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
    unrelatedPairs(
      documents: documents, fingerprints: fingerprints, wide: wideSignatures,
      truth: rows.map { [$0.a, $0.b] })
  }

  /// Estimated vs exact Jaccard on random pairs that are not planted: a bias here inflates LSH
  /// candidates at low similarity.
  static func unrelatedPairs(
    documents: [Document], fingerprints: [DocumentFingerprint], wide: [MinHashSignature], truth: [[Int]]
  ) {
    let planted = Set(truth.map { [min($0[0], $0[1]), max($0[0], $0[1])] })
    var random = SplitMix(state: 99)
    let independent = IndependentScheme(size: 128)
    var sums = [Double](repeating: 0, count: 4)  // exact, K=128, K=256, independent
    var squares = [Double](repeating: 0, count: 3)
    var count = 0
    var bands32x4 = 0
    var bands53x4 = 0
    let lsh128 = LSHParameters(bands: 32, rows: 4)
    let lsh256 = LSHParameters(bands: 53, rows: 4)
    while count < 2000 {
      let a = Int(random.next() % UInt64(documents.count))
      let b = Int(random.next() % UInt64(documents.count))
      guard a != b, !planted.contains([min(a, b), max(a, b)]) else { continue }
      let exact = Verifier.scores(
        query: fingerprints[a].normalized, queryHashes: fingerprints[a].shingleHashes,
        matchHashes: fingerprints[b].shingleHashes, k: 5
      ).jaccard
      let e128 = fingerprints[a].signature.estimatedJaccard(fingerprints[b].signature)
      let e256 = wide[a].estimatedJaccard(wide[b])
      let ia = fingerprints[a].shingleHashes.withUnsafeBufferPointer { independent.signature($0) }
      let ib = fingerprints[b].shingleHashes.withUnsafeBufferPointer { independent.signature($0) }
      let eIndependent = SchemeComparison.estimate(ia, ib)
      sums[0] += exact
      sums[1] += e128
      sums[2] += e256
      sums[3] += eIndependent
      squares[0] += (e128 - exact) * (e128 - exact)
      squares[1] += (e256 - exact) * (e256 - exact)
      squares[2] += (eIndependent - exact) * (eIndependent - exact)
      let k128 = Set(lsh128.bandKeys(of: fingerprints[a].signature))
      if lsh128.bandKeys(of: fingerprints[b].signature).contains(where: k128.contains) { bands32x4 += 1 }
      let k256 = Set(lsh256.bandKeys(of: wide[a]))
      if lsh256.bandKeys(of: wide[b]).contains(where: k256.contains) { bands53x4 += 1 }
      count += 1
    }
    let n = Double(count)
    printLine("\n## \(count) random unplanted pairs: estimated vs exact Jaccard\n")
    printLine("| | mean J | mean error | RMSE | band collisions |")
    printLine("|---|---|---|---|---|")
    printLine("| exact | \(format(sums[0] / n, 4)) | | | |")
    printLine(
      "| OPH K=128 (chachong) | \(format(sums[1] / n, 4)) | \(format((sums[1] - sums[0]) / n, 4)) | "
        + "\(format((squares[0] / n).squareRoot(), 4)) | 32×4: \(bands32x4) |")
    printLine(
      "| OPH K=256 (chachong) | \(format(sums[2] / n, 4)) | \(format((sums[2] - sums[0]) / n, 4)) | "
        + "\(format((squares[1] / n).squareRoot(), 4)) | 53×4: \(bands53x4) |")
    printLine(
      "| independent 128 × mix64 | \(format(sums[3] / n, 4)) | \(format((sums[3] - sums[0]) / n, 4)) | "
        + "\(format((squares[2] / n).squareRoot(), 4)) | |")
  }
}

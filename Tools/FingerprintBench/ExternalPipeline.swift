import Fingerprints
import Foundation
import Matching

/// `bench_peers.py external` contract: JSONL in, verified pairs (TSV) and phase timings (JSON) out.
/// Phases: read, shingle (normalisation only), signature (shingle hashes and MinHash, fused as the
/// Fingerprinter does them), insert (LSH), query (LSH candidates), verify (exact Jaccard ≥ threshold,
/// normalising both texts again as an index that stores only normalised text would).
enum ExternalPipeline {
  static func run(_ options: Options) throws {
    let threshold = options.double("threshold", default: 0.5)
    let parameters = FingerprintParameters(
      shingleSize: 5, signatureSize: options.int("num-perm", default: 128))
    var phases: [String: Double] = [:]
    var cpu: [String: Double] = [:]
    func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
      let wall = Clock.seconds()
      let start = Clock.cpuSeconds()
      let result = try body()
      phases[name] = Clock.seconds() - wall
      cpu[name] = Clock.cpuSeconds() - start
      return result
    }
    let documents = try timed("read") { try CorpusFile.documents(path: try options.required("input")) }
    let fingerprinter = Fingerprinter(parameters: parameters)
    let lsh: LSHParameters
    if let bands = options.string("bands").flatMap({ Int($0) }),
      let rows = options.string("rows").flatMap({ Int($0) }), options.string("optimal") == nil
    {
      lsh = LSHParameters(bands: bands, rows: rows)
    } else {
      lsh = LSHParameters.optimal(threshold: threshold, signatureSize: parameters.signatureSize)
    }
    var table = LSHTable(parameters: lsh)
    // Streaming, one document at a time as an ingest does: only signatures stay in memory.
    var signatures: [MinHashSignature] = []
    signatures.reserveCapacity(documents.count)
    var wall = [Double](repeating: 0, count: 3)
    var processor = [Double](repeating: 0, count: 3)
    for (index, document) in documents.enumerated() {
      let wall0 = Clock.seconds()
      let cpu0 = Clock.cpuSeconds()
      let normalized = NormalizedText(normalizing: document.text)
      let wall1 = Clock.seconds()
      let cpu1 = Clock.cpuSeconds()
      let signature = fingerprinter.fingerprint(normalized).signature
      let wall2 = Clock.seconds()
      let cpu2 = Clock.cpuSeconds()
      table.insert(Int32(index), signature)
      signatures.append(signature)
      wall[0] += wall1 - wall0
      wall[1] += wall2 - wall1
      wall[2] += Clock.seconds() - wall2
      processor[0] += cpu1 - cpu0
      processor[1] += cpu2 - cpu1
      processor[2] += Clock.cpuSeconds() - cpu2
    }
    for (phase, name) in ["shingle", "signature", "insert"].enumerated() {
      phases[name] = wall[phase]
      cpu[name] = processor[phase]
    }
    let candidates = timed("query") {
      signatures.enumerated().map { index, signature in
        table.candidates(signature, excluding: Int32(index)).filter { $0 > index }
      }
    }
    var pairs: [(Int, Int)] = []
    timed("verify") {
      for (index, others) in candidates.enumerated() {
        for other in others {
          let scores = Verifier.scores(
            query: NormalizedText(normalizing: documents[index].text),
            match: NormalizedText(normalizing: documents[Int(other)].text), k: parameters.shingleSize,
            seed: parameters.seed)
          if scores.jaccard >= threshold { pairs.append((index, Int(other))) }
        }
      }
    }
    var output =
      "# chachong-fingerprint-bench pipeline, LSH \(lsh.bands)x\(lsh.rows), exact J >= \(threshold)\n"
    for (a, b) in pairs { output += "\(documents[a].id)\t\(documents[b].id)\n" }
    try output.write(toFile: try options.required("pairs"), atomically: true, encoding: .utf8)
    let candidateCount = candidates.reduce(0) { $0 + $1.count }
    if let path = options.string("timings") {
      let object: [String: Any] = [
        "phases": phases, "cpu": cpu,
        "extra": [
          "candidates": candidateCount, "verified": pairs.count, "bands": lsh.bands, "rows": lsh.rows,
        ],
      ]
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      try data.write(to: URL(fileURLWithPath: path))
    }
    let megabytes = Double(documents.reduce(0) { $0 + $1.text.utf8.count }) / 1e6
    let core = ["shingle", "signature", "insert", "query"].reduce(0) { $0 + (phases[$1] ?? 0) }
    FileHandle.standardError.write(
      Data(
        ("documents \(documents.count), \(format(megabytes)) MB; LSH \(lsh.bands)x\(lsh.rows); candidates "
          + "\(candidateCount), verified \(pairs.count); core (shingle+signature+insert+query) "
          + "\(format(core, 3)) s = \(format(Double(documents.count) / core, 0)) docs/s; phases "
          + phases.sorted { $0.key < $1.key }.map { "\($0.key) \(format($0.value, 3))" }.joined(
            separator: ", ")
          + "\n").utf8))
  }
}

import Fingerprints
import Foundation

/// MB/s of UTF-8 text through each stage on one core; median of `--runs` passes over the corpus.
enum Throughput {
  static func run(_ options: Options) throws {
    let documents = try CorpusFile.documents(
      path: try options.required("corpus"), limit: options.int("limit", default: .max))
    let runs = options.int("runs", default: 5)
    let bytes = documents.reduce(0) { $0 + $1.text.utf8.count }
    let megabytes = Double(bytes) / 1e6
    printLine("corpus: \(documents.count) documents, \(format(megabytes)) MB UTF-8; runs: \(runs)")
    let parameters = FingerprintParameters.standard
    let fingerprinter = Fingerprinter(parameters: parameters)
    _ = fingerprinter.fingerprint("预热 warm-up")  // builds the scalar table outside the timing
    let stages: [(String, (String) -> Int)] = [
      ("normalise", { NormalizedText(normalizing: $0).count }),
      (
        "normalise+shingle",
        {
          Shingler.shingleHashes(
            of: NormalizedText(normalizing: $0), k: parameters.shingleSize, seed: parameters.seed
          ).count
        }
      ),
      ("normalise+shingle+signature", { Int(fingerprinter.fingerprint($0).signature.values[0]) }),
    ]
    var results: [String: [Double]] = [:]
    for round in 0..<runs {
      for (name, stage) in stages {
        var checksum = 0
        let cpuStart = Clock.cpuSeconds()
        for document in documents { checksum &+= stage(document.text) }
        let cpu = Clock.cpuSeconds() - cpuStart
        results[name, default: []].append(megabytes / cpu)
        if round == 0 && checksum == 42 { printLine("") }  // keeps the work observable
      }
    }
    for (name, _) in stages {
      let rates = results[name] ?? []
      printLine(
        "\(name): median \(format(median(rates))) MB/s CPU time (runs: "
          + rates.map { format($0) }.joined(separator: ", ") + ")")
    }
  }
}

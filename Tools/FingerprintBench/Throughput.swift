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
    let tableStart = Clock.cpuSeconds()
    _ = fingerprinter.fingerprint("预热 warm-up")  // builds the scalar table outside the timing
    printLine(
      "one-time scalar table build (first NormalizedText): \(format((Clock.cpuSeconds() - tableStart) * 1000)) ms CPU"
    )
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
    let normalizedTexts = documents.map { NormalizedText(normalizing: $0.text) }
    let serializedTexts = normalizedTexts.map { $0.serialized() }
    let serializedBytes = serializedTexts.reduce(0) { $0 + $1.count }
    printLine(
      "serialized NormalizedText: \(format(Double(serializedBytes) / Double(documents.count) / 1024)) KiB per document, "
        + "\(format(Double(serializedBytes) / Double(normalizedTexts.reduce(0) { $0 + $1.count }), 2)) bytes per token"
    )
    for _ in 0..<3 {
      var start = Clock.cpuSeconds()
      var total = 0
      for text in normalizedTexts { total &+= text.serialized().count }
      let serializeSeconds = Clock.cpuSeconds() - start
      start = Clock.cpuSeconds()
      for bytes in serializedTexts { total &+= (try? NormalizedText(serialized: bytes))?.count ?? 0 }
      let deserializeSeconds = Clock.cpuSeconds() - start
      printLine(
        "NormalizedText serialize \(format(serializeSeconds / Double(documents.count) * 1e6)) µs, "
          + "deserialize \(format(deserializeSeconds / Double(documents.count) * 1e6)) µs per document (CPU)"
          + (total == 42 ? " " : ""))
    }
    var results: [String: [Double]] = [:]
    var wallResults: [String: [Double]] = [:]
    for round in 0..<runs {
      for (name, stage) in stages {
        var checksum = 0
        let wallStart = Clock.seconds()
        let cpuStart = Clock.cpuSeconds()
        for document in documents { checksum &+= stage(document.text) }
        let cpu = Clock.cpuSeconds() - cpuStart
        results[name, default: []].append(megabytes / cpu)
        wallResults[name, default: []].append(megabytes / (Clock.seconds() - wallStart))
        if round == 0 && checksum == 42 { printLine("") }  // keeps the work observable
      }
    }
    for (name, _) in stages {
      let rates = results[name] ?? []
      let wallRates = wallResults[name] ?? []
      printLine(
        "\(name): median \(format(median(rates))) MB/s CPU time (runs: "
          + rates.map { format($0) }.joined(separator: ", ") + "); wall \(format(median(wallRates))) MB/s")
    }
  }
}

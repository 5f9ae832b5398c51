import Fingerprints
import Foundation

/// Estimation error of each MinHash scheme against exact Jaccard, next to what 128 independent
/// permutations give, and each scheme's speed on real shingle hashes.
enum SchemeComparison {
  static let size = 128

  static func run(_ options: Options) throws {
    let pairs = options.int("pairs", default: 300)
    let sizes = options.ints("sizes", default: [10, 50, 200, 1000, 10000])
    let jaccards = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    let schemes: [any MinHashScheme] = [
      IndependentScheme(size: size), ClassicModPrimeScheme(size: size),
      MultiplyShiftScheme(size: size), CMinHashScheme(size: size), CMinHashMixScheme(size: size),
      PlainOnePermutationScheme(size: size), OptimalDensificationScheme(size: size),
      OnePermutationScheme(size: size),
    ]
    if let corpus = options.string("throughput-corpus") {
      try speed(schemes, corpus: corpus, limit: options.int("limit", default: 100))
    }
    printLine("\n## Error: RMSE of estimated vs exact Jaccard, \(pairs) pairs per cell, K = \(size)")
    printLine("theory for independent permutations: sqrt(J(1-J)/128)\n")
    var element: UInt64 = 0
    for unionSize in sizes {
      var squared = [[Double]](repeating: [Double](repeating: 0, count: jaccards.count), count: schemes.count)
      var bias = squared
      var exactMean = [Double](repeating: 0, count: jaccards.count)
      for (column, target) in jaccards.enumerated() {
        let shared = max(0, min(unionSize, Int((target * Double(unionSize)).rounded())))
        let onlyA = (unionSize - shared) / 2
        let onlyB = unionSize - shared - onlyA
        let exact = Double(shared) / Double(unionSize)
        exactMean[column] = exact
        for _ in 0..<pairs {
          var a: [UInt64] = []
          var b: [UInt64] = []
          a.reserveCapacity(shared + onlyA)
          b.reserveCapacity(shared + onlyB)
          for _ in 0..<shared {
            element &+= 1
            let value = StableHash.mix64(element)
            a.append(value)
            b.append(value)
          }
          for _ in 0..<onlyA {
            element &+= 1
            a.append(StableHash.mix64(element))
          }
          for _ in 0..<onlyB {
            element &+= 1
            b.append(StableHash.mix64(element))
          }
          for (row, scheme) in schemes.enumerated() {
            let sa = a.withUnsafeBufferPointer { scheme.signature($0) }
            let sb = b.withUnsafeBufferPointer { scheme.signature($0) }
            let error = estimate(sa, sb) - exact
            squared[row][column] += error * error
            bias[row][column] += error
          }
        }
      }
      printLine("### |A ∪ B| = \(unionSize)\n")
      printLine(
        "| scheme | " + exactMean.map { "J=" + format($0, 2) }.joined(separator: " | ")
          + " | RMSE / independent (all J) | max abs bias |")
      printLine("|---|" + String(repeating: "---|", count: jaccards.count + 2))
      printLine(
        "| theory sqrt(J(1-J)/128) | "
          + exactMean.map { format(($0 * (1 - $0) / Double(size)).squareRoot(), 4) }.joined(
            separator: " | ") + " | | |")
      let referenceTotal = squared[0].reduce(0, +)
      for (row, scheme) in schemes.enumerated() {
        let rmse = squared[row].map { ($0 / Double(pairs)).squareRoot() }
        let ratio = (squared[row].reduce(0, +) / referenceTotal).squareRoot()
        let maxBias = bias[row].map { abs($0 / Double(pairs)) }.max() ?? 0
        printLine(
          "| \(scheme.name) | " + rmse.map { format($0, 4) }.joined(separator: " | ")
            + " | \(format(ratio, 3)) | \(format(maxBias, 4)) |")
      }
      printLine("")
    }
  }

  /// Share of equal positions, leaving out positions empty on both sides (only plain OPH has them).
  static func estimate(_ a: [UInt64], _ b: [UInt64]) -> Double {
    var equal = 0
    var counted = 0
    for index in a.indices {
      if a[index] == .max && b[index] == .max { continue }
      counted += 1
      if a[index] == b[index] { equal += 1 }
    }
    return counted == 0 ? 0 : Double(equal) / Double(counted)
  }

  /// Signature time per scheme over the real shingle hashes of the first `limit` corpus documents;
  /// MB/s is of the documents' UTF-8 text (shingling not included).
  static func speed(_ schemes: [any MinHashScheme], corpus: String, limit: Int) throws {
    let documents = try CorpusFile.documents(path: corpus, limit: limit)
    let parameters = FingerprintParameters.standard
    let shingles = documents.map {
      Shingler.shingleHashes(
        of: NormalizedText(normalizing: $0.text), k: parameters.shingleSize, seed: parameters.seed)
    }
    let megabytes = Double(documents.reduce(0) { $0 + $1.text.utf8.count }) / 1e6
    let count = shingles.reduce(0) { $0 + $1.count }
    printLine("## Signature speed: \(documents.count) documents, \(format(megabytes)) MB, \(count) shingles")
    printLine("median of 5 runs, CPU time, one core\n")
    printLine("| scheme | ns per shingle | MB/s of text (signature only) |")
    printLine("|---|---|---|")
    for scheme in schemes {
      var times: [Double] = []
      for _ in 0..<5 {
        var checksum: UInt64 = 0
        let start = Clock.cpuSeconds()
        for hashes in shingles {
          checksum &+= hashes.withUnsafeBufferPointer { scheme.signature($0) }[0]
        }
        times.append(Clock.cpuSeconds() - start)
        if checksum == 42 { printLine("") }
      }
      let seconds = median(times)
      printLine(
        "| \(scheme.name) | \(format(seconds / Double(count) * 1e9, 2)) | \(format(megabytes / seconds)) |")
    }
  }
}

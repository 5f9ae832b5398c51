import Foundation
import Matching

/// Spearman rank correlation between `ParaphraseAligner.similarity` and human similarity labels
/// (`--sts DIR`, DIR = text2vec-zh-sts-sohu): Chinese STS-B test (`sent1<TAB>sent2<TAB>0–5`) and the
/// SOHU short–short and short–long pairs (JSON lines with `sentence1`, `sentence2`, `label`).
enum STSEvaluation {
  static func run(directory: String) throws {
    var sets: [(String, [(String, String, Double)])] = []
    if let data = FileManager.default.contents(atPath: directory + "/STS-B/STS-B.test.data") {
      let rows = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
        line -> (String, String, Double)? in
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard parts.count >= 3, let score = Double(parts[2].trimmingCharacters(in: .whitespaces)) else {
          return nil
        }
        return (String(parts[0]), String(parts[1]), score)
      }
      sets.append(("STS-B test (zh)", rows))
    }
    for (file, label) in [("dd-test.jsonl", "SOHU short–short"), ("dc-test.jsonl", "SOHU short–long")] {
      guard let data = FileManager.default.contents(atPath: directory + "/SOHU/" + file) else { continue }
      let rows = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
        line -> (String, String, Double)? in
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let first = object["sentence1"] as? String, let second = object["sentence2"] as? String,
          let score = (object["label"] as? NSNumber)?.doubleValue
        else { return nil }
        return (first, second, score)
      }
      sets.append((label, rows))
    }
    guard !sets.isEmpty else { throw UsageError(message: "\(directory): no STS-B or SOHU files") }
    print("| pairs | n | Spearman ρ (bigrams + characters) | Spearman ρ (bigrams only) |")
    print("|---|---|---|---|")
    for (label, rows) in sets {
      let labels = rows.map(\.2)
      let withUnigrams = rows.map { ParaphraseAligner.similarity($0.0, $0.1) }
      let bigramsOnly = rows.map {
        ParaphraseAligner.similarity($0.0, $0.1, segmentation: SentenceSegmentation(characterUnigrams: false))
      }
      print(
        "| \(label) | \(rows.count) | \(format(spearman(withUnigrams, labels))) | "
          + "\(format(spearman(bigramsOnly, labels))) |")
    }
  }

  /// Pearson correlation of the ranks (ties get their mean rank).
  static func spearman(_ x: [Double], _ y: [Double]) -> Double {
    let rx = ranks(x)
    let ry = ranks(y)
    let n = Double(x.count)
    guard n > 1 else { return 0 }
    let mx = rx.reduce(0, +) / n
    let my = ry.reduce(0, +) / n
    var covariance = 0.0
    var vx = 0.0
    var vy = 0.0
    for index in rx.indices {
      covariance += (rx[index] - mx) * (ry[index] - my)
      vx += (rx[index] - mx) * (rx[index] - mx)
      vy += (ry[index] - my) * (ry[index] - my)
    }
    return vx > 0 && vy > 0 ? covariance / (vx * vy).squareRoot() : 0
  }

  private static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
      let rank = Double(start + end - 1) / 2 + 1
      for position in start..<end { result[order[position]] = rank }
      start = end
    }
    return result
  }
}

import Foundation

/// PAN's text-alignment measures (Potthast, Stein, Barrón-Cedeño, Rosso 2010: "An Evaluation
/// Framework for Plagiarism Detection"), character-level macro-averaged as in PAN's
/// `perfmeasures.py`: a case and a detection are sets of characters in both documents.
struct PANMeasures: Sendable, Equatable {
  var precision: Double
  var recall: Double
  var granularity: Double
  var cases: Int
  var detections: Int

  var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
  var plagdet: Double { f1 / log2(1 + granularity) }

  static func measure(cases: [PANCase], detections: [PANCase]) -> PANMeasures {
    if cases.isEmpty && detections.isEmpty {
      return PANMeasures(precision: 1, recall: 1, granularity: 1, cases: 0, detections: 0)
    }
    let recall = macroRecall(cases, by: detections)
    let precision = macroRecall(detections, by: cases)
    var detected = 0
    var detectionsOfDetected = 0
    for item in cases {
      let count = detections.filter { $0.overlaps(item) }.count
      if count > 0 {
        detected += 1
        detectionsOfDetected += count
      }
    }
    let granularity = detected > 0 ? Double(detectionsOfDetected) / Double(detected) : 1
    return PANMeasures(
      precision: detections.isEmpty ? 0 : precision, recall: cases.isEmpty ? 0 : recall,
      granularity: granularity, cases: cases.count, detections: detections.count)
  }

  /// Mean over `items` of the share of each item's characters (both sides) covered by the
  /// overlapping `others`.
  private static func macroRecall(_ items: [PANCase], by others: [PANCase]) -> Double {
    guard !items.isEmpty else { return 0 }
    var total = 0.0
    for item in items {
      let overlapping = others.filter { $0.overlaps(item) }
      let thisCovered = coveredLength(
        item.thisOffset, item.thisEnd, overlapping.map { ($0.thisOffset, $0.thisEnd) })
      let sourceCovered = coveredLength(
        item.sourceOffset, item.sourceEnd, overlapping.map { ($0.sourceOffset, $0.sourceEnd) })
      let size = item.thisLength + item.sourceLength
      total += size > 0 ? Double(thisCovered + sourceCovered) / Double(size) : 0
    }
    return total / Double(items.count)
  }

  /// Length of `lower..<upper` covered by the union of `ranges`.
  private static func coveredLength(_ lower: Int, _ upper: Int, _ ranges: [(Int, Int)]) -> Int {
    let clipped = ranges.map { (max(lower, $0.0), min(upper, $0.1)) }.filter { $0.0 < $0.1 }.sorted {
      $0 < $1
    }
    var covered = 0
    var reach = lower
    for (start, end) in clipped where end > reach {
      covered += end - max(start, reach)
      reach = end
    }
    return covered
  }
}

import Fingerprints
import Foundation
import Matching

/// Recall of the candidate channels (`--candidates`): for every suspicious document with a case,
/// whether its true source ranks first among all sources by containment of the channel's keys
/// (the query's keys found in the source, keys in more than `maximumShare` of all documents left
/// out as the index leaves out frequent shingles), and whether the aligner then finds a passage
/// of the case in that pair. Channels: exact character shingles (k tokens, today's index) and
/// function-word skeleton shingles (`SkeletonShingler`). Negative documents: their best score.
enum CandidateEvaluation {
  struct Channel {
    var name: String
    var keys: (NormalizedText) -> [UInt64]
  }

  static func run(
    corpus: PANCorpus, k: Int, skeletonLength: Int, maximumShare: Double,
    parameters: ParaphraseAlignmentParameters,
    segmentation: SentenceSegmentation
  ) {
    let seed = FingerprintParameters.standard.seed
    let channels = [
      Channel(name: "exact \(k)-shingles") { Array(Set(Shingler.shingleHashes(of: $0, k: k, seed: seed))) },
      Channel(name: "skeleton \(skeletonLength)-grams") { SkeletonShingler.keys(of: $0, n: skeletonLength) },
      // Both key sets as one (the two hash families do not collide in practice).
      Channel(name: "exact \(k)-shingles + skeleton \(skeletonLength)-grams") {
        Array(Set(Shingler.shingleHashes(of: $0, k: k, seed: seed)))
          + SkeletonShingler.keys(of: $0, n: skeletonLength)
      },
    ]
    let texts = corpus.suspicious.merging(corpus.sources) { first, _ in first }.mapValues {
      NormalizedText(normalizing: $0)
    }
    let sourceNames = corpus.sources.keys.sorted()
    let positives = Dictionary(grouping: corpus.cases, by: \.suspicious)
    print(
      "candidate channels: containment ranking over \(sourceNames.count) sources, keys in more than "
        + "\(Int(maximumShare * 100)) % of the \(texts.count) documents left out")
    var bestRanked: [String: [String: String]] = [:]
    for channel in channels {
      var keys: [String: Set<UInt64>] = [:]
      var frequency: [UInt64: Int] = [:]
      for (name, text) in texts {
        let set = Set(channel.keys(text))
        keys[name] = set
        for key in set { frequency[key, default: 0] += 1 }
      }
      let limit = Int(maximumShare * Double(texts.count))
      let frequent = Set(frequency.filter { $0.value > limit }.keys)
      var top1 = [String: (hits: Int, total: Int)]()
      var positiveScores: [Double] = []
      var negativeScores: [Double] = []
      var ranked: [String: String] = [:]
      for suspicious in corpus.suspicious.keys.sorted() {
        let query = (keys[suspicious] ?? []).subtracting(frequent)
        var scores: [(String, Double)] = sourceNames.map { name in
          let shared = query.intersection(keys[name] ?? []).count
          return (name, query.isEmpty ? 0 : Double(shared) / Double(query.count))
        }
        scores.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        guard let best = scores.first else { continue }
        ranked[suspicious] = best.0
        guard let cases = positives[suspicious] else {
          negativeScores.append(best.1)
          continue
        }
        for item in cases {
          var row = top1[item.obfuscation] ?? (0, 0)
          row.total += 1
          if best.0 == item.source { row.hits += 1 }
          top1[item.obfuscation] = row
          positiveScores.append(scores.first { $0.0 == item.source }?.1 ?? 0)
        }
      }
      bestRanked[channel.name] = ranked
      let cells = top1.keys.sorted().map { type in
        let row = top1[type] ?? (0, 0)
        return "\(type) \(row.hits)/\(row.total)"
      }
      let hits = top1.values.map(\.hits).reduce(0, +)
      let total = top1.values.map(\.total).reduce(0, +)
      print("- \(channel.name): true source ranked first \(hits)/\(total) (\(cells.joined(separator: ", ")))")
      print(
        "  containment of the true source: min \(format(positiveScores.min() ?? 0)), median "
          + "\(format(median(positiveScores))); best source of a negative document: max "
          + "\(format(negativeScores.max() ?? 0)), median \(format(median(negativeScores)))")
    }
    // The channel's first candidate, then the fuzzy aligner on that pair.
    for (channelName, ranked) in bestRanked.sorted(by: { $0.key < $1.key }) {
      var found = [String: (hits: Int, total: Int)]()
      for (suspicious, cases) in positives {
        guard let candidate = ranked[suspicious], let queryText = corpus.suspicious[suspicious],
          let sourceText = corpus.sources[candidate]
        else { continue }
        let passages = ParaphraseAligner.align(
          query: SentenceDocument(text: queryText, segmentation: segmentation),
          source: SentenceDocument(text: sourceText, segmentation: segmentation), parameters: parameters)
        for item in cases {
          var row = found[item.obfuscation] ?? (0, 0)
          row.total += 1
          let hit =
            candidate == item.source
            && passages.contains {
              $0.passage.start < item.thisEnd && item.thisOffset < $0.passage.end
                && $0.passage.sourceStart < item.sourceEnd && item.sourceOffset < $0.passage.sourceEnd
            }
          if hit { row.hits += 1 }
          found[item.obfuscation] = row
        }
      }
      let hits = found.values.map(\.hits).reduce(0, +)
      let total = found.values.map(\.total).reduce(0, +)
      let cells = found.keys.sorted().map { "\($0) \(found[$0]?.hits ?? 0)/\(found[$0]?.total ?? 0)" }
      print(
        "- \(channelName) first candidate + ParaphraseAligner finds the case: \(hits)/\(total) "
          + "(\(cells.joined(separator: ", ")))")
    }
  }

  private static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    return values.sorted()[values.count / 2]
  }
}

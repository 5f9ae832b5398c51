import Fingerprints
import Foundation
import Matching

/// PAN measures of the fuzzy stage (`ParaphraseAligner`), alone or combined with the exact
/// aligner, and the passage kinds it reports (`--fuzzy`, `--fuzzy-grid`).
enum FuzzyEvaluation {
  enum Mode: String {
    /// `ParaphraseAligner` alone.
    case fuzzy
    /// `ParaphraseAligner.combine` of the exact passages (panTuned, k 3) and the fuzzy ones.
    case combined
  }

  /// The exact aligner's settings in the combined mode.
  struct ExactStage {
    var k: Int
    var parameters: PassageAlignmentParameters
    static let pan = ExactStage(k: 3, parameters: .panTuned)
    static let chinese = ExactStage(k: FingerprintParameters.standard.shingleSize, parameters: .standard)
  }

  /// Common text as the index would see it: k-shingles in more than `CommonTextPolicy.standard`'s
  /// share of all documents of the corpus (nil: no exclusion).
  static func commonShingles(_ corpus: PANCorpus, k: Int) -> Set<UInt64> {
    var frequency: [UInt64: Int] = [:]
    let all = corpus.suspicious.merging(corpus.sources, uniquingKeysWith: { first, _ in first })
    for text in all.values {
      for hash in Set(
        Shingler.shingleHashes(
          of: NormalizedText(normalizing: text), k: k, seed: FingerprintParameters.standard.seed))
      {
        frequency[hash, default: 0] += 1
      }
    }
    let policy = CommonTextPolicy.standard
    return Set(frequency.filter { policy.isCommon(frequency: $0.value, documentCount: all.count) }.keys)
  }

  static func documents(
    _ corpus: PANCorpus, segmentation: SentenceSegmentation, common: Set<UInt64> = [], k: Int = 3
  ) -> [String: SentenceDocument] {
    var result: [String: SentenceDocument] = [:]
    for (name, text) in corpus.suspicious.merging(corpus.sources, uniquingKeysWith: { first, _ in first }) {
      let normalized = NormalizedText(normalizing: text)
      let mask =
        common.isEmpty
        ? []
        : ExcludedText.tokenMask(
          of: normalized, k: k, seed: FingerprintParameters.standard.seed, excluding: common)
      result[name] = SentenceDocument(
        text: text, normalized: normalized, excludedTokens: mask, segmentation: segmentation)
    }
    return result
  }

  static func detections(
    corpus: PANCorpus, documents: [String: SentenceDocument], parameters: ParaphraseAlignmentParameters,
    mode: Mode, exact: PreparedCorpus? = nil, exactParameters: ExactStage = .pan, common: Set<UInt64> = [],
    kinds: inout [PassageKind: Int]
  ) -> [PANCase] {
    var result: [PANCase] = []
    for pair in corpus.pairs {
      guard let query = documents[pair.suspicious], let source = documents[pair.source] else { continue }
      var passages = ParaphraseAligner.align(query: query, source: source, parameters: parameters)
      let fuzzyPassages = Set(passages.map { [$0.passage.start, $0.passage.end, $0.passage.sourceStart] })
      if mode == .combined, let exact, let queryShingles = exact.shingles[pair.suspicious],
        let sourceShingles = exact.shingles[pair.source]
      {
        let exactPassages = PassageAligner.align(
          query: query.normalized, queryShingles: queryShingles, source: source.normalized,
          sourceShingles: sourceShingles, k: exactParameters.k, excluding: common,
          parameters: exactParameters.parameters)
        passages = ParaphraseAligner.combine(
          exact: exactPassages, fuzzy: passages, query: query.normalized, source: source.normalized,
          parameters: parameters)
      }
      for aligned in passages {
        kinds[aligned.kind, default: 0] += 1
        let passage = aligned.passage
        result.append(
          PANCase(
            suspicious: pair.suspicious, source: pair.source, thisOffset: passage.start,
            thisLength: passage.end - passage.start, sourceOffset: passage.sourceStart,
            sourceLength: passage.sourceEnd - passage.sourceStart,
            obfuscation: aligned.kind.rawValue + " " + format(aligned.similarity)
              + (fuzzyPassages.contains([passage.start, passage.end, passage.sourceStart])
                ? " fuzzy" : " exact")))
      }
    }
    return result
  }

  static func run(
    corpus: PANCorpus, parameters: ParaphraseAlignmentParameters, segmentation: SentenceSegmentation,
    mode: Mode, verbose: Bool = false,
    exactStage: ExactStage = .pan, excludeCommon: Bool = false
  ) {
    let start = Date()
    let common = excludeCommon ? commonShingles(corpus, k: exactStage.k) : []
    let documents = documents(corpus, segmentation: segmentation, common: common, k: exactStage.k)
    let exact =
      mode == .combined
      ? PreparedCorpus(corpus: corpus, k: exactStage.k, seed: FingerprintParameters.standard.seed) : nil
    let prepared = Date()
    var kinds: [PassageKind: Int] = [:]
    let found = detections(
      corpus: corpus, documents: documents, parameters: parameters, mode: mode, exact: exact,
      exactParameters: exactStage, common: common, kinds: &kinds)
    let seconds = Date().timeIntervalSince(prepared)
    if excludeCommon { print("common text excluded: \(common.count) shingles (k \(exactStage.k))") }
    print(
      "\(mode.rawValue): cos \(parameters.seedCosine) dice \(parameters.seedDice) gap \(parameters.maximumGap) "
        + "valid \(parameters.validationCosine) min \(parameters.minimumCharacters) "
        + "sentence \(segmentation.minimumTokens)–\(segmentation.maximumTokens) unigrams \(segmentation.characterUnigrams): "
        + "\(found.count) detections (\(PassageKind.allCases.map { "\($0.rawValue) \(kinds[$0] ?? 0)" }.joined(separator: ", "))), "
        + "preparation \(format(prepared.timeIntervalSince(start))) s, alignment \(format(seconds)) s")
    for line in report(corpus: corpus, found: found) { print(line) }
    print("passage kinds per obfuscation type (detections overlapping a case of the type):")
    for type in Set(corpus.cases.map(\.obfuscation)).sorted() {
      let cases = corpus.cases.filter { $0.obfuscation == type }
      let relevant = found.filter { detection in cases.contains { $0.overlaps(detection) } }
      let counts = PassageKind.allCases.map { kind in
        "\(kind.rawValue) \(relevant.filter { $0.obfuscation.hasPrefix(kind.rawValue + " ") }.count)"
      }
      print("  \(type): \(counts.joined(separator: ", "))")
    }
    if verbose {
      for detection in found {
        let hit = corpus.cases.contains(where: { $0.overlaps(detection) })
        print(
          "  \(hit ? "case" : "no case"): \(detection.suspicious) \(detection.thisOffset)+\(detection.thisLength) ← "
            + "\(detection.source) \(detection.sourceOffset)+\(detection.sourceLength) (\(detection.obfuscation))"
        )
      }
    }
  }

  /// A grid over the seeding, gap and validation thresholds; one line per setting.
  static func grid(corpus: PANCorpus, minimumCharacters: Int, mode: Mode) {
    print(
      "| sentence min | cos | dice | gap | valid | all plagdet | none | simulated | semantic | P | R | gran |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    let exact =
      mode == .combined
      ? PreparedCorpus(corpus: corpus, k: 3, seed: FingerprintParameters.standard.seed) : nil
    for sentenceMinimum in [4, 8] {
      let segmentation = SentenceSegmentation(minimumTokens: sentenceMinimum, maximumTokens: 120)
      let documents = documents(corpus, segmentation: segmentation)
      for seed in [0.25, 0.33, 0.42] {
        for gap in [2, 4, 6] {
          for validation in [0.25, 0.34] {
            let parameters = ParaphraseAlignmentParameters(
              seedCosine: seed, seedDice: seed, maximumGap: gap, validationCosine: validation,
              minimumCharacters: minimumCharacters)
            var kinds: [PassageKind: Int] = [:]
            let found = detections(
              corpus: corpus, documents: documents, parameters: parameters, mode: mode, exact: exact,
              kinds: &kinds)
            let all = PANMeasures.measure(cases: corpus.cases, detections: found)
            func plagdet(_ type: String) -> String {
              let cases = corpus.cases.filter { $0.obfuscation == type }
              guard !cases.isEmpty else { return "–" }
              return format(
                PANMeasures.measure(
                  cases: cases, detections: found.filter { d in cases.contains { $0.overlaps(d) } }
                )
                .plagdet)
            }
            print(
              "| \(sentenceMinimum) | \(seed) | \(seed) | \(gap) | \(validation) | \(format(all.plagdet)) | "
                + "\(plagdet("none")) | \(plagdet("simulated")) | \(plagdet("semantic-variation")) | "
                + "\(format(all.precision)) | \(format(all.recall)) | \(format(all.granularity)) |")
          }
        }
      }
    }
  }
}

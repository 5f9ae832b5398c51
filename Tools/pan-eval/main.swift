import Fingerprints
import Foundation
import Matching

/// chachong-pan-eval: runs PassageAligner on PAN-format corpora and prints PAN's measures
/// (precision, recall, granularity, plagdet), overall and per obfuscation type.
///
///   chachong-pan-eval [--corpus DIR] [--pan25 DIR] [--k 3] [--gap 20] [--merge 200] [--min 150]
///                     [--chain-min 30] [--listed] [--grid] [--subset even|odd]
/// `--subset` keeps the suspicious documents with an even or odd number (a held-out check).
///   chachong-pan-eval --html OUT.html [--notice CALL.txt]   (a sample HTML report)
///   chachong-pan-eval --world Corpora/sample [--common-share 0.3] [--verbose]
///                                                           (planted passages of the generated corpus)
///   chachong-pan-eval --bench                               (timings of aligner and version diff)
/// Defaults: `PassageAlignmentParameters.panTuned` with 3-token shingles; all suspicious × source
/// pairs (negative pairs included) unless `--listed`.
struct Options {
  var corpus = "/work/shared/corpora/text/pan-format-indonesian-plagiarism-corpus"
  var pan25: String?
  /// `--pan25-keep-duplicates`: keep the records' repeated paragraphs in the texts (`loadPAN25`).
  var pan25Deduplicate = true
  var k = 3
  var gap = PassageAlignmentParameters.panTuned.maximumGap
  var minimum = PassageAlignmentParameters.panTuned.minimumCharacters
  var listedPairsOnly = false
  var grid = false
  var merge = PassageAlignmentParameters.panTuned.mergeDistance
  var chainMinimum = PassageAlignmentParameters.panTuned.minimumChainCharacters
  var htmlOutput: String?
  var bench = false
  var world: String?
  var verbose = false
  var commonShare: Double?
  var subset: String?
  var notice = "/work/shared/seed/nantong-2023-call-notice.txt"
  /// The fuzzy stage (`--fuzzy`, `--combined`, `--fuzzy-grid`) and its parameters.
  var fuzzyMode: FuzzyEvaluation.Mode?
  var fuzzyGrid = false
  /// `--candidates`: recall of the exact and skeleton candidate channels.
  var candidates = false
  var skeletonLength = SkeletonShingler.standardLength
  /// `--sts DIR`: Spearman correlation of the sentence similarity with text2vec's human labels.
  var sts: String?
  /// `--bench-fuzzy DIR`: timing of the fuzzy stage on 40 KB documents of DIR (Corpora/paraphrase).
  var benchFuzzy: String?
  /// `--chinese`: the Chinese defaults (`ParaphraseAlignmentParameters.standard`, exact k 5).
  var chinese = false
  /// `--exclude-common`: shingles in more than 10 % of the corpus's documents are common text.
  var excludeCommon = false
  var fuzzy = ParaphraseAlignmentParameters.panTuned
  var segmentation = SentenceSegmentation.panTuned

  init(arguments: [String]) throws {
    var iterator = arguments.dropFirst().makeIterator()
    func value(_ name: String) throws -> String {
      guard let next = iterator.next() else { throw UsageError(message: "\(name) needs a value") }
      return next
    }
    func integer(_ name: String) throws -> Int {
      let text = try value(name)
      guard let number = Int(text) else { throw UsageError(message: "\(name): not a number: \(text)") }
      return number
    }
    func number(_ name: String) throws -> Double {
      let text = try value(name)
      guard let number = Double(text) else { throw UsageError(message: "\(name): not a number: \(text)") }
      return number
    }
    while let argument = iterator.next() {
      switch argument {
      case "--corpus": corpus = try value(argument)
      case "--pan25": pan25 = try value(argument)
      case "--pan25-keep-duplicates": pan25Deduplicate = false
      case "--k": k = try integer(argument)
      case "--gap": gap = try integer(argument)
      case "--min": minimum = try integer(argument)
      case "--listed": listedPairsOnly = true
      case "--grid": grid = true
      case "--bench": bench = true
      case "--world": world = try value(argument)
      case "--verbose": verbose = true
      case "--subset": subset = try value(argument)
      case "--common-share":
        let text = try value(argument)
        guard let share = Double(text) else {
          throw UsageError(message: "--common-share: not a number: \(text)")
        }
        commonShare = share
      case "--html": htmlOutput = try value(argument)
      case "--notice": notice = try value(argument)
      case "--merge": merge = try integer(argument)
      case "--chain-min": chainMinimum = try integer(argument)
      case "--fuzzy": fuzzyMode = .fuzzy
      case "--combined": fuzzyMode = .combined
      case "--fuzzy-grid": fuzzyGrid = true
      case "--candidates": candidates = true
      case "--skeleton": skeletonLength = try integer(argument)
      case "--sts": sts = try value(argument)
      case "--bench-fuzzy": benchFuzzy = try value(argument)
      case "--seed-cos": fuzzy.seedCosine = try number(argument)
      case "--seed-dice": fuzzy.seedDice = try number(argument)
      case "--fuzzy-gap": fuzzy.maximumGap = try integer(argument)
      case "--valid": fuzzy.validationCosine = try number(argument)
      case "--fuzzy-min": fuzzy.minimumCharacters = try integer(argument)
      case "--short": fuzzy.shortSentences = try integer(argument)
      case "--short-cos": fuzzy.shortCosine = try number(argument)
      case "--exact-share": fuzzy.minimumExactShare = try number(argument)
      case "--seeded-share": fuzzy.minimumSeededShare = try number(argument)
      case "--sentence-min": segmentation.minimumTokens = try integer(argument)
      case "--sentence-max": segmentation.maximumTokens = try integer(argument)
      case "--no-unigrams": segmentation.characterUnigrams = false
      case "--word-grams": segmentation.wordGrams = try integer(argument)
      case "--exclude-common": excludeCommon = true
      case "--chinese":
        fuzzy = .standard
        segmentation = .standard
        chinese = true
      default: throw UsageError(message: "unknown argument \(argument)")
      }
    }
  }
}

struct UsageError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// Normalised texts and shingles of every document for one k.
struct PreparedCorpus {
  var texts: [String: NormalizedText] = [:]
  var shingles: [String: [UInt64]] = [:]

  init(corpus: PANCorpus, k: Int, seed: UInt64) {
    for (name, text) in corpus.suspicious.merging(corpus.sources, uniquingKeysWith: { first, _ in first }) {
      let normalized = NormalizedText(normalizing: text)
      texts[name] = normalized
      shingles[name] = Shingler.shingleHashes(of: normalized, k: k, seed: seed)
    }
  }
}

func detections(
  corpus: PANCorpus, prepared: PreparedCorpus, k: Int, gap: Int, minimum: Int, merge: Int, chainMinimum: Int
) -> [PANCase] {
  var result: [PANCase] = []
  for pair in corpus.pairs {
    guard let query = prepared.texts[pair.suspicious], let querySh = prepared.shingles[pair.suspicious],
      let source = prepared.texts[pair.source], let sourceSh = prepared.shingles[pair.source]
    else { continue }
    let passages = PassageAligner.align(
      query: query, queryShingles: querySh, source: source, sourceShingles: sourceSh, k: k, excluding: [],
      parameters: PassageAlignmentParameters(
        minimumCharacters: minimum, maximumGap: gap, mergeDistance: merge,
        minimumChainCharacters: chainMinimum))
    for passage in passages {
      result.append(
        PANCase(
          suspicious: pair.suspicious, source: pair.source, thisOffset: passage.start,
          thisLength: passage.end - passage.start, sourceOffset: passage.sourceStart,
          sourceLength: passage.sourceEnd - passage.sourceStart, obfuscation: "detection"))
    }
  }
  return result
}

func format(_ value: Double) -> String { String(format: "%.3f", value) }

func row(_ label: String, _ measures: PANMeasures) -> String {
  "| \(label) | \(measures.cases) | \(format(measures.precision)) | \(format(measures.recall)) | "
    + "\(format(measures.granularity)) | \(format(measures.plagdet)) |"
}

/// Measures overall and per obfuscation type. Per type: recall and granularity over that type's
/// cases; precision over the detections that detect at least one case of that type.
func report(corpus: PANCorpus, found: [PANCase]) -> [String] {
  var lines = ["| cases | n | precision | recall | granularity | plagdet |", "|---|---|---|---|---|---|"]
  lines.append(row("all", PANMeasures.measure(cases: corpus.cases, detections: found)))
  for type in Set(corpus.cases.map(\.obfuscation)).sorted() {
    let cases = corpus.cases.filter { $0.obfuscation == type }
    let relevant = found.filter { detection in cases.contains { $0.overlaps(detection) } }
    var measures = PANMeasures.measure(cases: cases, detections: relevant)
    measures.precision = PANMeasures.measure(cases: corpus.cases, detections: relevant).precision
    lines.append(row(type, measures))
  }
  return lines
}

func run() throws {
  let options = try Options(arguments: CommandLine.arguments)
  let seed = FingerprintParameters.standard.seed
  if let world = options.world {
    try WorldEvaluation.run(directory: world, commonShare: options.commonShare, verbose: options.verbose)
    return
  }
  if let directory = options.benchFuzzy {
    try Benchmarks.runFuzzy(directory: directory)
    return
  }
  if let sts = options.sts {
    try STSEvaluation.run(directory: sts)
    return
  }
  if options.bench {
    Benchmarks.run()
    return
  }
  if let htmlOutput = options.htmlOutput {
    let corpus = try PANCorpus.loadPAN2011(directory: options.corpus, listedPairsOnly: true)
    guard let notice = FileManager.default.contents(atPath: options.notice) else {
      throw UsageError(message: "\(options.notice): cannot be read")
    }
    let html = HTMLSample.render(corpus: corpus, notice: String(decoding: notice, as: UTF8.self))
    guard FileManager.default.createFile(atPath: htmlOutput, contents: Data(html.utf8)) else {
      throw UsageError(message: "\(htmlOutput): cannot be written")
    }
    return
  }
  var corpora = [
    try PANCorpus.loadPAN2011(directory: options.corpus, listedPairsOnly: options.listedPairsOnly)
      .subset(options.subset)
  ]
  if let pan25 = options.pan25 {
    corpora.append(try PANCorpus.loadPAN25(directory: pan25, deduplicate: options.pan25Deduplicate))
  }
  for corpus in corpora {
    print("## \(corpus.name): \(corpus.pairs.count) pairs, \(corpus.cases.count) cases")
    if options.candidates {
      CandidateEvaluation.run(
        corpus: corpus, k: options.chinese ? FingerprintParameters.standard.shingleSize : options.k,
        skeletonLength: options.skeletonLength, maximumShare: 0.2, parameters: options.fuzzy,
        segmentation: options.segmentation)
    } else if options.fuzzyGrid {
      FuzzyEvaluation.grid(
        corpus: corpus, minimumCharacters: options.fuzzy.minimumCharacters, mode: options.fuzzyMode ?? .fuzzy)
    } else if let mode = options.fuzzyMode {
      FuzzyEvaluation.run(
        corpus: corpus, parameters: options.fuzzy, segmentation: options.segmentation, mode: mode,
        verbose: options.verbose, exactStage: options.chinese ? .chinese : .pan,
        excludeCommon: options.excludeCommon)
    } else if options.grid {
      print("| k | gap | min | all plagdet | none plagdet | P | R | gran |")
      print("|---|---|---|---|---|---|---|---|")
      for k in [3, 4] {
        let prepared = PreparedCorpus(corpus: corpus, k: k, seed: seed)
        for (gap, merge) in [(10, 200), (20, 200), (20, 300), (30, 300)] {
          for (minimum, chainMinimum) in [(100, 30), (150, 30), (150, 45), (200, 30)] {
            let found = detections(
              corpus: corpus, prepared: prepared, k: k, gap: gap, minimum: minimum, merge: merge,
              chainMinimum: chainMinimum)
            let all = PANMeasures.measure(cases: corpus.cases, detections: found)
            let noneCases = corpus.cases.filter { $0.obfuscation == "none" }
            let none = PANMeasures.measure(
              cases: noneCases, detections: found.filter { d in noneCases.contains { $0.overlaps(d) } })
            print(
              "| \(k) | \(gap)/\(merge) | \(minimum)/\(chainMinimum) | \(format(all.plagdet)) | \(format(none.plagdet)) | "
                + "\(format(all.precision)) | \(format(all.recall)) | \(format(all.granularity)) |")
          }
        }
      }
    } else {
      let prepared = PreparedCorpus(corpus: corpus, k: options.k, seed: seed)
      let start = Date()
      let found = detections(
        corpus: corpus, prepared: prepared, k: options.k, gap: options.gap, minimum: options.minimum,
        merge: options.merge, chainMinimum: options.chainMinimum)
      let seconds = Date().timeIntervalSince(start)
      print(
        "k=\(options.k) gap=\(options.gap) merge=\(options.merge) min=\(options.minimum) chain-min=\(options.chainMinimum): \(found.count) detections, "
          + "alignment \(format(seconds)) s")
      for line in report(corpus: corpus, found: found) { print(line) }
    }
  }
}

do {
  try run()
} catch {
  FileHandle.standardError.write(Data("chachong-pan-eval: \(error)\n".utf8))
  exit(2)
}

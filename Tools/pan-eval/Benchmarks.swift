import Fingerprints
import Foundation
import Matching

/// Timing of the evidence code on synthetic Chinese documents (`--bench`): passage alignment of
/// two 50,000-character applications sharing 20 % of their text, and version comparison of two
/// 50,000-character versions with scattered edits and with a rewritten half. Medians of 5 runs.
enum Benchmarks {
  static func run() {
    let parameters = FingerprintParameters.standard
    let base = chineseText(50_000, seed: 1)
    let other = chineseText(50_000, seed: 2)
    let scalars = Array(base.unicodeScalars)
    var otherScalars = Array(other.unicodeScalars)
    for block in 0..<10 {
      let from = block * 5_000
      otherScalars.replaceSubrange((from + 1_000)..<(from + 2_000), with: scalars[from..<(from + 1_000)])
    }
    let copied = String(String.UnicodeScalarView(otherScalars))
    let query = NormalizedText(normalizing: base)
    let source = NormalizedText(normalizing: copied)
    var passages: [Passage] = []
    let alignSeconds = median {
      passages = PassageAligner.align(
        query: query, source: source, k: parameters.shingleSize, seed: parameters.seed, excluding: [],
        parameters: .standard)
    }
    print(
      "align 50k×50k chars, 10 copied blocks: \(passages.count) passages, median \(milliseconds(alignSeconds)) ms"
    )

    let repeated = String(repeating: "研究开发", count: 12_500)
    let repeatedText = NormalizedText(normalizing: repeated)
    let repeatedSeconds = median {
      passages = PassageAligner.align(
        query: repeatedText, source: repeatedText, k: parameters.shingleSize, seed: parameters.seed,
        excluding: [], parameters: .standard)
    }
    print("align 50k×50k chars of one repeated phrase: median \(milliseconds(repeatedSeconds)) ms")

    let lines = stride(from: 0, to: 50_000, by: 100).map {
      String(String.UnicodeScalarView(scalars[$0..<$0 + 100]))
    }
    var edited = lines
    for index in stride(from: 7, to: edited.count, by: 25) {
      edited[index] =
        String(edited[index].unicodeScalars.prefix(40)) + "新增一句说明"
        + String(edited[index].unicodeScalars.dropFirst(45))
    }
    let paper = VersionDocument(text: lines.joined(separator: "\n"))
    let online = VersionDocument(text: edited.joined(separator: "\n"))
    var comparison = VersionComparison(identical: true, differences: [])
    let compareSeconds = median { comparison = VersionComparer().compare(paper, online) }
    print(
      "compare --versions 50k chars, 20 edited lines: \(comparison.differences.count) differences, "
        + "median \(milliseconds(compareSeconds)) ms")

    let rewritten = VersionDocument(
      text: String(base.unicodeScalars.prefix(25_000)) + chineseText(25_000, seed: 3))
    let rewriteSeconds = median {
      comparison = VersionComparer().compare(VersionDocument(text: base), rewritten)
    }
    print(
      "compare --versions 50k chars, one line, second half rewritten: \(comparison.differences.count) "
        + "differences, median \(milliseconds(rewriteSeconds)) ms")
  }

  /// The fuzzy stage on a pair of 40 KB (UTF-8) Chinese documents built from the paraphrase corpus
  /// (`--bench-fuzzy DIR`, DIR = Corpora/paraphrase): the query is suspicious documents joined, the
  /// source the source documents joined, each cut at 40,000 bytes. Medians of 9 runs.
  static func runFuzzy(directory: String) throws {
    func joined(_ folder: String) throws -> String {
      let path = directory + "/" + folder
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
        throw UsageError(message: "\(path): cannot be read")
      }
      var text = ""
      for name in names.sorted() where name.hasSuffix(".txt") {
        guard let data = FileManager.default.contents(atPath: path + "/" + name) else { continue }
        text += String(decoding: data, as: UTF8.self) + "\n"
        if text.utf8.count >= 40_000 { break }
      }
      var scalars = String.UnicodeScalarView()
      var bytes = 0
      for scalar in text.unicodeScalars {
        bytes += String(scalar).utf8.count
        if bytes > 40_000 { break }
        scalars.append(scalar)
      }
      return String(scalars)
    }
    let queryText = try joined("suspicious-documents")
    let sourceText = try joined("source-documents")
    var query = SentenceDocument(text: queryText)
    var source = SentenceDocument(text: sourceText)
    let prepare = median(runs: 9) {
      query = SentenceDocument(text: queryText)
      source = SentenceDocument(text: sourceText)
    }
    var passages: [AlignedPassage] = []
    let align = median(runs: 9) { passages = ParaphraseAligner.align(query: query, source: source) }
    print(
      "fuzzy stage, 40 KB × 40 KB (\(queryText.unicodeScalars.count) and \(sourceText.unicodeScalars.count) "
        + "characters, \(query.sentences.count) and \(source.sentences.count) sentences): both SentenceDocuments "
        + "median \(milliseconds(prepare)) ms, ParaphraseAligner.align median \(milliseconds(align)) ms, "
        + "\(passages.count) passages")
  }

  private static func median(runs: Int = 5, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
  }

  private static func milliseconds(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }

  static func chineseText(_ count: Int, seed: UInt64) -> String {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    var scalars = String.UnicodeScalarView()
    for _ in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      if let scalar = Unicode.Scalar(0x4E00 + UInt32((state >> 33) % 3000)) { scalars.append(scalar) }
    }
    return String(scalars)
  }
}

import ChachongModel
import DocumentText
import Fingerprints
import Foundation
import Matching

/// `--world DIR`: the generated corpus (Corpora/sample, `truth.json`): aligns every planted pair
/// (derived application against its source, with the blank form `template.docx` excluded) and
/// checks each true copied passage: found (overlapped by a detected passage) and found with both
/// ends within 10 characters in both texts.
enum WorldEvaluation {
  struct TruthPassage: Decodable {
    var start: Int
    var end: Int
    var sourceStart: Int
    var sourceEnd: Int
  }
  struct PlantedPair: Decodable {
    var derived: String
    var source: String
    var kind: String
    var passages: [TruthPassage]
  }
  struct Document: Decodable {
    var id: String
    var file: String
  }
  struct Truth: Decodable {
    var plantedPairs: [PlantedPair]
    var documents: [Document]
  }

  static func run(directory: String, commonShare: Double?, tolerance: Int = 10, verbose: Bool = false) throws
  {
    guard let data = FileManager.default.contents(atPath: directory + "/truth.json") else {
      throw UsageError(message: "\(directory)/truth.json: cannot be read")
    }
    let truth = try JSONDecoder().decode(Truth.self, from: data)
    let files = Dictionary(truth.documents.map { ($0.id, $0.file) }, uniquingKeysWith: { first, _ in first })
    let reader = DocumentReader()
    func layout(_ id: String) throws -> TextLayout {
      guard let file = files[id] else { throw UsageError(message: "truth.json: no document \(id)") }
      do {
        return TextLayout(try reader.read(path: directory + "/" + file))
      } catch {
        throw UsageError(message: "\(error)")
      }
    }
    func sections(_ layout: TextLayout) -> [TextSection] {
      layout.sections.map { TextSection(title: $0.title, start: $0.start, end: $0.end) }
    }
    let parameters = FingerprintParameters.standard
    let template = TextLayout(try readOrThrow(reader, directory + "/template.docx")).text
    let filter = CommonTextFilter(
      parameters: parameters, policy: CommonTextPolicy(maximumShare: commonShare ?? 1))
    let templateShingles = filter.templateShingles(of: [template])
    // Common text as the index would see it: shingles in more than `commonShare` of the documents.
    var layouts: [String: TextLayout] = [:]
    for document in truth.documents { layouts[document.id] = try layout(document.id) }
    let allShingles = truth.documents.compactMap { layouts[$0.id] }.map {
      Shingler.shingleHashes(
        of: NormalizedText(normalizing: $0.text), k: parameters.shingleSize, seed: parameters.seed)
    }
    let frequencies = InMemoryShingleFrequencies(documents: allShingles)
    var rows: [String: (passages: Int, found: Int, exact: Int, worst: Int)] = [:]
    var lines: [String] = []
    for pair in truth.plantedPairs {
      let queryLayout = try layouts[pair.derived] ?? layout(pair.derived)
      let sourceLayout = try layouts[pair.source] ?? layout(pair.source)
      let queryText = queryLayout.text
      let queryScalars = Array(queryText.unicodeScalars)
      func snippet(_ a: Int, _ b: Int) -> String {
        let lower = max(0, min(a, b, queryScalars.count))
        let upper = min(queryScalars.count, max(a, b))
        return String(String.UnicodeScalarView(queryScalars[lower..<max(lower, upper)]))
      }
      let query = NormalizedText(normalizing: queryText)
      let excluded = filter.excludedShingles(
        templates: [],
        candidates: Shingler.shingleHashes(of: query, k: parameters.shingleSize, seed: parameters.seed),
        frequencies: frequencies
      ).common.union(templateShingles)
      let passages = PassageAligner.align(
        query: query,
        source: NormalizedText(normalizing: sourceLayout.text), k: parameters.shingleSize,
        seed: parameters.seed, excluding: excluded, parameters: .standard,
        querySections: sections(queryLayout), sourceSections: sections(sourceLayout))
      var row = rows[pair.kind] ?? (0, 0, 0, 0)
      for expected in pair.passages {
        row.passages += 1
        let overlapping = passages.filter { $0.start < expected.end && expected.start < $0.end }
        guard !overlapping.isEmpty else {
          lines.append("  missed \(pair.derived)←\(pair.source) \(expected.start)–\(expected.end)")
          continue
        }
        row.found += 1
        let errors = overlapping.map { found in
          [
            abs(found.start - expected.start), abs(found.end - expected.end),
            abs(found.sourceStart - expected.sourceStart), abs(found.sourceEnd - expected.sourceEnd),
          ].max() ?? 0
        }
        let best = errors.min() ?? 0
        if best <= tolerance {
          row.exact += 1
        } else {
          lines.append(
            "  off by \(best): \(pair.derived)←\(pair.source) truth \(expected.start)–\(expected.end) "
              + "found \(overlapping.map { "\($0.start)–\($0.end)" }.joined(separator: ","))")
          if verbose, let first = overlapping.first, let last = overlapping.last {
            lines.append("    start Δ: \(snippet(expected.start, first.start).debugDescription)")
            lines.append("    end Δ: \(snippet(expected.end, last.end).debugDescription)")
            for (left, right) in zip(overlapping, overlapping.dropFirst()) {
              lines.append("    gap: \(snippet(left.end, right.start).debugDescription)")
            }
          }
        }
        row.worst = max(row.worst, best)
      }
      rows[pair.kind] = row
    }
    print("| planted kind | true passages | found | both ends within \(tolerance) chars | worst end error |")
    print("|---|---|---|---|---|")
    for kind in rows.keys.sorted() {
      guard let row = rows[kind] else { continue }
      print("| \(kind) | \(row.passages) | \(row.found) | \(row.exact) | \(row.worst) |")
    }
    for line in lines { print(line) }
  }

  private static func readOrThrow(_ reader: DocumentReader, _ path: String) throws -> ExtractedDocument {
    do {
      return try reader.read(path: path)
    } catch {
      throw UsageError(message: "\(error)")
    }
  }
}

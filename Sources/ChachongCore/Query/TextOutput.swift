import ArchiveStore
import ChachongModel
import Foundation

/// Plain-text renderings of query, compare, list and stats output.
package enum TextOutput {
  static func percent(_ value: Double) -> String {
    String(format: "%.1f%%", value * 100)
  }

  package static func render(_ report: QueryReport) -> String {
    var lines: [String] = []
    for result in report.results {
      lines.append(
        "\(result.id) (\(result.path)): \(result.matches.count) match(es), copied \(percent(result.copyRatio))"
          + (result.ocr.map { " [\($0.label)]" } ?? ""))
      for match in result.matches {
        lines.append(
          "  \(match.id)  jaccard \(percent(match.jaccard))  query in match "
            + "\(percent(match.queryContainment))  match in query \(percent(match.matchContainment))  "
            + "shared \(match.sharedShingles) shingles, \(match.sharedCharacters) chars  "
            + "copied \(percent(match.copyRatio)) in \(match.passages.count) passage(s)")
      }
    }
    for error in report.errors {
      lines.append("error: \(error.description)")
    }
    return lines.joined(separator: "\n")
  }

  package static func render(_ report: CompareReport) -> String {
    [
      "A: \(report.a.id) (\(report.a.path)), \(report.a.characters) chars, \(report.a.shingles) shingles",
      "B: \(report.b.id) (\(report.b.path)), \(report.b.characters) chars, \(report.b.shingles) shingles",
      "jaccard \(percent(report.jaccard))",
      "A in B \(percent(report.queryContainment)), B in A \(percent(report.matchContainment))",
      "shared \(report.sharedShingles) shingles, \(report.sharedCharacters) characters of A",
      "copied \(percent(report.copyRatio)) of A in \(report.passages.count) passage(s)",
    ].joined(separator: "\n")
  }

  package static func render(_ documents: [DocumentRecord]) -> String {
    documents.map { document in
      [
        document.id, document.program ?? "-", document.year.map(String.init) ?? "-",
        document.status ?? "-", String(document.characterCount), document.title ?? "",
      ].joined(separator: "\t")
    }.joined(separator: "\n")
  }

  package static func render(_ stats: IndexStats) -> String {
    func groups(_ name: String, _ values: [String: Int]) -> [String] {
      [name + ":"] + values.keys.sorted().map { "  \($0.isEmpty ? "(none)" : $0)\t\(values[$0] ?? 0)" }
    }
    var lines = ["documents\t\(stats.documents)"]
    lines += groups("by program", stats.byProgram)
    lines += groups("by year", stats.byYear)
    lines += groups("by status", stats.byStatus)
    let parameters = stats.parameters
    lines += [
      "schema version\t\(stats.schemaVersion)",
      "shingle size\t\(parameters.fingerprint.shingleSize)",
      "signature size\t\(parameters.fingerprint.signatureSize)",
      "seed\t\(parameters.fingerprint.seed)",
      "LSH\t\(parameters.lsh.bands) bands × \(parameters.lsh.rows) rows (threshold \(parameters.lshThreshold))",
      "winnowing window\t\(parameters.granularity.window)",
      "LSH bucket rows\t\(stats.lshBucketRows)",
      "section bucket rows\t\(stats.sectionBucketRows)",
      "fingerprint postings\t\(stats.fingerprintPostingRows)",
      "templates\t\(stats.templates)",
      "stored text bytes\t\(stats.storedTextBytes)",
      "characters\t\(stats.characters)",
      "file bytes\t\(stats.fileBytes)",
    ]
    return lines.joined(separator: "\n")
  }
}

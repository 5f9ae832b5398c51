import ArgumentParser
import IndexStore
import Pipeline

struct QueryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Find indexed documents similar to the given files (every match verified).",
    discussion: """
      Candidates come from the whole-document and the section LSH tables; each is \
      verified on the stored normalised text. A match is reported when its \
      Jaccard is at least --threshold, or either containment is at least \
      --containment-threshold, or one section of the query is at least --section-threshold \
      contained in it (a copied section). A query never matches a document with its own id. Accepts every \
      input ingest accepts (a .jsonl file queries each record). JSON: docs/query-json.md.

      Examples:
        chachong query --index archive/ 2024/A001.docx
        chachong query --index archive/ --threshold 0.8 --top 5 --format text new/
        chachong query --index archive/ corpus/docs.jsonl > matches.json
        chachong query --index archive/ --manifest 2024/清单.csv
      """)

  @Option(name: .long, help: "Index directory.")
  var index: String

  @Option(name: .long, help: "Report pairs with at least this Jaccard (0…1).")
  var threshold: Double = 0.5

  @Option(name: .long, help: "…or with either containment at least this (0…1).")
  var containmentThreshold: Double = 0.5

  @Option(name: .long, help: "…or with one query section this much contained in the match (0…1).")
  var sectionThreshold: Double = 0.9

  @Option(name: .long, help: "At most N matches per query (0: all).")
  var top: Int = 10

  @Option(name: .long, help: "Output format: json or text.")
  var format: IndexCommandIO.Format = .json

  @Option(name: .long, help: "Manifest (CSV or xlsx) naming the query files and their ids.")
  var manifest: String?

  @Argument(help: "Files, folders and .jsonl files to query.")
  var paths: [String] = []

  func validate() throws {
    guard (0...1).contains(threshold), (0...1).contains(containmentThreshold),
      (0...1).contains(sectionThreshold)
    else {
      throw ValidationError("thresholds are between 0 and 1")
    }
    guard top >= 0 else { throw ValidationError("--top must not be negative") }
    if paths.isEmpty && manifest == nil {
      throw ValidationError("give at least one PATH or a --manifest")
    }
  }

  func run() throws {
    let documentIndex = try IndexCommandIO.openIndex(index)
    var manifestTable: ManifestTable?
    if let manifest {
      do {
        manifestTable = try ManifestTable.read(path: manifest)
      } catch {
        IndexCommandIO.writeError("error: \(error.description)")
        throw ExitCode(2)
      }
    }
    let collected = InputCollector.collect(paths: paths, manifest: manifestTable)
    let job = QueryJob(
      index: documentIndex,
      options: QueryJob.Options(
        threshold: threshold, containmentThreshold: containmentThreshold,
        sectionThreshold: sectionThreshold, top: top))
    let report: QueryReport
    do {
      report = try job.run(entries: collected.entries, failures: collected.failures)
    } catch {
      IndexCommandIO.writeError("error: \(error.description)")
      throw ExitCode(2)
    }
    switch format {
    case .json: print(JSONOutput.encode(report))
    case .text: print(TextOutput.render(report))
    }
    if !report.errors.isEmpty {
      throw ExitCode(2)
    }
  }
}

import ArchiveStore
import ArgumentParser
import ChachongCore
import IndexStore
import Pipeline

struct QueryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Find indexed documents similar to the given files (every match verified).",
    discussion: """
      Candidates come from the whole-document and the section LSH tables; each is \
      verified on the stored normalised text. A match is reported when its \
      Jaccard is at least --threshold, or either containment is at least \
      --containment-threshold, or one section of the query is at least --section-threshold \
      contained in it (a copied section), or the query's copy ratio from it (rewritten \
      passages included) is at least --copy-ratio-threshold with at least \
      --minimum-copied-characters copied characters. A query never matches a document with its own id. Each match \
      lists the aligned passages and the copy ratio; --template text (the blank form, the call's \
      instructions) counts for neither scores nor passages. Accepts every \
      input ingest accepts (a .jsonl file queries each record). JSON: docs/query-json.md.

      Examples:
        chachong query --index archive/ 2024/A001.docx
        chachong query --index archive/ --threshold 0.8 --top 5 --format text new/
        chachong query --index archive/ corpus/docs.jsonl > matches.json
        chachong query --index archive/ --manifest 2024/清单.csv
        chachong query --index archive/ --template 空白申报书.docx 2024/A001.docx
      """)

  @OptionGroup var ocrOption: OCROption

  @OptionGroup var storeOptions: StoreOptions

  @Option(name: .long, help: "Report pairs with at least this Jaccard (0…1).")
  var threshold: Double = 0.5

  @Option(name: .long, help: "…or with either containment at least this (0…1).")
  var containmentThreshold: Double = 0.5

  @Option(name: .long, help: "…or with one query section this much contained in the match (0…1).")
  var sectionThreshold: Double = 0.9

  @Option(
    name: .long,
    help: "…or with the query's copy ratio from the match at least this (0…1; 0: off; default 0.3).")
  var copyRatioThreshold: Double = 0.3

  @Option(name: .long, help: "Characters in aligned passages the copy-ratio arm needs (default 200).")
  var minimumCopiedCharacters: Int = 200

  @Option(name: .long, help: "At most N matches per query (0: all).")
  var top: Int = 10

  @Option(name: .long, help: "Output format: json or text.")
  var format: IndexCommandIO.Format = .json

  @Option(name: .long, help: "Manifest (CSV or xlsx) naming the query files and their ids.")
  var manifest: String?

  @Option(name: .long, help: "Template document whose text is not evidence (repeatable).")
  var template: [String] = []

  @Option(
    name: .long,
    help:
      "Shingles in more than this share (0…1) of the indexed documents are common text, left out of scores and passages (default: off)."
  )
  var commonShare: Double?

  @Option(
    name: .long,
    help:
      "Threads that read and query the inputs (default: one per processor core, at most 8); the report is the same for any number."
  )
  var threads: Int?

  @Argument(help: "Files, folders and .jsonl files to query.")
  var paths: [String] = []

  func validate() throws {
    guard (0...1).contains(threshold), (0...1).contains(containmentThreshold),
      (0...1).contains(sectionThreshold), (0...1).contains(copyRatioThreshold)
    else {
      throw ValidationError("thresholds are between 0 and 1")
    }
    if let commonShare, !(0...1).contains(commonShare) {
      throw ValidationError("--common-share is between 0 and 1")
    }
    guard minimumCopiedCharacters >= 0 else {
      throw ValidationError("--minimum-copied-characters must not be negative")
    }
    guard top >= 0 else { throw ValidationError("--top must not be negative") }
    if let threads, !(1...256).contains(threads) {
      throw ValidationError("--threads must be between 1 and 256")
    }
    if paths.isEmpty && manifest == nil {
      throw ValidationError("give at least one PATH or a --manifest")
    }
  }

  func run() async throws {
    let documentIndex = try await storeOptions.open(readOnly: true)
    storeOptions.warnIfWithoutPassageFingerprints(documentIndex)
    var manifestTable: ManifestTable?
    if let manifest {
      do {
        manifestTable = try ManifestTable.read(path: manifest)
      } catch {
        Output.error("error: \(error.description)")
        throw ExitCode(2)
      }
    }
    let templates: TemplateFiles
    do {
      templates = try TemplateFiles.read(
        try template.map(CommandSupport.read), parameters: documentIndex.parameters.fingerprint)
    } catch let error as ServiceError {
      throw CommandSupport.fail(error)
    }
    let collected = InputCollector.collect(paths: paths, manifest: manifestTable)
    var options = QueryJob.Options(
      threshold: threshold, containmentThreshold: containmentThreshold,
      sectionThreshold: sectionThreshold, top: top, excludedShingles: templates.shingles,
      commonShare: commonShare)
    options.threads = CommandSupport.threads(threads)
    options.copyRatioThreshold = copyRatioThreshold > 0 ? copyRatioThreshold : nil
    options.minimumCopiedCharacters = minimumCopiedCharacters
    let job = QueryJob(
      store: documentIndex, reading: try CommandSupport.reading(ocr: ocrOption.ocr), options: options)
    let report: QueryReport
    do {
      let chunks = InputReader().chunks(in: collected.entries, itemLimit: max(16, 4 * options.threads))
      report = try await job.run(chunks, failures: collected.failures)
    } catch {
      throw CommandSupport.fail(error)
    }
    switch format {
    case .json: try Output.line(JSONOutput.encode(report))
    case .text: try Output.line(TextOutput.render(report))
    }
    if !report.errors.isEmpty {
      throw ExitCode(2)
    }
  }
}

import ArchiveStore
import ArgumentParser
import ChachongCore
import DocumentText
import Foundation
import IndexStore
import Pipeline

struct IngestCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Add documents to a similarity index (created on first use).",
    discussion: """
      Inputs are files, folders (searched recursively for .docx/.docm/.dotx/.doc/.xml/.txt/.wps \
      and .jsonl) and .jsonl bulk files with one {"id": …, "text": …} object per line (other keys \
      are metadata). A manifest (CSV or xlsx) gives metadata per file: 网上申报编号, 文件 (relative \
      to the manifest's folder), 项目名称, 申报单位, 统一社会信用代码, 项目负责人, 负责人身份证号, \
      计划类别, 年度, 状态 … or English names (id, file, title, organisation, credit_code, lead, \
      lead_id, program, year, status). Re-ingesting an id replaces it. A bad file is reported and \
      skipped; the exit code is then 2.

      Examples:
        chachong ingest --index archive/ --program 科技计划 --year 2023 applications/
        chachong ingest --index archive/ --manifest 2024/清单.csv
        chachong ingest --index archive/ corpus/docs.jsonl
        chachong ingest --index archive/ --template 2023/申报书模板.docx 2023/
      """)

  @OptionGroup var ocrOption: OCROption

  @OptionGroup var storeOptions: StoreOptions

  @Option(name: .long, help: "Manifest (CSV or xlsx) with metadata per file.")
  var manifest: String?

  @Option(name: .long, help: "计划类别 for inputs that do not name one.")
  var program: String?

  @Option(name: .long, help: "年度 for inputs that do not name one.")
  var year: Int?

  @Option(name: .long, help: "状态 (e.g. submitted, funded) for inputs that do not name one.")
  var status: String?

  @Option(
    name: .long,
    help: "Template (blank form, call instructions) to store in the index; its text is never evidence.")
  var template: [String] = []

  @Option(name: .long, help: "Documents per transaction (a killed ingest loses at most one batch).")
  var batchSize: Int = 1024

  @Option(
    name: .long,
    help:
      "Threads that read and fingerprint documents (default: one per processor core); the index is the same for any number."
  )
  var threads: Int?

  @Option(
    name: .long,
    help: "New index: whole-document Jaccard the LSH bands are tuned for (default 0.4).")
  var lshThreshold: Double?

  @Option(
    name: .long,
    help:
      "New index: the winnowing window of its passage fingerprints (default \(Granularity.standardWindow); 0: none)."
  )
  var winnowWindow: Int?

  @Argument(help: "Files, folders and .jsonl files.")
  var paths: [String] = []

  func validate() throws {
    if paths.isEmpty && manifest == nil && template.isEmpty {
      throw ValidationError("give at least one PATH, a --manifest or a --template")
    }
    if let lshThreshold, !(0.05...0.95).contains(lshThreshold) {
      throw ValidationError("--lsh-threshold must be between 0.05 and 0.95")
    }
    if let winnowWindow, winnowWindow < 0 {
      throw ValidationError("--winnow-window must not be negative")
    }
    if batchSize < 1 {
      throw ValidationError("--batch-size must be at least 1")
    }
    if let threads, !(1...256).contains(threads) {
      throw ValidationError("--threads must be between 1 and 256")
    }
  }

  func run() async throws {
    var manifestTable: ManifestTable?
    if let manifest {
      do {
        manifestTable = try ManifestTable.read(path: manifest)
      } catch {
        Output.error("error: \(error.description)")
        throw ExitCode(2)
      }
    }
    let defaults = InputMetadata(program: program, year: year, status: status)
    let collected = InputCollector.collect(paths: paths, manifest: manifestTable, defaults: defaults)
    var parameters: IndexParameters?
    if lshThreshold != nil || winnowWindow != nil {
      var granularity = Granularity.standard
      granularity.window = winnowWindow ?? granularity.window
      parameters = IndexParameters(lshThreshold: lshThreshold ?? 0.4, granularity: granularity)
    }
    let store = try await storeOptions.openOrCreate(parameters: parameters)
    // Adding to an index without passage fingerprints keeps it without them; asked for, no warning.
    if winnowWindow != 0 { storeOptions.warnIfWithoutPassageFingerprints(store) }
    var templateFiles: [NamedBytes] = []
    var failures = collected.failures
    for path in template {
      do {
        templateFiles.append(try NamedBytes(contentsOf: path))
      } catch {
        failures.append(InputFailure(path: path, reason: "template: \(error.explanation)"))
      }
    }
    let workers = CommandSupport.threads(threads)
    let job = IngestJob(
      store: store, reading: try CommandSupport.reading(ocr: ocrOption.ocr),
      options: IngestJob.Options(batchSize: batchSize, workers: workers, templates: templateFiles))
    let progress = TerminalProgress()
    let summary: IngestJob.Summary
    do {
      let chunks = InputReader().chunks(
        in: collected.entries, itemLimit: max(64, 16 * workers), byteLimit: max(4 << 20, workers << 20))
      summary = try await job.run(chunks, failures: failures, progress: progress.handler)
    } catch {
      progress.finish()
      throw CommandSupport.fail(error)
    }
    progress.finish()
    for failure in summary.failures {
      Output.error("skipped: \(failure.description)")
    }
    if !summary.templates.isEmpty {
      try Output.line("stored template(s): \(summary.templates.joined(separator: ", "))")
    }
    try Output.line(
      "ingested \(summary.ingested) document(s) into \(storeOptions.description(of: store)); \(summary.failures.count) failed"
    )
    if !summary.failures.isEmpty {
      throw ExitCode(2)
    }
  }
}

/// Output helpers shared by the index commands.
enum IndexCommandIO {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case json, text
  }
}

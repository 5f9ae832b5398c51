import ArgumentParser
import ChachongCore
import Foundation
import IndexStore
import Integrity
import Pipeline
import Reports

extension CheckOptions.Format: ExpressibleByArgument {}
extension CheckOptions.FailOn: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}

struct CheckCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a call's batch against itself, the archive and the registry (every integrity rule).",
    discussion: """
      Reads every application (files and folders), joins the manifest (附件2 汇总表 with 网上申报编号,
      文件, 推荐单位, 统一社会信用代码, 项目负责人, 负责人身份证号, 学历, 研发总投入, 申请资助, 提交时间 …),
      finds verified similar pairs within the batch and in the index, looks applicants and leads up
      in the registry, and evaluates every rule of the call (default: the built-in 2023 Nantong
      call, Corpora/calls/nantong-2023.json; docs/call-configuration.md). The report is described
      in docs/report.md. ID numbers appear masked only. --format html writes one self-contained page
      (no network): the batch overview sortable by severity, rule and copy ratio, and for each
      similarity finding the two texts side by side with the copied passages highlighted.

      Exit codes: 0 nothing at or above --fail-on; 1 findings; 2 bad usage or unreadable inputs.

      Examples:
        chachong check --index archive/ --manifest 2023/汇总表.xlsx --registry 在研项目.csv 2023/
        chachong check --index archive/ --format text --lang en --fail-on warning 2023/
        chachong check --index archive/ --call calls/nantong-2024.json --add --output report.json 2024/
        chachong check --index archive/ --template 空白申报书.docx --format html --output 查重报告.html 2024/
      """)

  @OptionGroup var ocrOption: OCROption

  @OptionGroup var storeOptions: StoreOptions

  @Option(name: .long, help: "Call configuration JSON (default: the built-in 2023 Nantong call).")
  var call: String?

  @Option(name: .long, help: "Manifest of the batch (CSV or xlsx).")
  var manifest: String?

  @Option(name: .long, help: "Registry of running and past projects (CSV or xlsx).")
  var registry: String?

  @Option(name: .long, help: "Template document whose text is not evidence (repeatable).")
  var template: [String] = []

  @Option(name: .long, help: "Output format: json, text or html (self-contained, side by side).")
  var format: CheckOptions.Format = .json

  @Option(name: .long, help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(name: .long, help: "Exit with 1 when a finding is at least this severe: error, warning or never.")
  var failOn: CheckOptions.FailOn = .error

  @Option(name: .long, help: "Language of messages and the text report: zh or en.")
  var lang: ReportLanguage = .zh

  @Flag(
    name: .long, help: "Store the batch in the index (call's program and year, status 申报) after the check.")
  var add = false

  @Option(
    name: .long,
    help:
      "Shingles in more than this share (0…1) of the indexed documents are common text, left out of scores and passages (default: off)."
  )
  var commonShare: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Shingles in at least this share (0…1) of a batch of 20 or more applications are the form's text, left out like a template (0: off).",
      valueName: "share"))
  var batchCommonShare: Double = CheckOptions.defaultBatchCommonShare

  @Flag(
    name: .long,
    help: "Print how long each stage took (reading, searching, evidence, rules, report) on standard error.")
  var timings = false

  @Argument(help: "Application files and folders.")
  var paths: [String]

  func validate() throws {
    if let commonShare, !(0...1).contains(commonShare) {
      throw ValidationError("--common-share is between 0 and 1")
    }
    if !(0...1).contains(batchCommonShare) {
      throw ValidationError("--batch-common-share is between 0 and 1")
    }
    if let threads, !(1...256).contains(threads) {
      throw ValidationError("--threads must be between 1 and 256")
    }
  }

  @Option(
    name: .long,
    help: "Documents read, fingerprinted and searched at once (default: one per processor core, at most 8).")
  var threads: Int?

  func run() async throws {
    let store = add ? try await storeOptions.openOrCreate() : try await storeOptions.open(readOnly: true)
    storeOptions.warnIfWithoutPassageFingerprints(store)
    let options = CheckOptions(
      format: format, failOn: failOn, language: lang, add: add, commonShare: commonShare,
      batchCommonShare: batchCommonShare, workers: CommandSupport.threads(threads),
      storeDescription: storeOptions.description(of: store))
    let reading = try CommandSupport.reading(ocr: ocrOption.ocr)
    let progress = TerminalProgress()
    let stageTimings = StageTimings()
    let showProgress = progress.handler
    let recordStage = stageTimings.handler
    let timed = timings
    let handler: ProgressHandler = { event in
      showProgress(event)
      if timed { recordStage(event) }
    }
    let result: CheckResult
    let rendered: Data
    do {
      let request = try CheckFiles.request(
        CheckFiles.Paths(
          applications: paths, manifest: manifest, registry: registry, templates: template, call: call),
        options: options)
      result = try await CheckJob(archive: store, writer: add ? store : nil, reading: reading).run(
        request, progress: handler)
      let checked = ContinuousClock.now
      rendered = try result.rendered(format, language: lang)
      if timings {
        progress.finish()
        for line in stageTimings.lines(ending: checked, extra: [("report", ContinuousClock.now - checked)]) {
          Output.error(line)
        }
      }
    } catch {
      progress.finish()
      throw CommandSupport.fail(error)
    }
    progress.finish()
    if let output {
      do {
        try rendered.write(to: URL(fileURLWithPath: output))
      } catch {
        Output.error("error: \(Output.path(output)): cannot write the report: \(error)")
        throw ExitCode(2)
      }
    } else {
      try Output.write([UInt8](rendered))
    }
    for failure in result.report.errors {
      Output.error("warning: \(Output.path(failure.path)): \(failure.message)")
    }
    let level = result.severityLevel(failOn: failOn)
    if level != 0 { throw ExitCode(Int32(level)) }
  }
}

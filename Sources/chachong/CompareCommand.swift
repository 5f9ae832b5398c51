import ArgumentParser
import ChachongCore
import Pipeline

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Exact similarity of two documents, or (--versions) whether two versions are the same.",
    discussion: """
      A is the query: queryContainment is the share of A's shingles found in B, matchContainment \
      the share of B's found in A, sharedCharacters the characters of A they cover, passages the \
      aligned passages (offsets in both texts, sections) and copyRatio the share of A inside them; \
      --template text counts for none of them.

      --versions compares the online submission (A) with its paper copy (B) (纸质材料和网上填报的\
      内容须完全一致): form fields and text after normalisation (whitespace, line wrapping, width \
      and punctuation are not differences). JSON: identical (true or false) and differences[] \
      (changed form fields with both values, ID numbers masked; inserted, deleted or changed \
      passages with offsets in both texts and their section, in document order); docs/evidence.md.

      Exit codes: 0 compared (with --versions: identical); 1 with --versions only: the versions \
      differ; 2 unreadable input or bad usage.

      Examples:
        chachong compare 2024/A001.docx 2023/B017.docx
        chachong compare --format text paper.docx online.docx
        chachong compare --versions online/QZ2023-045.docx paper/QZ2023-045.docx
      """)

  @OptionGroup var ocrOption: OCROption

  @Option(name: .long, help: "Output format: json or text.")
  var format: IndexCommandIO.Format = .json

  @Flag(name: .long, help: "Compare two versions of one application (online A, paper B): fields and text.")
  var versions = false

  @Option(name: .long, help: "Template document whose text is not evidence (repeatable).")
  var template: [String] = []

  @Argument(help: "The first document (the query; with --versions the online submission).")
  var a: String

  @Argument(help: "The second document (with --versions the paper copy).")
  var b: String

  func run() throws {
    if versions {
      try runVersions()
      return
    }
    let reading = try CommandSupport.reading(ocr: ocrOption.ocr)
    var documents: [InputDocument] = []
    for path in [a, b] {
      switch reading.document(try CommandSupport.read(path), metadata: InputMetadata()) {
      case .success(let document): documents.append(document)
      case .failure(let failure):
        Output.error("error: \(failure.description)")
        throw ExitCode(2)
      }
    }
    let templates: TemplateFiles
    do {
      templates = try TemplateFiles.read(try template.map(CommandSupport.read), parameters: .standard)
    } catch let error as ServiceError {
      throw CommandSupport.fail(error)
    }
    let report = CompareJob.compare(documents[0], documents[1], excluding: templates.shingles)
    switch format {
    case .json: try Output.line(JSONOutput.encode(report))
    case .text: try Output.line(TextOutput.render(report))
    }
  }

  func runVersions() throws {
    let report: VersionCompareReport
    do {
      report = try VersionCompareJob.compare(
        try CommandSupport.read(a), try CommandSupport.read(b),
        reading: try CommandSupport.reading(ocr: ocrOption.ocr))
    } catch let error as ServiceError {
      throw CommandSupport.fail(error)
    }
    switch format {
    case .json: try Output.line(JSONOutput.encode(report))
    case .text: try Output.line(VersionCompareJob.renderText(report))
    }
    if !report.identical { throw ExitCode(1) }
  }
}

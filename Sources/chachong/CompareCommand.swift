import ArgumentParser
import Pipeline

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Exact similarity of two documents: Jaccard, both containments, shared characters.",
    discussion: """
      A is the query: queryContainment is the share of A's shingles found in B, matchContainment \
      the share of B's found in A, sharedCharacters the characters of A they cover.

      Examples:
        chachong compare 2024/A001.docx 2023/B017.docx
        chachong compare --format text paper.docx online.docx
      """)

  @Option(name: .long, help: "Output format: json or text.")
  var format: IndexCommandIO.Format = .json

  @Argument(help: "The first document (the query).")
  var a: String

  @Argument(help: "The second document.")
  var b: String

  func run() throws {
    let reader = InputReader()
    var documents: [InputDocument] = []
    for path in [a, b] {
      switch reader.readFile(path: path, metadata: InputMetadata()) {
      case .success(let document): documents.append(document)
      case .failure(let failure):
        IndexCommandIO.writeError("error: \(failure.description)")
        throw ExitCode(2)
      }
    }
    let report = CompareJob.compare(documents[0], documents[1])
    switch format {
    case .json: print(JSONOutput.encode(report))
    case .text: print(TextOutput.render(report))
    }
  }
}

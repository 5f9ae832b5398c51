import ArchiveStore
import ArgumentParser
import ChachongCore
import ChachongModel
import IndexStore
import Pipeline

struct ListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List indexed documents and their metadata, ordered by id.",
    discussion: """
      Examples:
        chachong list --index archive/
        chachong list --index archive/ --program 科技计划 --year 2023 --format text
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Option(name: .long, help: "Only this 计划类别.")
  var program: String?

  @Option(name: .long, help: "Only this 年度.")
  var year: Int?

  @Option(name: .long, help: "Only this 状态.")
  var status: String?

  @Option(name: .long, help: "Output format: json or text (id, program, year, status, characters, title).")
  var format: IndexCommandIO.Format = .json

  func run() async throws {
    let documentIndex = try await storeOptions.open(readOnly: true)
    let documents: [DocumentRecord]
    do {
      documents = try await documentIndex.records(
        DocumentFilter(program: program, year: year, status: status))
    } catch {
      Output.error("error: \(error.description)")
      throw ExitCode(2)
    }
    switch format {
    case .json: try Output.line(JSONOutput.encode(["documents": documents]))
    case .text: try Output.line(TextOutput.render(documents))
    }
  }
}

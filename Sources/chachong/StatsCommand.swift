import ArchiveStore
import ArgumentParser
import ChachongCore
import IndexStore
import Pipeline

struct StatsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Documents by program, year and status; index parameters and sizes.",
    discussion: """
      Examples:
        chachong stats --index archive/
        chachong stats --index archive/ --format text
      """)

  @Option(name: .long, help: "Index directory.")
  var index: String

  @Option(name: .long, help: "Output format: json or text.")
  var format: IndexCommandIO.Format = .json

  func run() async throws {
    let documentIndex = try IndexCommandIO.openIndex(index)
    do {
      let stats = try await documentIndex.stats()
      switch format {
      case .json: print(JSONOutput.encode(stats))
      case .text: print(TextOutput.render(stats))
      }
    } catch {
      IndexCommandIO.writeError("error: \(error.description)")
      throw ExitCode(2)
    }
  }
}

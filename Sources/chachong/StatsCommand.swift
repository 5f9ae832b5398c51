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

  @OptionGroup var storeOptions: StoreOptions

  @Option(name: .long, help: "Output format: json or text.")
  var format: IndexCommandIO.Format = .json

  func run() async throws {
    let documentIndex = try await storeOptions.open(readOnly: true)
    let stats: IndexStats
    do {
      stats = try await documentIndex.stats()
    } catch {
      Output.error("error: \(error.description)")
      throw ExitCode(2)
    }
    switch format {
    case .json: try Output.line(JSONOutput.encode(stats))
    case .text: try Output.line(TextOutput.render(stats))
    }
  }
}

import ArgumentParser
import Pipeline

@main
struct Chachong: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chachong",
    abstract: "查重: duplicate and integrity checks for grant applications.",
    version: ChachongVersion.current,
    subcommands: [
      CheckCommand.self, ExtractCommand.self, IngestCommand.self, QueryCommand.self, CompareCommand.self,
      ListCommand.self, RemoveCommand.self, StatsCommand.self,
    ]
  )
}

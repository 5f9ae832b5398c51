import ArgumentParser
import ChachongCore
import Foundation
import Pipeline

@main
struct Chachong: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chachong",
    abstract: "查重: duplicate and integrity checks for grant applications.",
    version: ChachongVersion.current,
    subcommands: [
      CheckCommand.self, ExtractCommand.self, IngestCommand.self, QueryCommand.self, CompareCommand.self,
      ListCommand.self, RemoveCommand.self, StatsCommand.self, MigrateCommand.self, ReindexCommand.self,
      ServeCommand.self,
      KeysCommand.self, UsersCommand.self,
    ]
  )

  /// chachong's exit codes are 0 (clean), 1 (findings) and 2 (bad usage or input); ArgumentParser
  /// reports bad usage as 64, which scripts written against chachong's contract would misread.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      if exitCode(for: error) == .validationFailure {
        let message = fullMessage(for: error)
        if !message.isEmpty { Output.errorRaw(message + "\n") }
        Self.exit(withError: ExitCode(2))
      }
      Self.exit(withError: error)
    }
  }
}

import ArchiveStore
import ArgumentParser
import ChachongCore
import IndexStore
import Pipeline

struct RemoveCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove",
    abstract: "Delete documents from the index by id (with their LSH entries and fingerprints).",
    discussion: """
      Exit code 2 when an id is not in the index (the others are still removed).

      Example:
        chachong remove --index archive/ 2023-0017 2023-0042
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Argument(help: "Document ids.")
  var ids: [String]

  func run() async throws {
    let documentIndex = try await storeOptions.open(readOnly: false)
    let removed: [String]
    do {
      removed = try await documentIndex.remove(ids: ids)
    } catch {
      Output.error("error: \(error.description)")
      throw ExitCode(2)
    }
    let missing = Set(ids).subtracting(removed).sorted()
    try Output.line("removed \(removed.count) document(s)")
    for id in missing {
      Output.error("not in the index: \(id)")
    }
    if !missing.isEmpty {
      throw ExitCode(2)
    }
  }
}

import ArchiveStore
import ArgumentParser
import ChachongCore
import Pipeline

/// `--index DIR` or `--store URL`: where the archive is. Every command that reads or writes the
/// archive takes exactly one of them.
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: "Index directory (the embedded SQLite archive).")
  var index: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The archive: a directory, sqlite:PATH, or postgresql://USER@HOST:PORT/DB[?sslmode=disable|require|verify-full].",
      discussion:
        "The PostgreSQL password comes from CHACHONG_STORE_PASSWORD, PGPASSWORD or ~/.pgpass, never the URL; "
        + "the ID-hash key from CHACHONG_ID_KEY_FILE or CHACHONG_ID_KEY."))
  var store: String?

  func validate() throws {
    switch (index, store) {
    case (nil, nil): throw ValidationError("give --index DIR or --store URL")
    case (.some, .some): throw ValidationError("give --index or --store, not both")
    default: break
    }
  }

  /// The argument as given (for messages and the report's store description; a PostgreSQL URL
  /// never holds a password: one that does is refused before anything is opened).
  var given: String { index ?? store ?? "" }

  func address() throws -> LocalStores.Address {
    if let index { return .sqlite(directory: index) }
    do {
      return try LocalStores.Address(given)
    } catch {
      throw CommandSupport.fail(error)
    }
  }

  /// The existing store, or exit 2 with the reason.
  func open(readOnly: Bool) async throws -> any ArchiveWriting {
    let address = try address()
    do {
      return try await LocalStores.openStore(address, readOnly: readOnly)
    } catch {
      throw CommandSupport.fail(error)
    }
  }

  /// The store, created when missing, or exit 2 with the reason.
  func openOrCreate(parameters: IndexParameters? = nil) async throws -> any ArchiveWriting {
    let address = try address()
    do {
      return try await LocalStores.openOrCreateStore(address, parameters: parameters)
    } catch {
      throw CommandSupport.fail(error)
    }
  }

  /// Says on standard error that `store` stores no winnowed passage fingerprints (an index created
  /// with `--winnow-window 0`, or by chachong before window 64 became a new index's default): its
  /// documents are candidates only when most of a document or a whole section matches, so a copied
  /// paragraph or an application rewritten by a '降重' tool is not found (docs/index.md,
  /// "Granularity"). Nothing for an index with fingerprints.
  func warnIfWithoutPassageFingerprints(_ store: any ArchiveReading) {
    guard !store.parameters.granularity.storesPassageFingerprints else { return }
    Output.error("warning: \(Output.path(given)) \(Self.withoutPassageFingerprints)")
  }

  /// What an archive without passage fingerprints cannot find, and the fix (after its name).
  static let withoutPassageFingerprints =
    "stores no passage fingerprints: a copied paragraph or a rewritten application is found only when "
    + "most of a document or a whole section matches; chachong reindex files it again with them"

  /// How reports name the store: a directory as given, a PostgreSQL URL as the store prints it
  /// (normalised; never a password).
  func description(of opened: any ArchiveReading) -> String {
    if let index { return index }
    if case .postgres? = try? LocalStores.Address(given) { return opened.location }
    return given
  }
}

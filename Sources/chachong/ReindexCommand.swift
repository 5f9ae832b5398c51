import ArchiveStore
import ArgumentParser
import ChachongCore
import Foundation
import Pipeline

struct ReindexCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reindex",
    abstract: "File every document of an index again in a new one, with a new index's parameters.",
    discussion: """
      For an index created without passage fingerprints (--winnow-window 0, or by an earlier \
      chachong: check and query warn about it), which finds neither a copied paragraph nor an \
      application rewritten by a 降重 tool. The new index is built from the stored records and \
      texts (no source files needed), with the templates; the records are copied unchanged. \
      The target must be empty (a new directory, or an empty PostgreSQL store) and hash ID \
      numbers under the source's key: a new directory gets a copy of the source directory's \
      lead-id.key, a PostgreSQL store takes CHACHONG_ID_KEY_FILE. Exit 2 on any problem.

      Example:
        chachong reindex --from archive/ --to archive-2/
        chachong reindex --from archive/ --to archive-16/ --winnow-window 16
      """)

  @Option(name: .long, help: "The index to read: a directory or postgresql://… URL.")
  var from: String

  @Option(name: .long, help: "The new index: a directory that does not exist yet, or an empty store.")
  var to: String

  @Option(
    name: .long,
    help: "The new index's winnowing window (default \(Granularity.standardWindow), a new index's).")
  var winnowWindow: Int?

  @Option(name: .long, help: "Documents fingerprinted at once (default: one per processor core, at most 8).")
  var threads: Int?

  @Option(name: .long, help: "Output format: json or text.")
  var format: IndexCommandIO.Format = .text

  func validate() throws {
    if let winnowWindow, !(0...1_000_000).contains(winnowWindow) {
      throw ValidationError("--winnow-window is between 0 and 1000000")
    }
    if let threads, !(1...256).contains(threads) {
      throw ValidationError("--threads must be between 1 and 256")
    }
  }

  func run() async throws {
    let sourceAddress: LocalStores.Address
    let targetAddress: LocalStores.Address
    do {
      sourceAddress = try LocalStores.Address(from)
      targetAddress = try LocalStores.Address(to)
    } catch {
      throw CommandSupport.fail(error)
    }
    if case .sqlite(let directory) = targetAddress {
      try Self.prepareDirectory(directory, source: sourceAddress)
    }
    let source: any ArchiveWriting
    let target: any ArchiveWriting
    do {
      source = try await LocalStores.openStore(sourceAddress, readOnly: true)
      var parameters = IndexParameters.standard
      if let winnowWindow { parameters.granularity.window = winnowWindow }
      target = try await LocalStores.openOrCreateStore(targetAddress, parameters: parameters)
    } catch {
      throw CommandSupport.fail(error)
    }
    let progress = TerminalProgress()
    let summary: ReindexJob.Summary
    do {
      summary = try await ReindexJob(source: source, target: target, workers: CommandSupport.threads(threads))
        .run(progress: progress.handler)
    } catch {
      progress.finish()
      throw CommandSupport.fail(error)
    }
    progress.finish()
    switch format {
    case .json:
      try Output.line(JSONOutput.encode(summary))
    case .text:
      var lines = [
        "reindexed \(summary.reindexed) document(s) and \(summary.templates) template(s) into \(Output.path(to))"
      ]
      if !summary.withoutText.isEmpty {
        lines.append("without a stored text, not copied: " + summary.withoutText.joined(separator: ", "))
      }
      try Output.line(lines.joined(separator: "\n"))
    }
  }

  /// A target directory must not exist yet (no index is overwritten); it is created with a copy of
  /// the source index's ID-hash key, so that the copied records' keyed IDs keep matching.
  static func prepareDirectory(_ directory: String, source: LocalStores.Address) throws {
    let files = FileManager.default
    if files.fileExists(atPath: directory) {
      let contents = (try? files.contentsOfDirectory(atPath: directory)) ?? []
      guard contents.isEmpty else {
        Output.error("error: \(Output.path(directory)) exists and is not empty; reindex into a new directory")
        throw ExitCode(2)
      }
    }
    let environmentKey: LeadIDHashKey?
    do {
      environmentKey = try LeadIDHashKey.fromEnvironment()
    } catch {
      Output.error("error: \(error.description)")
      throw ExitCode(2)
    }
    // A key the environment names is both stores' key; else the source directory's file is.
    guard case .sqlite(let sourceDirectory) = source, environmentKey == nil else { return }
    let key = (sourceDirectory as NSString).appendingPathComponent(LeadIDHashKey.fileName)
    guard files.fileExists(atPath: key) else { return }
    do {
      try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
      let copy = (directory as NSString).appendingPathComponent(LeadIDHashKey.fileName)
      try files.copyItem(atPath: key, toPath: copy)
      try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy)
    } catch {
      Output.error(
        "error: cannot copy the ID-hash key into \(Output.path(directory)): \(error.localizedDescription)")
      throw ExitCode(2)
    }
  }
}

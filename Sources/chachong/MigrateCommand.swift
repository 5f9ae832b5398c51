import ArgumentParser
import ChachongCore
import Foundation
import Pipeline

struct MigrateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Copy an SQLite index into a PostgreSQL store and verify the copy.",
    discussion: """
      Copies documents (in their stored form), texts, postings, templates and parameters; the new \
      store keeps only the check value of the ID-hash key: afterwards open it with \
      CHACHONG_ID_KEY_FILE=DIR/lead-id.key (or CHACHONG_ID_KEY). Then compares counts and the \
      candidates of a sample of stored documents on both stores. Safe to re-run: documents \
      already copied are replaced, missing ones added. Exit 2 when the copy does not verify.

      Example:
        PGPASSWORD=… chachong migrate --from archive/ --to 'postgresql://chachong@db:5432/chachong?sslmode=verify-full'
      """)

  @Option(name: .long, help: "The SQLite index directory to copy.")
  var from: String

  @Option(name: .long, help: "The PostgreSQL store: postgresql://USER@HOST:PORT/DB[?sslmode=…].")
  var to: String

  @Option(name: .long, help: "Stored documents queried on both stores to verify the copy (default 20).")
  var sample: Int = 20

  @Option(name: .long, help: "Output format: json or text.")
  var format: IndexCommandIO.Format = .text

  func validate() throws {
    guard (0...10_000).contains(sample) else { throw ValidationError("--sample is between 0 and 10000") }
    guard case .postgres? = try? LocalStores.Address(to) else {
      throw ValidationError("--to must be a postgresql:// URL")
    }
  }

  func run() async throws {
    let source = try LocalStores.Address(from)
    guard case .sqlite(let directory) = source else {
      throw ValidationError("--from must be an SQLite index directory")
    }
    let progress = TerminalProgress()
    let report: StoreMigration.Report
    do {
      report = try await StoreMigration.run(from: directory, to: to, sampleSize: sample) { copied in
        progress.show(ProgressEvent(stage: .storing, done: copied, total: nil))
      }
    } catch {
      progress.finish()
      throw CommandSupport.fail(error)
    }
    progress.finish()
    switch format {
    case .json:
      try Output.line(JSONOutput.encode(report))
    case .text:
      var lines = ["copied \(report.documentsCopied) document(s) and \(report.templatesCopied) template(s)"]
      for count in report.counts {
        lines.append(
          "\(count.name): \(count.source) in the index, \(count.target) in the store"
            + (count.source == count.target ? "" : "  ← differs"))
      }
      lines.append(
        "\(report.sampledQueries) sampled queries, \(report.differingQueries.count) with other candidates"
          + (report.differingQueries.isEmpty ? "" : ": " + report.differingQueries.joined(separator: ", ")))
      lines.append(report.verified ? "verified" : "NOT verified")
      try Output.line(lines.joined(separator: "\n"))
    }
    if !report.verified { throw ExitCode(2) }
  }
}

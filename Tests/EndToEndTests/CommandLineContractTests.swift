import Foundation
import Pipeline
import Testing

@testable import ChachongCore

/// The exit-code contract every command shares: 0 clean, 1 findings, 2 bad usage or input.
@Suite(.enabled(if: chachongBinary != nil, "the chachong binary is built by `swift build`"))
struct CommandLineContractTests {
  let binary = chachongBinary ?? URL(fileURLWithPath: "/nonexistent")

  @Test func versionPrintsTheReleaseAndSucceeds() throws {
    let (status, output, _) = try runChachong(binary, ["--version"])
    #expect(status == 0)
    #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == ChachongVersion.current)
  }

  @Test(arguments: [
    ["check", "--no-such-option"],
    ["check", "--index", "/tmp/x"],
    ["query"],
    ["extract", "--format", "yaml", "a.docx"],
  ])
  func badUsageExitsWithTwoAndSaysWhy(arguments: [String]) throws {
    let (status, output, errors) = try runChachong(binary, arguments)
    #expect(status == 2)
    #expect(output.isEmpty)
    #expect(errors.contains("Error:"))
  }

  @Test func unreadableFileIsNamedAndTheRestOfTheBatchIsStillRead() throws {
    let good = indexTestsPackageRoot.appendingPathComponent("Corpora/fixtures/docx/strict.docx").path
    let missing = "/nonexistent/申报书.docx"
    let (status, output, errors) = try runChachong(binary, ["extract", missing, good, "--format", "json"])
    #expect(status == 2)
    #expect(errors.contains(missing))
    #expect(output.contains("strict.docx"))
  }
}

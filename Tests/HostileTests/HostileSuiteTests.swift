import Foundation
import Testing

/// The generated cases, written once per test run into a fresh folder.
struct HostileWorld: Sendable {
  let root: URL
  let cases: HostileRunner.Cases

  static let shared: HostileWorld? = {
    guard HostileRunner.binary != nil else { return nil }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("chachong-hostile-\(getpid())")
    try? FileManager.default.removeItem(at: root)
    guard (try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)) != nil,
      let cases = try? HostileRunner.generate(into: root)
    else { return nil }
    return HostileWorld(root: root, cases: cases)
  }()

  static var extractCases: [HostileRunner.Cases.Case] {
    shared?.cases.cases.filter { $0.commands.contains("extract") } ?? []
  }

  func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  /// A new empty folder for one run (an index, a TMPDIR).
  func scratch(_ name: String) throws -> URL {
    let url = root.appendingPathComponent("scratch-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// Issue 11's hostile suite: every case through the built binary with a 20 s and 1 GiB bound;
/// hostile inputs end in exit 2 and one clear line naming the file (control characters escaped),
/// the rest of the batch is still checked, nothing is left in TMPDIR.
@Suite(
  .enabled(
    if: HostileWorld.shared != nil, "the chachong binary is built by `swift build`; python3 writes the cases")
)
struct HostileSuiteTests {
  let world =
    HostileWorld.shared
    ?? HostileWorld(
      root: URL(fileURLWithPath: "/nonexistent"), cases: .init(cases: [], idForms: [:], goodDocuments: []))

  private func checkBounds(_ run: HostileRunner.Run, _ label: String) {
    #expect(!run.timedOut, "\(label): over \(HostileRunner.timeLimit)")
    #expect(
      run.maxResidentBytes <= HostileRunner.memoryLimitBytes,
      "\(label): \(run.maxResidentBytes) bytes resident")
    // Signals (a crash, an abort) are exit statuses above 128 through the shell, or a trap.
    #expect(run.status < 128, "\(label): killed by a signal (status \(run.status))")
  }

  private func noRawControlCharacters(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }
  }

  @Test(arguments: HostileWorld.extractCases)
  func extractEachCase(_ hostile: HostileRunner.Cases.Case) throws {
    let temporary = try world.scratch("tmp")
    let run = try HostileRunner.run(
      ["extract", hostile.path], in: world.root, environment: ["TMPDIR": temporary.path])
    checkBounds(run, hostile.name)
    switch hostile.expect {
    case "error":
      #expect(run.status == 2, "\(hostile.name): exit \(run.status), stderr \(run.stderr)")
      #expect(run.stderrLines.count == 1, "\(hostile.name): \(run.stderrLines)")
      let line = run.stderrLines.first ?? ""
      #expect(line.contains(escapedForDisplay(hostile.path)), "\(hostile.name): \(line)")
      #expect(line.contains(hostile.reason), "\(hostile.name): \(line)")
      #expect(noRawControlCharacters(run.stderr), "\(hostile.name): raw control characters in \(run.stderr)")
    default:
      #expect(run.status == 0, "\(hostile.name): exit \(run.status), stderr \(run.stderr)")
      #expect(run.stdout.contains(hostile.reason), "\(hostile.name)")
    }
    let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
    #expect(leftovers.isEmpty, "\(hostile.name) left \(leftovers) in TMPDIR")
  }

  /// One `check` of the whole folder, given as a symbolic link: every hostile file is one error
  /// line, every readable document is in the report.
  @Test func checkOfTheWholeBatchThroughASymlinkedFolder() throws {
    let index = try world.scratch("index")
    let run = try HostileRunner.run(
      ["check", "--index", index.path, "--add", "--fail-on", "never", "docs-link"], in: world.root)
    #expect(!run.timedOut)
    #expect(run.maxResidentBytes <= HostileRunner.memoryLimitBytes)
    #expect(run.status == 2)
    let documentCases = world.cases.cases.filter { $0.path.hasPrefix("docs/") }
    for hostile in documentCases {
      let linked = escapedForDisplay("docs-link/" + hostile.path.dropFirst("docs/".count))
      let lines = run.stderrLines.filter { $0.contains(linked) }
      if hostile.expect == "error" {
        #expect(lines.count == 1, "\(hostile.name): \(lines)")
      } else {
        #expect(lines.isEmpty, "\(hostile.name): \(lines)")
        #expect(run.stdout.contains("\"file\" : \"\(linked)\""), "\(hostile.name) missing from the report")
      }
    }
    for good in world.cases.goodDocuments {
      let linked = "docs-link/" + good.dropFirst("docs/".count)
      #expect(run.stdout.contains("\"file\" : \"\(linked)\""), "\(good) missing from the report")
    }
    #expect(noRawControlCharacters(run.stderr))
  }

  /// `ingest` of the folder: every hostile file is skipped with one line, the readable documents
  /// are stored.
  @Test func ingestOfTheBatch() throws {
    let index = try world.scratch("index")
    let run = try HostileRunner.run(["ingest", "--index", index.path, "docs"], in: world.root)
    checkBounds(run, "ingest")
    #expect(run.status == 2)
    let readable =
      world.cases.goodDocuments.count
      + world.cases.cases.filter { $0.expect == "ok" && $0.path.hasPrefix("docs/") }.count
    #expect(run.stdout.contains("ingested \(readable) document(s)"), "\(run.stdout)")
    for hostile in world.cases.cases where hostile.expect == "error" && hostile.path.hasPrefix("docs/") {
      #expect(
        run.stderrLines.filter { $0.contains(escapedForDisplay(hostile.path)) }.count == 1, "\(hostile.name)")
    }
  }

  /// A 256 MiB sparse `.jsonl` with no line break: the line cap reports and skips it without
  /// holding it whole.
  @Test func sparseJSONLines() throws {
    let index = try world.scratch("index")
    let run = try HostileRunner.run(
      ["ingest", "--index", index.path, "special/sparse.jsonl"], in: world.root)
    checkBounds(run, "jsonl")
    #expect(run.status == 2)
    #expect(run.stderr.contains("special/sparse.jsonl:1: line longer than"), "\(run.stderr)")
  }

  /// A folder of symbolic links, a FIFO, a broken link and a link to /dev/zero: the link to a
  /// document is read, the others are errors, nothing blocks.
  @Test func folderOfLinksAndSpecialFiles() throws {
    let index = try world.scratch("index")
    let run = try HostileRunner.run(
      ["check", "--index", index.path, "--add", "--fail-on", "never", "special"], in: world.root)
    #expect(!run.timedOut)
    #expect(run.status == 2)
    #expect(run.stdout.contains("\"file\" : \"special/linked.docx\""))
    for name in ["pipe.docx", "broken.docx", "zero.txt"] {
      #expect(run.stderrLines.filter { $0.contains("special/\(name)") }.count == 1, "\(name): \(run.stderr)")
    }
  }

  @Test func zeroInputsAreNotSuccess() throws {
    let empty = try world.scratch("empty")
    let index = try world.scratch("index")
    let ingest = try HostileRunner.run(["ingest", "--index", index.path, empty.path], in: world.root)
    #expect(ingest.status == 2)
    #expect(ingest.stderr.contains("no input documents found"))
    let check = try HostileRunner.run(["check", "--index", index.path, "--add", empty.path], in: world.root)
    #expect(check.status == 2)
    #expect(check.stderr.contains("no application documents found"))
  }

  @Test(arguments: ["tables/manifest-unclosed.csv", "tables/manifest-rows.xlsx"])
  func malformedManifests(_ manifest: String) throws {
    let hostile = try #require(world.cases.cases.first { $0.path == manifest })
    let index = try world.scratch("index")
    let run = try HostileRunner.run(
      ["ingest", "--index", index.path, "--manifest", manifest, "docs/good-1.docx"], in: world.root)
    checkBounds(run, hostile.name)
    #expect(run.status == 2)
    #expect(run.stderr.contains(manifest))
    #expect(run.stderr.contains(hostile.reason), "\(run.stderr)")
  }

  /// Standard output on a full device: exit 2 and "cannot write output", never exit 0 or a crash.
  @Test func outputToAFullDevice() throws {
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    let index = try world.scratch("index")
    let ingest = try HostileRunner.run(
      ["ingest", "--index", index.path, "docs/good-1.docx", "docs/good-2.docx"], in: world.root)
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let commands: [[String]] = [
      ["extract", "docs/good-1.docx"], ["stats", "--index", index.path], ["list", "--index", index.path],
      ["query", "--index", index.path, "docs/good-3.txt"],
      ["compare", "docs/good-1.docx", "docs/good-2.docx"],
      ["check", "--index", index.path, "--fail-on", "never", "docs/good-3.txt"],
      ["ingest", "--index", index.path, "docs/good-3.txt"],
    ]
    for arguments in commands {
      let run = try HostileRunner.run(arguments, in: world.root, stdoutPath: "/dev/full")
      checkBounds(run, arguments[0])
      #expect(run.status == 2, "\(arguments[0]): exit \(run.status)")
      #expect(run.stderr.contains("cannot write output"), "\(arguments[0]): \(run.stderr)")
    }
  }

  /// An index whose files and folder are read-only (for another user when run as root).
  @Test func readOnlyIndexCanBeRead() throws {
    let index = try world.scratch("readonly")
    let ingest = try HostileRunner.run(
      ["ingest", "--index", index.path, "docs/good-1.docx", "docs/good-2.docx"], in: world.root)
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let copy = try world.scratch("readonly-copy")
    for name in try FileManager.default.contentsOfDirectory(atPath: index.path) {
      try FileManager.default.copyItem(
        at: index.appendingPathComponent(name), to: copy.appendingPathComponent(name))
    }
    for name in try FileManager.default.contentsOfDirectory(atPath: copy.path) {
      chmod(copy.appendingPathComponent(name).path, 0o444)
    }
    chmod(copy.path, 0o555)
    // The other user must reach the cases: the world and scratch folders are readable by all.
    chmod(world.root.path, 0o755)
    defer { chmod(copy.path, 0o755) }
    let nobody: UInt32 = 65534
    for arguments in [
      ["stats", "--index", copy.path], ["list", "--index", copy.path],
      ["query", "--index", copy.path, "docs/good-1.docx"],
      ["check", "--index", copy.path, "--fail-on", "never", "docs/good-3.txt"],
    ] {
      let run = try HostileRunner.run(arguments, in: world.root, asUser: nobody)
      #expect(run.status == 0, "\(arguments[0]): exit \(run.status): \(run.stderr)")
    }
  }

  @Test func tamperedIndexIsAClearError() throws {
    let index = try world.scratch("tampered")
    let ingest = try HostileRunner.run(
      ["ingest", "--index", index.path, "docs/good-1.docx", "docs/good-2.docx"], in: world.root)
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let copies = try HostileRunner.tamper(index: index)
    let signatureSize = try #require(copies["signature-size"])
    let stats = try HostileRunner.run(["stats", "--index", signatureSize], in: world.root)
    checkBounds(stats, "signature-size")
    #expect(stats.status == 2)
    #expect(stats.stderr.contains("signatureSize 1000000000 outside"), "\(stats.stderr)")
    let badRow = try #require(copies["bad-row"])
    let query = try HostileRunner.run(["query", "--index", badRow, "docs/good-1.docx"], in: world.root)
    #expect(query.status == 2)
    #expect(query.stderr.contains("unreadable signature"), "\(query.stderr)")
  }

  /// Nothing is copied to TMPDIR any more, so an unwritable one does not matter.
  @Test func unwritableTemporaryDirectory() throws {
    let run = try HostileRunner.run(
      ["extract", "docs/good-1.docx"], in: world.root, environment: ["TMPDIR": "/nonexistent/tmp"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("柔性产线"))
  }
}

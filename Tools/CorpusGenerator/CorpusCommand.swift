import ArgumentParser
import Foundation

@main
struct CorpusCommand: ParsableCommand {
  static let generatorVersion = "1.0.0"

  static let configuration = CommandConfiguration(
    commandName: "chachong-corpus",
    abstract: "Generates a bureau's world of grant applications with ground truth (deterministic).",
    discussion: """
      Sizes:
        demo    the 2023 forward-looking call's batch with every integrity rule planted (about 50
                applications), an archive of about 60 documents of other programs and years, a registry,
                manifests, the blank template, truth.json and expected-findings.json (Corpora/sample/)
        small   the same batch with an archive of about 1,000 documents
        N       a benchmark corpus of N documents: documents.jsonl (+ docx/ with --docx), truth.jsonl in
                the ../shared/peerbench format, about 10% planted near-duplicates

      The same --seed and --size always give byte-identical files.

      Examples:
        chachong-corpus --out /tmp/world --seed 2023 --size demo
        chachong-corpus --out /tmp/bench10k --size 10000
        chachong-corpus --out /tmp/bench1k --size 1000 --docx
      """)

  @Option(name: .long, help: "Output directory (created if missing).")
  var out: String

  @Option(name: .long, help: "Random seed.")
  var seed: UInt64 = 2023

  @Option(name: .long, help: "demo, small, or a number of documents.")
  var size: String = "demo"

  @Option(
    name: .long, help: "Directory of regulation texts for body sentences (default: Corpora/text/regulations)."
  )
  var text: String?

  @Flag(name: .long, help: "With a numeric size, also write every document as .docx.")
  var docx = false

  @Flag(
    name: .long, help: "With demo/small, also write documents.jsonl (id, text, program, year, status, …).")
  var jsonl = false

  func run() throws {
    let output = URL(fileURLWithPath: out)
    let bank = try TextBank(directory: textDirectory())
    switch size {
    case "demo", "small":
      var builder = WorldBuilder(bank: bank, seed: seed)
      builder.buildSample(archiveFiller: size == "demo" ? 42 : 982)
      let writer = WorldWriter(output: output, seed: seed, sizeName: size, writeJSONL: jsonl)
      try writer.write(builder)
      print(
        "wrote \(builder.batch.count) applications, \(builder.archive.count) archive documents, "
          + "\(builder.registry.count) registry rows, \(builder.expected.count) expected findings to \(output.path)"
      )
    default:
      guard let count = Int(size), count > 0, count <= 1_000_000 else {
        throw ValidationError(
          "--size must be demo, small or a number of documents (1…1000000), not '\(size)'")
      }
      let writer = BenchCorpusWriter(output: output, seed: seed, count: count, writeDocx: docx, bank: bank)
      try writer.write { written in
        FileHandle.standardError.write(Data("\(written) documents\n".utf8))
      }
      print("wrote \(count) documents to \(output.path)")
    }
  }

  func textDirectory() -> URL {
    if let text { return URL(fileURLWithPath: text) }
    let relative = "Corpora/text/regulations"
    let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(
      relative)
    if FileManager.default.fileExists(atPath: current.path) { return current }
    // Built from the repository: Tools/CorpusGenerator/CorpusCommand.swift → package root.
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(relative)
  }
}

import ArchiveStore
import Fingerprints
import Foundation
import IndexStore
import Pipeline

@testable import ChachongCore

/// The package root, found from this file's path.
let indexTestsPackageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `chachong` executable next to the test bundle, or in .build/debug or .build/release.
let chachongBinary: URL? = {
  var candidates: [URL] = []
  if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
    candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent())
  }
  candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
  candidates.append(indexTestsPackageRoot.appendingPathComponent(".build/debug"))
  candidates.append(indexTestsPackageRoot.appendingPathComponent(".build/release"))
  for folder in candidates {
    let binary = folder.appendingPathComponent("chachong")
    if FileManager.default.isExecutableFile(atPath: binary.path) {
      return binary
    }
  }
  return nil
}()

func indexTestDirectory(_ name: String) -> URL {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "chachong-e2e-\(name)-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  return directory
}

/// Deterministic pseudo-Chinese text: `count` characters from a 3,000-character range.
func indexTestText(seed: UInt64, count: Int) -> String {
  var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
  var scalars = String.UnicodeScalarView()
  for index in 0..<count {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    if let scalar = Unicode.Scalar(UInt32(0x4E00 + (state >> 33) % 3000)) {
      scalars.append(scalar)
    }
    if index % 50 == 49 {
      scalars.append("。")
    }
  }
  return String(scalars)
}

/// One `.jsonl` line.
func jsonLine(id: String, text: String, extra: [String: String] = [:]) -> String {
  var object: [String: String] = extra
  object["id"] = id
  object["text"] = text
  let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
  return String(decoding: data, as: UTF8.self)
}

/// Runs the binary to completion; returns exit status, stdout and stderr.
func runChachong(_ binary: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> (
  Int32, String, String
) {
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  if !environment.isEmpty {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
  }
  let output = Pipe()
  let errors = Pipe()
  process.standardOutput = output
  process.standardError = errors
  try process.run()
  let outData = output.fileHandleForReading.readDataToEndOfFile()
  let errData = errors.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (
    process.terminationStatus, String(decoding: outData, as: UTF8.self),
    String(decoding: errData, as: UTF8.self)
  )
}

/// The core's jobs over a directory index, as the CLI runs them (the tests' shorthand).
enum TestJobs {
  static func ingest(
    _ directory: String, entries: [InputEntry], failures: [InputFailure] = [], workers: Int = 1,
    batchSize: Int = 1024
  ) async throws -> IngestJob.Summary {
    let store = try LocalStores.openOrCreate(directory)
    let job = IngestJob(store: store, options: IngestJob.Options(batchSize: batchSize, workers: workers))
    return try await job.run(
      InputReader().chunks(in: entries, itemLimit: max(64, 16 * workers)), failures: failures)
  }

  static func query(_ index: DocumentIndex, entries: [InputEntry], options: QueryJob.Options) async throws
    -> QueryReport
  {
    try await QueryJob(store: index, options: options).run(
      InputReader().chunks(in: entries, itemLimit: max(16, 4 * options.threads)))
  }
}

extension DocumentIndex {
  /// The shared candidate search over this index.
  func candidates(for fingerprint: DocumentFingerprint, excludingID: String? = nil) async throws
    -> [Candidate]
  {
    try await CandidateSearch(parameters: parameters).candidates(
      for: fingerprint, in: self, excludingID: excludingID)
  }
}

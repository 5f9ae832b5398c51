import DocumentText
import Foundation
import Testing

@testable import ExternalReaders

/// Committed test files under Corpora/fixtures (origins in Corpora/SOURCES.md).
enum Fixtures {
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Corpora/fixtures")

  static func bytes(_ relative: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
  }
}

/// Which system tools are installed here. Tests that need them are skipped, with this reason, when
/// they are missing; `Tools/ensure-system-packages.sh` installs them (CI runs it).
enum Installed {
  static let runner = ToolRunner()
  static let poppler = ["pdfinfo", "pdftotext", "pdftoppm"].allSatisfy { runner.locate($0) != nil }
  static let tesseract: Bool = {
    guard runner.locate("tesseract") != nil,
      let output = try? runner.run("tesseract", ["--list-langs"], timeout: 30, maximumOutputBytes: 1 << 20)
    else { return false }
    return String(decoding: output.standardOutput + output.standardError, as: UTF8.self)
      .split(separator: "\n").contains("chi_sim")
  }()
  static let popplerReason: Comment =
    "poppler-utils is not installed (Tools/ensure-system-packages.sh); skipped"
  static let ocrReason: Comment =
    "poppler-utils, tesseract-ocr or tesseract-ocr-chi-sim is not installed (Tools/ensure-system-packages.sh); skipped"
}

/// The text a document's pages hold, the way the tests compare them: NFKC, no whitespace, no
/// punctuation (what `NormalizedText` ignores too).
func comparable(_ text: String) -> [Character] {
  Array(
    text.precomposedStringWithCompatibilityMapping.filter { character in
      !character.isWhitespace && !character.isPunctuation && !character.isSymbol
    })
}

/// Characters of `known` found in order in `read` (longest common subsequence) over the characters
/// of `known`: OCR character recall.
func characterRecall(known: String, read: String) -> Double {
  let a = comparable(known)
  let b = comparable(read)
  guard !a.isEmpty else { return 0 }
  var previous = [Int](repeating: 0, count: b.count + 1)
  var current = previous
  for i in 1...a.count {
    for j in stride(from: 1, through: b.count, by: 1) {
      current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
    }
    swap(&previous, &current)
  }
  return Double(previous[b.count]) / Double(a.count)
}

/// A directory of stand-in tools: each named tool is a symbolic link to the installed one, or a
/// shell script; PATH for a reader that should see exactly these.
struct ToolDirectory {
  let path: String

  init(linking tools: [String], scripts: [String: String] = [:]) throws {
    path = NSTemporaryDirectory() + "/chachong-tools-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for tool in tools {
      if let installed = Installed.runner.locate(tool) {
        try FileManager.default.createSymbolicLink(atPath: "\(path)/\(tool)", withDestinationPath: installed)
      }
    }
    for (tool, script) in scripts {
      let file = "\(path)/\(tool)"
      try ("#!/bin/sh\n" + script + "\n").write(toFile: file, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
    }
  }

  var runner: ToolRunner { ToolRunner(searchPath: path) }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

func text(of document: ExtractedDocument) -> String { TextLayout(document).text }

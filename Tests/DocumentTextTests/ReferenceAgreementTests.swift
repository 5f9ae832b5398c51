import Foundation
import Testing

@testable import DocumentText

/// chachong's text against other extractors' reference outputs, on committed fixtures
/// (`Corpora/fixtures/reference/expected.json`; the whole shared corpus is checked by
/// `Tools/reference-check`). Comparisons are on whitespace-separated tokens.
@Suite struct ReferenceAgreementTests {
  struct Check: Decodable, Sendable, CustomStringConvertible {
    var kind: String
    var parts: String
    var text: String
    var removing: [String]?
    var knownIssue: String?
    var description: String { "\(kind) \(parts)" }
  }

  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    var file: String
    var source: String
    var foldTypography: Bool
    var checks: [Check]
    var testDescription: String { "\(source) \(file)" }
  }

  static let folder = TableFixtures.packageRoot.appendingPathComponent("Corpora/fixtures/reference")

  static let cases: [Case] = {
    let url = folder.appendingPathComponent("expected.json")
    guard let data = try? Data(contentsOf: url),
      let cases = try? JSONDecoder().decode([Case].self, from: data)
    else { return [] }
    return cases
  }()

  @Test func theManifestCoversEverySource() {
    #expect(Self.cases.count >= 12)
    #expect(Set(Self.cases.map(\.source)) == ["mammoth", "textract", "node-word-extractor", "apache-poi"])
  }

  @Test(arguments: cases)
  func agreesWithTheReference(_ reference: Case) throws {
    let path = Self.folder.appendingPathComponent(reference.file).path
    let layout = TextLayout(try DocumentReader().read(path: path))
    for check in reference.checks {
      let got = Self.text(of: layout, parts: check.parts)
      if let issue = check.knownIssue {
        withKnownIssue(Comment(rawValue: issue)) {
          try Self.verify(check, got: got, fold: reference.foldTypography)
        }
      } else {
        try Self.verify(check, got: got, fold: reference.foldTypography)
      }
    }
  }

  struct Disagreement: Error, CustomStringConvertible {
    var description: String
  }

  static func verify(_ check: Check, got: String, fold: Bool) throws {
    let expected = fold ? folded(check.text) : check.text
    let actual = fold ? folded(got) : got
    switch check.kind {
    case "tokens":
      var have = tokens(actual)
      for paragraph in check.removing ?? [] {
        have = removingFirst(tokens(fold ? folded(paragraph) : paragraph), from: have)
      }
      try expectEqual(tokens(expected), have, check)
    case "multiset":
      try expectEqual(tokens(expected).sorted(), tokens(actual).sorted(), check)
    case "contains":
      guard normalised(actual).contains(normalised(expected)) else {
        throw Disagreement(
          description: "\(check): \(expected.debugDescription) not in \(actual.debugDescription)")
      }
    case "notContains":
      guard !actual.contains(expected) else {
        throw Disagreement(description: "\(check): \(expected.debugDescription) found")
      }
    default:
      throw Disagreement(description: "unknown check kind \(check.kind)")
    }
  }

  static func expectEqual(_ expected: [String], _ got: [String], _ check: Check) throws {
    guard expected == got else {
      let index =
        zip(expected, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(expected.count, got.count)
      throw Disagreement(
        description: "\(check): token \(index): expected \(expected.dropFirst(index).prefix(5)), "
          + "got \(got.dropFirst(index).prefix(5))")
    }
  }

  /// The paragraphs of the named part kinds ("all", "main", "footnotes", …), joined by "\n".
  static func text(of layout: TextLayout, parts: String) -> String {
    layout.paragraphs.filter { parts == "all" || $0.part.rawValue == parts }.map(\.text)
      .joined(separator: "\n")
  }

  /// Whitespace-separated tokens; soft hyphens (invisible) removed.
  static func tokens(_ text: String) -> [String] {
    text.replacingOccurrences(of: "\u{00AD}", with: "")
      .split(whereSeparator: { $0.isWhitespace }).map(String.init)
  }

  static func normalised(_ text: String) -> String { tokens(text).joined(separator: " ") }

  /// The node-word-extractor snapshots come from the .doc siblings, which have straight quotes.
  static func folded(_ text: String) -> String {
    let map: [Character: Character] = ["‘": "'", "’": "'", "“": "\"", "”": "\"", "–": "-", "—": "-"]
    return String(text.map { map[$0] ?? $0 })
  }

  static func removingFirst(_ needle: [String], from haystack: [String]) -> [String] {
    guard !needle.isEmpty, needle.count <= haystack.count else { return haystack }
    for start in 0...(haystack.count - needle.count)
    where Array(haystack[start..<(start + needle.count)]) == needle {
      return Array(haystack[..<start]) + Array(haystack[(start + needle.count)...])
    }
    return haystack
  }
}

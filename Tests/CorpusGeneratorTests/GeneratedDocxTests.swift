import ChachongModel
import DocumentText
import Foundation
import Testing

@testable import chachong_corpus

/// The generator's Word files read back through chachong's own reader exactly as the ground
/// truth says: same extracted text length, same sections, copied passages at the recorded offsets.
struct GeneratedDocxTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let sample = root.appendingPathComponent("Corpora/sample")

  struct Truth: Decodable {
    struct Document: Decodable {
      var id: String
      var file: String
      var characters: Int
      var sections: [SectionSpanRecord]
    }
    struct Passage: Decodable {
      var start: Int
      var end: Int
      var sourceStart: Int
      var sourceEnd: Int
    }
    struct Pair: Decodable {
      var source: String
      var derived: String
      var passages: [Passage]
    }
    struct Finding: Decodable {
      var application: String
      var rule: String
    }
    var documents: [Document]
    var plantedPairs: [Pair]
    var expectedFindings: [Finding]
    var cleanApplications: [String]
  }

  static func truth() throws -> Truth {
    let data = try Data(contentsOf: sample.appendingPathComponent("truth.json"))
    return try JSONDecoder().decode(Truth.self, from: data)
  }

  static func layout(_ file: String) throws -> TextLayout {
    let document = try DocumentReader().read(path: sample.appendingPathComponent(file).path)
    return TextLayout(document)
  }

  @Test func sampleDocumentsReadBackWithTheRecordedLengthAndSections() throws {
    let truth = try Self.truth()
    #expect(truth.documents.count >= 90)
    for document in truth.documents.prefix(12) {
      let layout = try Self.layout(document.file)
      #expect(layout.text.unicodeScalars.count == document.characters, "\(document.id)")
      #expect(layout.sections.map(\.title) == document.sections.map(\.title), "\(document.id)")
      #expect(layout.sections.map(\.start) == document.sections.map(\.start), "\(document.id)")
    }
  }

  @Test func plantedPassagesAreIdenticalAtTheRecordedOffsets() throws {
    let truth = try Self.truth()
    let files = Dictionary(uniqueKeysWithValues: truth.documents.map { ($0.id, $0.file) })
    var checked = 0
    for pair in truth.plantedPairs {
      guard let sourceFile = files[pair.source], let derivedFile = files[pair.derived] else {
        Issue.record("pair names unknown documents: \(pair.source) \(pair.derived)")
        continue
      }
      let source = Array(try Self.layout(sourceFile).text.unicodeScalars)
      let derived = Array(try Self.layout(derivedFile).text.unicodeScalars)
      for passage in pair.passages {
        #expect(passage.end > passage.start)
        let copied = String(String.UnicodeScalarView(derived[passage.start..<passage.end]))
        let original = String(String.UnicodeScalarView(source[passage.sourceStart..<passage.sourceEnd]))
        #expect(copied == original, "\(pair.derived) ← \(pair.source) at \(passage.start)")
        checked += 1
      }
    }
    #expect(checked > 20)
  }

  @Test func formFieldsOfTheSampleMatchTheManifest() throws {
    let data = try Data(contentsOf: Self.sample.appendingPathComponent("manifest.csv"))
    let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\u{FEFF}", with: "")
    let rows = text.split(separator: "\r\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let header = rows[0].map(String.init)
    let titleColumn = try #require(header.firstIndex(of: "项目名称"))
    let fileColumn = try #require(header.firstIndex(of: "文件"))
    for row in rows.dropFirst().prefix(8) {
      let document = try DocumentReader().read(
        path: Self.sample.appendingPathComponent(String(row[fileColumn])).path)
      let fields = FormFieldExtractor.extract(from: document.parts)
      let title = fields.first { $0.name == FormFieldName.title }?.value
      #expect(title == String(row[titleColumn]), "\(row[fileColumn])")
      #expect(fields.contains { $0.name == FormFieldName.leadID }, "\(row[fileColumn])")
      #expect(fields.contains { $0.name == FormFieldName.requestedFunding }, "\(row[fileColumn])")
    }
  }

  @Test func everyRuleOfTheNoticeIsPlantedNextToCleanApplications() throws {
    let truth = try Self.truth()
    let rules = Set(truth.expectedFindings.map(\.rule))
    let required: Set<String> = [
      "duplicate-submission", "one-per-enterprise", "enterprise-running-project", "cross-program-same-year",
      "previously-funded", "one-per-lead", "lead-running-project", "lead-other-program", "plagiarism",
      "title-format", "budget", "guide-code", "quota", "lead-degree", "identity-checksum", "deadline",
      "manifest-mismatch",
    ]
    #expect(required.isSubset(of: rules))
    let flagged = Set(truth.expectedFindings.map(\.application))
    #expect(truth.cleanApplications.count >= 5)
    #expect(flagged.isDisjoint(with: truth.cleanApplications))
  }
}

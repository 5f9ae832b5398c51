import ChachongCore
import ChachongModel
import Foundation
import Testing

@testable import ChachongWeb

/// The compare page shows what `compare --versions` finds (the core's VersionCompareJob), not
/// only the similarity figures: the sample's online and paper versions of QZ2023-045 differ in
/// 申请资助 (80 → 85), one dropped sentence in 三 and two changed characters in 四.
@Suite struct ComparePageTests {
  static let versions = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpora/sample/versions")

  static func file(_ name: String) throws -> NamedBytes {
    let data = try Data(contentsOf: versions.appendingPathComponent(name))
    return NamedBytes(name: name, bytes: Array(data))
  }

  static let frame = PageFrame(
    language: .zh, user: "aud", role: .auditor, csrfToken: "t", path: "/archive/compare")

  @Test func differencesOfTheSampleVersionsAreListed() throws {
    let online = try Self.file("QZ2023-045-online.docx")
    let paper = try Self.file("QZ2023-045-paper.docx")
    let versions = try VersionCompareJob.compare(online, paper)
    let similarity = CompareJob.compare(
      try DocumentReading().document(online, metadata: InputMetadata()).get(),
      try DocumentReading().document(paper, metadata: InputMetadata()).get())
    let html = ArchivePages.compareForm(Self.frame, report: similarity, versions: versions)

    #expect(html.contains("id=\"version-differences\""))
    #expect(html.contains("两个版本不一致"))
    let rows = html.components(separatedBy: "<tr data-kind=\"").dropFirst()
    #expect(rows.count == versions.differences.count)
    let field = try #require(rows.first { $0.hasPrefix("field-changed") })
    #expect(field.contains("申请资助") && field.contains("<del>80</del>") && field.contains("<ins>85</ins>"))
    // The dropped sentence in 三: text only the online version has, with its section and offsets.
    let deleted = rows.filter { $0.hasPrefix("deleted") || $0.hasPrefix("changed") }
    #expect(deleted.contains { $0.contains("三、创新点") && $0.contains("<span class=\"offsets\">") })
    #expect(html.contains("字段不同"))
  }

  @Test func identicalVersionsSayTheyAgree() throws {
    let online = try Self.file("QZ2023-045-online.docx")
    let versions = try VersionCompareJob.compare(online, online)
    let document = try DocumentReading().document(online, metadata: InputMetadata()).get()
    let similarity = CompareJob.compare(document, document)
    let html = ArchivePages.compareForm(Self.frame, report: similarity, versions: versions)
    #expect(versions.identical)
    #expect(html.contains("flash ok"))
    #expect(html.contains("0 处不一致"))
    #expect(!html.contains("<table class=\"list diffs\">"))
  }

  @Test func differenceTextIsEscapedAndLongTextIsCut() {
    let long = String(repeating: "很长的段落", count: 200)
    #expect(ArchivePages.excerpt(long).hasSuffix("…（1000）"))
    #expect(ArchivePages.excerpt("短") == "短")
  }
}

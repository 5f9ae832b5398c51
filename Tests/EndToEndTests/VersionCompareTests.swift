import Foundation
import Testing

/// `chachong compare A B --versions` on the sample's paper/online pair (Corpora/sample/versions,
/// truth.json → versionPairs): 申请资助 80 → 85, one sentence dropped in 三, two characters changed
/// in 四.
@Suite struct VersionCompareTests {
  static let versions = CheckSampleTests.sample.appendingPathComponent("versions")

  @Test func differingVersionsListFieldsAndPassagesInOrder() throws {
    let run = try CheckEndToEndTests.run(
      ["compare", "--versions", "QZ2023-045-online.docx", "QZ2023-045-paper.docx"], in: Self.versions)
    #expect(run.status == 1, "compare: \(run.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
    #expect(object["identical"] as? Bool == false)
    let differences = object["differences"] as? [[String: Any]] ?? []
    let funding = differences.first { ($0["field"] as? String)?.hasPrefix("申请资助") == true }
    #expect(funding?["kind"] as? String == "field-changed")
    #expect((funding?["valueA"] as? String)?.contains("80") == true)
    #expect((funding?["valueB"] as? String)?.contains("85") == true)
    let text = differences.filter { $0["field"] == nil }
    #expect(
      text.contains {
        $0["kind"] as? String == "deleted" && ($0["sectionA"] as? String)?.hasPrefix("三") == true
      })
    #expect(text.contains { ($0["sectionA"] as? String)?.hasPrefix("四") == true })
    let starts = text.compactMap { $0["aStart"] as? Int }
    #expect(starts == starts.sorted() && starts.count == text.count)
    #expect(!String(decoding: run.stdout, as: UTF8.self).contains(#/\d{17}[\dX]/#))

    let readable = try CheckEndToEndTests.run(
      ["compare", "--versions", "--format", "text", "QZ2023-045-online.docx", "QZ2023-045-paper.docx"],
      in: Self.versions)
    #expect(readable.status == 1)
    #expect(String(decoding: readable.stdout, as: UTF8.self).contains("field-changed 申请资助"))
  }

  @Test func aVersionIsIdenticalToItself() throws {
    let run = try CheckEndToEndTests.run(
      ["compare", "--versions", "QZ2023-045-online.docx", "QZ2023-045-online.docx"], in: Self.versions)
    #expect(run.status == 0, "compare: \(run.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
    #expect(object["identical"] as? Bool == true)
    #expect((object["differences"] as? [Any])?.isEmpty == true)
  }
}

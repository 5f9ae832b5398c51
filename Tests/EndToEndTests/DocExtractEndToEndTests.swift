import Foundation
import Testing

/// `chachong extract` on Word 97–2003 binary files, through the built binary.
@Suite(.enabled(if: chachongBinary != nil, "the chachong binary is built by `swift build`"))
struct DocExtractEndToEndTests {
  let binary = chachongBinary ?? URL(fileURLWithPath: "/nonexistent")

  @Test func extractReadsALegacyDocWithItsSections() throws {
    let path = indexTestsPackageRoot.appendingPathComponent("Corpora/fixtures/doc/nsfc-2026-young.doc").path
    let (status, output, errors) = try runChachong(binary, ["extract", "--format", "json", path])
    #expect(status == 0, "\(errors)")
    let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
    let document = (object?["documents"] as? [[String: Any]])?.first
    #expect(document?["format"] as? String == "doc")
    let titles = (document?["sections"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
    #expect(titles.contains("（一）立项依据"))
    #expect(titles.contains("（三）研究基础"))
  }

  @Test func aBrokenDocIsNamedWithItsReasonAndExitsTwo() throws {
    let directory = indexTestDirectory("doc")
    defer { try? FileManager.default.removeItem(at: directory) }
    let broken = directory.appendingPathComponent("申报书.doc")
    let bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)
    try Data(bytes).write(to: broken)
    let (status, _, errors) = try runChachong(binary, ["extract", broken.path])
    #expect(status == 2)
    #expect(errors.contains(broken.path))
    #expect(errors.contains("OLE2"))
  }
}

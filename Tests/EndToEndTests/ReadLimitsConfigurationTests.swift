import Foundation
import Testing

/// Issue 11: the limits are configurable within safe bounds (`CHACHONG_READ_LIMITS`, a JSON file):
/// a tightened limit is applied, a loosened one stops at its safe bound, a typo is an error.
@Suite struct ReadLimitsConfigurationTests {
  let binary = chachongBinary ?? URL(fileURLWithPath: "/nonexistent")

  private func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-limits-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func aTightenedLimitIsAppliedAndNamed() throws {
    let root = try folder()
    let text = root.appendingPathComponent("long.txt")
    try Data(String(repeating: "本项目研究柔性产线调度方法。", count: 400).utf8).write(to: text)
    let limits = root.appendingPathComponent("limits.json")
    try Data(#"{"maxTextBytes": 2048}"#.utf8).write(to: limits)
    let (defaultStatus, _, _) = try runChachong(binary, ["extract", text.path])
    #expect(defaultStatus == 0)
    let (status, _, errors) = try runChachong(
      binary, ["extract", text.path], environment: ["CHACHONG_READ_LIMITS": limits.path])
    #expect(status == 2)
    #expect(errors.contains("long.txt") && errors.contains("2048"), "\(errors)")
  }

  @Test(arguments: [#"{"maxTextByte": 2048}"#, #"{"maxTextBytes": "big"}"#, "[1, 2]", "not json"])
  func aConfigurationThatCannotBeUsedIsExitTwoNamingTheFile(_ content: String) throws {
    let root = try folder()
    let text = root.appendingPathComponent("short.txt")
    try Data("本项目研究柔性产线调度方法。".utf8).write(to: text)
    let limits = root.appendingPathComponent("limits.json")
    try Data(content.utf8).write(to: limits)
    let (status, output, errors) = try runChachong(
      binary, ["extract", text.path], environment: ["CHACHONG_READ_LIMITS": limits.path])
    #expect(status == 2)
    #expect(output.isEmpty)
    #expect(errors.contains("limits.json") && errors.contains("CHACHONG_READ_LIMITS"), "\(errors)")
  }
}

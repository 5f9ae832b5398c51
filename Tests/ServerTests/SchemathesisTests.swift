import Foundation
import Testing

/// Whether `schemathesis` (or python3 with pip, to install it) is on the PATH.
let schemathesisAvailable: Bool = {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
  return ["schemathesis", "python3"].contains { tool in
    path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
  }
}()

/// The committed OpenAPI document against the running server (Tools/schemathesis.sh): no 5xx, no
/// undocumented status or content type, no response outside its schema. Skipped (and the skip
/// says why) without the built binary or without schemathesis/python3.
@Suite(
  .serialized,
  .enabled(if: chachongBinary != nil, "skipped: needs the built chachong (swift build --product chachong)"),
  .enabled(if: schemathesisAvailable, "skipped: neither schemathesis nor python3 (pip) is on the PATH"))
struct SchemathesisTests {
  @Test func theServerConformsToItsOpenAPIDocument() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [repositoryRoot.appendingPathComponent("Tools/schemathesis.sh").path]
    process.currentDirectoryURL = repositoryRoot
    var environment = ProcessInfo.processInfo.environment
    environment["CHACHONG_BINARY"] = chachongBinary?.path
    environment["EXAMPLES"] = environment["EXAMPLES"] ?? "10"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text.suffix(6000))")
    #expect(text.contains("passed"))
  }
}

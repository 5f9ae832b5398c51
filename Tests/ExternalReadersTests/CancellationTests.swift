import ChachongCore
import DocumentText
import Foundation
import Testing

@testable import ExternalReaders

/// A read that waits on a tool runs on a `BlockingPool` thread, and cancelling the task kills the
/// tool (`DocumentReading.documentOffPool`, `ReadCancellation`).
@Suite struct CancellationTests {
  @Test func cancellingTheJobKillsTheToolItWaitsOn() async throws {
    // A stand-in pdfinfo that would take 30 s and says when it starts and when it finishes. The
    // test does not time the read (a busy pool can hold it back before the tool starts); a tool
    // waited for instead of killed leaves "finished" in its marker.
    let marker = NSTemporaryDirectory() + "/chachong-cancel-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: marker) }
    let tools = try ToolDirectory(
      linking: [],
      scripts: ["pdfinfo": "echo started $$ >> '\(marker)'; sleep 30; echo finished >> '\(marker)'"]
    )
    defer { tools.remove() }
    let reader = DocumentReader(readers: [PDFReader(options: ExternalReaderOptions(), runner: tools.runner)])
    let reading = DocumentReading(reader: reader)
    let item = SourceItem.file(
      NamedBytes(name: "a.pdf", bytes: Array("%PDF-1.4\n".utf8)), metadata: InputMetadata())
    #expect(reader.blocks(Array("%PDF-1.4\n".utf8), name: "a.pdf"))
    let task = Task { await reading.documentOffPool(for: item) }
    // Cancel once the tool runs (or after 20 s: then the pool never started it, which is fine too).
    for _ in 0..<200 where !FileManager.default.fileExists(atPath: marker) {
      try await Task.sleep(for: .milliseconds(100))
    }
    task.cancel()
    let result = await task.value
    guard case .failure(let failure) = result else {
      Issue.record("a cancelled read cannot succeed")
      return
    }
    #expect(failure.reason == DocumentReadError(path: "a.pdf", reason: .cancelled).explanation)
    // The tool, when it started, is gone (killed, not left running in the background).
    let log = (try? String(contentsOfFile: marker, encoding: .utf8)) ?? ""
    if let pidText = log.split(separator: "\n").first?.split(separator: " ").last, let pid = Int32(pidText) {
      var alive = true
      for _ in 0..<50 where alive {
        alive = kill(pid, 0) == 0
        if alive { try await Task.sleep(for: .milliseconds(100)) }
      }
      #expect(!alive, "the tool (pid \(pid)) still runs after the read was cancelled")
    }
    #expect(!log.contains("finished"), "the tool was waited for, not killed")
  }
}

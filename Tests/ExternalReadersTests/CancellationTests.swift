import ChachongCore
import DocumentText
import Foundation
import Testing

@testable import ExternalReaders

/// A read that waits on a tool runs on a `BlockingPool` thread, and cancelling the task kills the
/// tool (`DocumentReading.documentOffPool`, `ReadCancellation`).
@Suite struct CancellationTests {
  @Test func cancellingTheJobKillsTheToolItWaitsOn() async throws {
    // A stand-in pdfinfo that would take 30 s.
    let tools = try ToolDirectory(linking: [], scripts: ["pdfinfo": "sleep 30"])
    defer { tools.remove() }
    let reader = DocumentReader(readers: [PDFReader(options: ExternalReaderOptions(), runner: tools.runner)])
    let reading = DocumentReading(reader: reader)
    let item = SourceItem.file(
      NamedBytes(name: "a.pdf", bytes: Array("%PDF-1.4\n".utf8)), metadata: InputMetadata())
    #expect(reader.blocks(Array("%PDF-1.4\n".utf8), name: "a.pdf"))
    let started = Date()
    let task = Task { await reading.documentOffPool(for: item) }
    try await Task.sleep(for: .milliseconds(300))
    task.cancel()
    let result = await task.value
    #expect(Date().timeIntervalSince(started) < 10, "the tool was killed, not waited for")
    guard case .failure(let failure) = result else {
      Issue.record("a cancelled read cannot succeed")
      return
    }
    #expect(failure.reason == DocumentReadError(path: "a.pdf", reason: .cancelled).explanation)
  }
}

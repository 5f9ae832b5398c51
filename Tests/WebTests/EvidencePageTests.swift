import ArchiveStore
import ChachongCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ChachongServer
@testable import ChachongWeb

/// The application page of a batch checked by the service shows the evidence side by side: both
/// texts, the copied spans highlighted, section names, offsets and the copy ratio, ID numbers
/// masked. The service's batch check runs with the JSON format; the texts come because it asks
/// the core for them (`CheckOptions.evidenceTexts`), not because of the format.
@Suite("Evidence side by side")
struct EvidencePageTests {
  static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpora/sample")

  @Test("QZ2023-025 (sections 二 and 三 copied from MS2022-002) shows both texts highlighted")
  func copiedPassagesAreShownSideBySide() async throws {
    let (app, service) = try await WebRouteTests.makeApplication()
    // The archive: the document QZ2023-025 copied from.
    let source = try Data(contentsOf: Self.sample.appendingPathComponent("archive/MS2022-002.docx"))
    _ = try await IngestJob(store: service.archive).run(
      [
        [
          SourceItem.file(
            NamedBytes(name: "MS2022-002.docx", bytes: Array(source)),
            metadata: InputMetadata(
              id: "MS2022-002", program: "社会民生科技计划", year: 2022, status: "未立项",
              title: "高转化率纳米催化材料与纳米微球填料研发", organisation: "南通恒诚材料有限公司",
              creditCode: "91320602MAQQWLYY4G", lead: "陆志娜"))
        ]
      ].async)
    // The batch: QZ2023-025 alone, as the web's upload form stores it.
    let reviewer = Caller(id: "user:reviewer1", scopes: [.review])
    let (batch, _) = try await service.createBatch(BatchCreation(name: "evidence"), caller: reviewer)
    _ = try await service.addBatchFile(
      batchID: batch.id, name: "QZ2023-025.docx",
      fromFile: Self.sample.appendingPathComponent("applications/QZ2023-025.docx").path, caller: reviewer)
    _ = try await service.runBatch(id: batch.id, caller: reviewer)
    let runner = JobRunner(service: service, worker: "test", logger: .init(label: "test"))
    while let job = try await service.jobs.claim(worker: "test", kinds: JobKind.all, leaseSeconds: 60) {
      await runner.run(job)
    }
    let report = try #require(try await service.batchCheckReport(id: batch.id, caller: reviewer))
    let application = try #require(report.applications.first)
    #expect(
      application.findings.contains { $0.rule == .plagiarism },
      "\(application.findings.map { "\($0.rule.rawValue): \($0.related.map(\.id))" })")

    try await app.test(.router) { client in
      let (cookie, _) = try await WebRouteTests.logIn(client, user: "reviewer1")
      let page = try await client.execute(
        uri: "/batches/\(batch.id)/applications/\(application.id)", method: .get, headers: [.cookie: cookie])
      #expect(page.status == .ok)
      let html = String(buffer: page.body)
      // Both texts side by side, the copied spans highlighted (anchors on both sides).
      #expect(html.contains("<div class=\"compare\">"))
      #expect(html.components(separatedBy: "<div class=\"doc-text\">").count - 1 >= 2)
      let highlighted = html.components(separatedBy: "<a class=\"passage ").count - 1
      #expect(highlighted >= 2, "highlighted passages: \(highlighted)")
      #expect(html.contains("-p1-a\"") && html.contains("-p1-b\""))
      // Section names in the passage table and as labels in the texts.
      #expect(html.contains("class=\"section-label\""))
      #expect(html.contains("二、") || html.contains("三、"))
      // The copy ratio.
      #expect(html.contains("class=\"ratios\""))
      // No lead's ID number in clear (the sample's applications carry them in their forms).
      let idNumber = try #require(try Regex("[1-9][0-9]{5}(19|20)[0-9]{2}[01][0-9][0-3][0-9]{4}[0-9Xx]"))
      #expect(html.firstMatch(of: idNumber) == nil)
    }
  }
}

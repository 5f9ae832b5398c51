import ArchiveStore
import ChachongCore
import ChachongModel
import ChachongServer

/// What the web pages need beyond the service facade, built on its public API only: the
/// archive search of the auditors' page, the version comparison of the compare page, and the
/// batch manifest kept for the `.xlsx` export.
extension ChachongService {
  /// `compare --versions` of two uploads (online A, paper B): the core's field and text
  /// differences. Reading (and OCR of a scan) is blocking work: it runs on the blocking pool.
  /// Auditors only; written to the audit log.
  func compareVersions(_ online: NamedBytes, _ paper: NamedBytes, caller: Caller) async throws
    -> VersionCompareReport
  {
    try caller.require(.audit)
    for file in [online, paper] where file.bytes.count > configuration.maxQueryBytes {
      throw APIError.tooLarge(limit: configuration.maxQueryBytes)
    }
    let reading = self.reading
    let report: VersionCompareReport
    do {
      report = try await BlockingPool.shared.run { () throws(ServiceError) -> VersionCompareReport in
        try VersionCompareJob.compare(online, paper, reading: reading)
      }
    } catch {
      throw APIError.unprocessable(
        "无法比较两个版本：\(error.message)", "cannot compare the versions: \(error.message)")
    }
    try await appendAudit(
      action: "compare.versions", target: "\(online.name) | \(paper.name)", caller: caller)
    return report
  }

  /// Archive records matching `query` (program, year and status by the store; title,
  /// organisation and lead as substrings), by id. Auditors only; written to the audit log.
  func searchArchive(_ query: ArchiveQuery, caller: Caller) async throws -> [DocumentRecord] {
    try caller.require(.audit)
    let records: [DocumentRecord]
    do {
      records = try await archive.records(
        DocumentFilter(program: query.program, year: query.year, status: query.status))
    } catch {
      throw APIError.internalError(error.description)
    }
    try await appendAudit(
      action: "archive.search", target: "archive", detail: query.queryString(page: 1), caller: caller)
    return records.filter(query.matches).sorted { $0.id < $1.id }
  }

  static func exportManifestBlob(_ batchID: String) -> String { "web/batches/\(batchID)/manifest" }

  /// Keeps a copy of the batch's manifest for the export (the facade stores its own copy for
  /// the check; its blob names are its own business).
  func keepManifestForExport(batchID: String, fromFile path: String) async throws {
    do {
      _ = try await state.putBlob(id: Self.exportManifestBlob(batchID), fromFile: path)
    } catch {
      throw APIError.from(error)
    }
  }

  func manifestForExport(batchID: String) async throws -> [UInt8]? {
    do {
      return try await state.blob(id: Self.exportManifestBlob(batchID))
    } catch {
      throw APIError.from(error)
    }
  }
}

import ChachongModel
import Foundation
import Matching

/// `chachong compare A B --versions`: is the paper copy (B) the online submission (A)? JSON names
/// `identical` and `differences` are fixed (docs/evidence.md).
public struct VersionCompareReport: Sendable, Codable, Equatable {
  public struct Side: Sendable, Codable, Equatable {
    public var path: String
    public var sha256: String
    /// Unicode scalars of the extracted text (offsets in `differences` point into it).
    public var characters: Int
    /// Set when this version was read by OCR (a scanned paper copy).
    public var ocr: OCRSummary?
  }

  public var version: String
  public var a: Side
  public var b: Side
  /// True when the normalised texts and every form field are the same.
  public var identical: Bool
  /// Form fields first (A's order, then fields only B has), then text in document order; ID
  /// numbers masked.
  public var differences: [VersionDifference]
  /// When a version was read by OCR: the differences judged recognition errors (not counted;
  /// docs/pdf-ocr.md).
  public var ocrNoise: [VersionDifference]?
}

public enum VersionCompareJob {
  /// Reads both files (Word or text, with their form fields) and compares them.
  public static func compare(_ fileA: NamedBytes, _ fileB: NamedBytes, reading: DocumentReading = .init())
    throws(ServiceError) -> VersionCompareReport
  {
    let a = try read(fileA, reading: reading)
    let b = try read(fileB, reading: reading)
    let comparison = VersionComparer().compare(
      VersionDifferences.document(CheckBatchLoader.version(a)),
      VersionDifferences.document(CheckBatchLoader.version(b)))
    return VersionCompareReport(
      version: ChachongVersion.current,
      a: VersionCompareReport.Side(
        path: fileA.name, sha256: a.sha256, characters: a.text.unicodeScalars.count, ocr: a.ocr),
      b: VersionCompareReport.Side(
        path: fileB.name, sha256: b.sha256, characters: b.text.unicodeScalars.count, ocr: b.ocr),
      identical: comparison.identical, differences: comparison.differences.map(VersionDifferences.masked),
      ocrNoise: comparison.ocrNoise?.map(VersionDifferences.masked))
  }

  static func read(_ file: NamedBytes, reading: DocumentReading) throws(ServiceError)
    -> CheckBatchLoader.ReadDocument
  {
    switch CheckBatchLoader.readDocument(file, reading: reading) {
    case .success(let document): return document
    case .failure(let reason): throw ServiceError(.badInput, "\(file.name): \(reason)")
    }
  }

  /// One line per difference, for `--format text`.
  package static func renderText(_ report: VersionCompareReport) -> String {
    var lines = [
      "A: \(report.a.path)" + (report.a.ocr.map { " [\($0.label)]" } ?? ""),
      "B: \(report.b.path)" + (report.b.ocr.map { " [\($0.label)]" } ?? ""),
    ]
    if let noise = report.ocrNoise, !noise.isEmpty {
      lines.append("\(noise.count) small difference(s) taken for OCR errors, not counted (识别误差，未计入)")
    }
    guard !report.identical else {
      lines.append("identical: texts and form fields are the same (一致)")
      return lines.joined(separator: "\n")
    }
    lines.append("\(report.differences.count) difference(s) (不一致):")
    for (number, difference) in report.differences.enumerated() {
      let label = "\(number + 1). \(difference.kind.rawValue)"
      if let field = difference.field {
        lines.append("\(label) \(field): A «\(difference.valueA ?? "—")» B «\(difference.valueB ?? "—")»")
        continue
      }
      let section =
        (difference.sectionA ?? difference.sectionB).flatMap { $0.isEmpty ? nil : " 〔\($0)〕" } ?? ""
      let positions =
        "A \(difference.aStart ?? 0)..<\(difference.aEnd ?? 0), B \(difference.bStart ?? 0)..<\(difference.bEnd ?? 0)"
      lines.append(
        "\(label)\(section) \(positions): A «\(excerpt(difference.textA))» B «\(excerpt(difference.textB))»")
    }
    return lines.joined(separator: "\n")
  }

  static func excerpt(_ text: String?) -> String {
    let flat = (text ?? "").replacingOccurrences(of: "\n", with: "⏎")
    return flat.count <= 80 ? flat : String(flat.prefix(80)) + "…"
  }
}

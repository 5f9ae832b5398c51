import Foundation

/// Reads the tables bureaus keep (manifests, registries): CSV (RFC 4180; UTF-8 with or without
/// BOM, UTF-16 with BOM, else GB18030, reported in `encoding`), TSV and tab-separated text, and
/// the first sheet of an `.xlsx` workbook. The header is the first non-empty row (title rows
/// above it skipped, see `TabularData.init(records:)`). Legacy `.xls` is refused with a clear error.
package enum TableFileReader {
  package static func read(path: String) throws(DocumentReadError) -> TabularData {
    try read(path: path, limits: .standard)
  }

  package static func read(path: String, limits: ReadLimits) throws(DocumentReadError) -> TabularData {
    try read(bytes: try InputFile.bytes(atPath: path, limits: limits), name: path, limits: limits)
  }

  /// A table given as bytes (an upload, a file the caller read); `name` gives the extension and
  /// names the table in errors.
  package static func read(bytes: [UInt8], name path: String, limits: ReadLimits = .standard)
    throws(DocumentReadError) -> TabularData
  {
    guard bytes.count <= limits.maxEntryBytes else {
      throw DocumentReadError(
        path: path, reason: .tooLarge("\(bytes.count) bytes, limit \(limits.maxEntryBytes)"))
    }
    let fileExtension = (path as NSString).pathExtension.lowercased()
    if isWorkbook(bytes) {
      return TabularData(records: try XLSXReader.records(bytes: bytes, path: path, limits: limits))
    }
    if OLE2Directory.isOLE2(bytes) {
      throw DocumentReadError(
        path: path, reason: .unreadable("legacy Excel .xls or another OLE2 file; save it as .xlsx or CSV"))
    }
    if fileExtension == "xlsx" || fileExtension == "xlsm" {
      throw DocumentReadError(path: path, reason: .notAZip)
    }
    guard let decoded = decode(bytes) else {
      throw DocumentReadError(path: path, reason: .undecodableText)
    }
    let delimiter = delimiter(for: decoded.text, fileExtension: fileExtension)
    do {
      return TabularData(
        records: try CSVParser.records(decoded.text, delimiter: delimiter), encoding: decoded.encoding)
    } catch {
      switch error {
      case .unclosedQuote(let line):
        throw DocumentReadError(
          path: path, reason: .malformedTable("line \(line): a quoted field is never closed (a missing \")"))
      }
    }
  }

  static func isWorkbook(_ bytes: [UInt8]) -> Bool {
    bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
  }

  /// Tab for `.tsv` and for text whose first line has tabs and no commas (Excel's "Unicode text"
  /// export); comma otherwise.
  static func delimiter(for text: String, fileExtension: String) -> Unicode.Scalar {
    if fileExtension == "tsv" { return "\t" }
    let firstLine = text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }
    return firstLine.contains("\t") && !firstLine.contains(",") ? "\t" : ","
  }

  /// UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else GB18030 (covers
  /// GBK and GB2312): the document reader's decoder, so tables and texts agree.
  static func decode(_ bytes: [UInt8]) -> TextDecoder.Decoded? {
    TextDecoder.decode(bytes)
  }
}

import Foundation

/// RFC 4180 CSV, CRLF line ends as Excel writes them; optional UTF-8 byte order mark.
enum CSVWriter {
  static func field(_ value: String) -> String {
    if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }
    return value
  }

  static func data(header: [String], rows: [[String]], byteOrderMark: Bool) -> Data {
    var text = byteOrderMark ? "\u{FEFF}" : ""
    for row in [header] + rows {
      text += row.map(field).joined(separator: ",") + "\r\n"
    }
    return Data(text.utf8)
  }
}

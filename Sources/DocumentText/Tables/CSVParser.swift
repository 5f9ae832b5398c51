/// RFC 4180 CSV: fields separated by a delimiter, records by CRLF, LF or CR; a field in double
/// quotes may hold delimiters, line breaks and doubled quotes (`""`). Lenient the way spreadsheet
/// programs are: a quote inside an unquoted field is kept literally, text after a closing quote is
/// appended. Pure.
enum CSVParser {
  static func records(_ text: String, delimiter: Unicode.Scalar = ",") -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = String.UnicodeScalarView()
    var inQuotes = false
    var quotedField = false
    var pendingQuote = false  // a quote seen inside quotes: closing, or the first of `""`
    var skipLineFeed = false
    var fieldStarted = false

    func endField() {
      record.append(String(field))
      field = String.UnicodeScalarView()
      quotedField = false
      fieldStarted = false
    }
    func endRecord() {
      endField()
      records.append(record)
      record = []
    }

    for scalar in text.unicodeScalars {
      if skipLineFeed {
        skipLineFeed = false
        if scalar == "\n" { continue }
      }
      if inQuotes {
        if pendingQuote {
          pendingQuote = false
          if scalar == "\"" {
            field.append("\"")
            continue
          }
          inQuotes = false  // the quote closed the field; handle this scalar unquoted below
        } else if scalar == "\"" {
          pendingQuote = true
          continue
        } else {
          field.append(scalar)
          continue
        }
      }
      switch scalar {
      case delimiter:
        endField()
      case "\r", "\n":
        endRecord()
        skipLineFeed = scalar == "\r"
      case "\"" where !fieldStarted && !quotedField:
        inQuotes = true
        quotedField = true
        fieldStarted = true
      default:
        field.append(scalar)
        fieldStarted = true
      }
    }
    if inQuotes || fieldStarted || quotedField || !record.isEmpty { endRecord() }
    return records
  }
}

/// RFC 4180 CSV: fields separated by a delimiter, records by CRLF, LF or CR; a field in double
/// quotes may hold delimiters, line breaks and doubled quotes (`""`). Lenient the way spreadsheet
/// programs are: a quote inside an unquoted field is kept literally, text after a closing quote is
/// appended. Not lenient about a quote that never closes: that would swallow every row after it
/// into one field (a project silently lost, ID numbers inside a title), so it is an error naming
/// the line where the quoted field starts. Pure.
enum CSVParser {
  enum Failure: Error, Equatable {
    /// A quoted field opened on this 1-based line never closes.
    case unclosedQuote(line: Int)
  }

  static func records(_ text: String, delimiter: Unicode.Scalar = ",") throws(Failure) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = String.UnicodeScalarView()
    var inQuotes = false
    var quotedField = false
    var pendingQuote = false  // a quote seen inside quotes: closing, or the first of `""`
    var skipLineFeed = false
    var fieldStarted = false
    // Physical lines, for the error: CRLF, CR and LF each end one.
    var line = 1
    var previousWasCR = false
    var quoteLine = 1

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
      if scalar == "\r" || (scalar == "\n" && !previousWasCR) { line += 1 }
      previousWasCR = scalar == "\r"
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
        quoteLine = line
      default:
        field.append(scalar)
        fieldStarted = true
      }
    }
    if inQuotes, !pendingQuote { throw .unclosedQuote(line: quoteLine) }
    if inQuotes || fieldStarted || quotedField || !record.isEmpty { endRecord() }
    return records
  }
}

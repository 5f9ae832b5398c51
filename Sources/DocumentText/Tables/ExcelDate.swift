/// Excel stores dates as day serials formatted by the cell's number format; a table reader should
/// give the date, not `45291`. Pure.
enum ExcelDate {
  enum Kind: Equatable {
    case date, dateTime, time
  }

  /// Built-in number formats that show dates or times (ECMA-376 §18.8.30, with the CJK ids).
  static func kind(builtinFormat id: Int) -> Kind? {
    switch id {
    case 14...17, 27...31, 34...36, 50...58: .date
    case 22: .dateTime
    case 18...21, 32, 33, 45, 47: .time
    default: nil
    }
  }

  /// Classifies a custom format code such as `yyyy-mm-dd h:mm:ss` or `yyyy"年"m"月"d"日"`.
  static func kind(formatCode: String) -> Kind? {
    var plain = ""
    var inQuotes = false
    var inBrackets = false
    var escaped = false
    for character in formatCode {
      if escaped {
        escaped = false
        continue
      }
      switch character {
      case "\\" where !inQuotes: escaped = true
      case "\"": inQuotes.toggle()
      case "[" where !inQuotes: inBrackets = true
      case "]" where !inQuotes: inBrackets = false
      case ";" where !inQuotes && !inBrackets: return classify(plain)  // the positive-number section
      default: if !inQuotes && !inBrackets { plain.append(character) }
      }
    }
    return classify(plain)
  }

  private static func classify(_ code: String) -> Kind? {
    let lower = code.lowercased()
    guard !lower.contains("general"), !lower.contains("e+"), !lower.contains("e-") else { return nil }
    let hasDate = lower.contains("y") || lower.contains("d")
    let hasTime = lower.contains("h") || lower.contains("s")
    let hasMonthOrMinute = lower.contains("m")
    switch (hasDate, hasTime) {
    case (true, true): return .dateTime
    case (true, false): return .date
    case (false, true): return .time
    case (false, false): return hasMonthOrMinute && !lower.contains("0") && !lower.contains("#") ? .date : nil
    }
  }

  /// The serial as `yyyy-MM-dd`, `yyyy-MM-dd HH:mm:ss` or `HH:mm:ss`; nil when it is not a
  /// number or out of Excel's range.
  static func format(serial text: String, kind: Kind, uses1904: Bool) -> String? {
    guard let serial = Double(text), serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
    var days = Int(serial.rounded(.down))
    var seconds = Int(((serial - Double(days)) * 86_400).rounded())
    if seconds >= 86_400 {
      days += 1
      seconds -= 86_400
    }
    let time = padded([seconds / 3600, seconds / 60 % 60, seconds % 60], separator: ":")
    if kind == .time { return time }
    guard let date = civilDate(serialDay: days, uses1904: uses1904) else { return nil }
    if kind == .date && seconds == 0 { return date }
    return date + " " + time
  }

  /// The calendar date of a day serial. In the 1900 system Excel counts a 29 February 1900 that
  /// never was (serial 60), so serials from 61 on are one day ahead of a plain count.
  static func civilDate(serialDay: Int, uses1904: Bool) -> String? {
    let daysSince1970: Int
    if uses1904 {
      daysSince1970 = serialDay - 24_107  // 1904-01-01 is serial 0
    } else if serialDay >= 61 {
      daysSince1970 = serialDay - 25_569  // 1970-01-01 is serial 25569
    } else if serialDay == 60 {
      return "1900-02-29"
    } else if serialDay >= 1 {
      daysSince1970 = serialDay - 25_568
    } else {
      return nil
    }
    let (year, month, day) = civil(fromDays: daysSince1970)
    return padded([year, month, day], separator: "-")
  }

  /// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
  static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// Zero-padded numbers (the first of a date to four digits) joined by a separator.
  private static func padded(_ values: [Int], separator: String) -> String {
    values.enumerated().map { index, value in
      let digits = String(value)
      let width = index == 0 && separator == "-" ? 4 : 2
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }.joined(separator: separator)
  }
}

/// A point in time parsed from the forms people type into manifests: `2024-01-31`,
/// `2024/1/31 17:05`, `2024-01-31T23:59:59+08:00`, `2024年1月31日 17时5分`. Without an offset the
/// time is Beijing time (UTC+8). Pure: no Foundation date formatters, no locale.
package struct Timestamp: Sendable, Equatable, Comparable, Hashable {
  /// Seconds since 1970-01-01T00:00:00Z.
  package let secondsSinceEpoch: Int64
  /// True when the text held only a date.
  package let isDateOnly: Bool

  package static let beijingOffsetSeconds = 8 * 3600

  package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
  }

  package init(
    year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
    offsetSeconds: Int = Timestamp.beijingOffsetSeconds, isDateOnly: Bool = false
  ) {
    let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
    let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    secondsSinceEpoch = local - Int64(offsetSeconds)
    self.isDateOnly = isDateOnly
  }

  package init?(parsing raw: String) {
    let text = Timestamp.asciiFolded(raw)
    var numbers: [Int] = []
    var current: Int?
    var offsetSign = 0
    var offsetStartIndex: Int?
    var sawZulu = false
    for scalar in text.unicodeScalars {
      if (48...57).contains(scalar.value) {
        current = (current ?? 0) * 10 + Int(scalar.value - 48)
        if current ?? 0 > 99_999_999 { return nil }
        continue
      }
      if let value = current {
        numbers.append(value)
        current = nil
      }
      // A sign after the time starts the offset; a '-' inside the date is a separator.
      if (scalar == "+" || scalar == "-") && numbers.count >= 5 && offsetStartIndex == nil {
        offsetSign = scalar == "+" ? 1 : -1
        offsetStartIndex = numbers.count
      } else if scalar == "Z" && numbers.count >= 5 {
        sawZulu = true
      }
    }
    if let value = current { numbers.append(value) }
    // A compact date (20240131) is three numbers.
    if let first = numbers.first, first >= 10_000_000 {
      numbers.replaceSubrange(0..<1, with: [first / 10_000, first / 100 % 100, first % 100])
    }
    guard numbers.count >= 3 else { return nil }
    let year = numbers[0]
    let month = numbers[1]
    let day = numbers[2]
    guard (1900...2200).contains(year), ResidentID.isRealDate(year: year, month: month, day: day) else {
      return nil
    }
    let timeEnd = offsetStartIndex ?? numbers.count
    let time = Array(numbers[3..<max(3, timeEnd)])
    let hour = time.count > 0 ? time[0] : 0
    let minute = time.count > 1 ? time[1] : 0
    let second = time.count > 2 ? time[2] : 0
    guard (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second), time.count <= 4
    else { return nil }
    var offset = Timestamp.beijingOffsetSeconds
    if sawZulu { offset = 0 }
    if let start = offsetStartIndex {
      let parts = Array(numbers[start...])
      switch parts.count {
      case 1 where parts[0] >= 100: offset = (parts[0] / 100) * 3600 + (parts[0] % 100) * 60
      case 1: offset = parts[0] * 3600
      case 2: offset = parts[0] * 3600 + parts[1] * 60
      default: return nil
      }
      offset *= offsetSign
    }
    self.init(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
      offsetSeconds: offset, isDateOnly: time.isEmpty)
  }

  /// Full-width ASCII to ASCII, letters upper-cased.
  static func asciiFolded(_ raw: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in raw.unicodeScalars {
      var value = scalar.value
      if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
      if (0x61...0x7A).contains(value) { value -= 0x20 }
      if let mapped = Unicode.Scalar(value) { scalars.append(mapped) }
    }
    return String(scalars)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}

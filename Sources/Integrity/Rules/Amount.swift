/// Money as typed into forms and manifests, in 万元: 「200」, 「200万元」, 「2,000,000元」,
/// 「1.5亿」. A bare number of 10,000 or more is taken as yuan: no application of this kind
/// asks for a hundred million.
package enum Amount {
  package static func wanYuan(_ raw: String) -> Double? {
    let text = Timestamp.asciiFolded(raw)
    var number = ""
    var seenDigit = false
    var rest = ""
    for character in text {
      if character.isASCII && (character.isNumber || character == ".") && rest.isEmpty {
        number.append(character)
        if character.isNumber { seenDigit = true }
      } else if character == "," && rest.isEmpty && seenDigit {
        continue
      } else if character == " " && !seenDigit {
        continue
      } else if seenDigit {
        rest.append(character)
      } else if !(character == " " || character == "¥" || character == "￥" || character == "约") {
        return nil
      }
    }
    guard seenDigit, let value = Double(number) else { return nil }
    if rest.contains("亿") { return value * 10_000 }
    if rest.contains("万") { return value }
    if rest.contains("元") { return value / 10_000 }
    return value >= 10_000 ? value / 10_000 : value
  }

  /// `150`, `62.5`: at most four decimals, no trailing zeros.
  package static func format(_ value: Double) -> String {
    let scaled = (value * 10_000).rounded()
    let whole = Int(scaled) / 10_000
    var fraction = abs(Int(scaled) % 10_000)
    guard fraction != 0 else { return String(whole) }
    var digits = 4
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let fractionText = String(fraction)
    return "\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
  }
}

/// The first four-digit code in 「1001 人工智能」, 「指南编号：1001」.
package enum GuideCodeText {
  package static func code(in raw: String) -> String? {
    var run = ""
    for character in Timestamp.asciiFolded(raw) {
      if character.isASCII && character.isNumber {
        run.append(character)
      } else {
        if run.count == 4 { return run }
        run = ""
      }
    }
    return run.count == 4 ? run : nil
  }
}

import Foundation

/// Decides which paragraphs start sections. Pure.
public enum HeadingDetector {
  /// Longest paragraph that can be a Chinese-numbered heading (`一、…`, `（二）…`, `第一章…`).
  public static let maximumChineseHeadingLength = 60
  /// Longest paragraph that can be an Arabic-numbered heading (`1. …`, `1.1 …`).
  public static let maximumNumberedHeadingLength = 30

  /// The outline level (0-based) a style name implies: `heading 1`, `Heading1`, `标题 1`, `标题1`.
  public static func outlineLevel(styleName: String) -> Int? {
    let lowered = styleName.lowercased().replacingOccurrences(of: " ", with: "")
    for prefix in ["heading", "标题"] where lowered.hasPrefix(prefix) {
      let rest = lowered.dropFirst(prefix.count)
      if let number = Int(rest), (1...9).contains(number) { return number - 1 }
    }
    return nil
  }

  /// Numbered headings of Chinese application forms, recognised from the text alone.
  public static func isNumberedHeading(_ paragraph: String) -> Bool {
    let text = paragraph.trimmingCharacters(in: .whitespaces)
    guard let first = text.first else { return false }
    let length = text.count
    if let last = text.last, "。；;，,".contains(last), length > 12 { return false }
    if chineseNumerals.contains(first) {
      // 一、立项依据 / 二．研究内容
      let numeral = text.prefix { chineseNumerals.contains($0) }
      guard numeral.count <= 3, let mark = text.dropFirst(numeral.count).first else { return false }
      return "、．.".contains(mark) && length <= maximumChineseHeadingLength
        && text.count > numeral.count + 1
    }
    if first == "（" || first == "(" {
      // （二）研究目标
      let inner = text.dropFirst().prefix { chineseNumerals.contains($0) }
      guard !inner.isEmpty, inner.count <= 3 else { return false }
      let close = text.dropFirst(1 + inner.count).first
      return (close == "）" || close == ")") && length <= maximumChineseHeadingLength
        && text.count > inner.count + 2
    }
    if first == "第" {
      // 第一章 / 第3节
      let number = text.dropFirst().prefix { chineseNumerals.contains($0) || $0.isASCII && $0.isNumber }
      guard !number.isEmpty, let unit = text.dropFirst(1 + number.count).first else { return false }
      return "章节部分篇".contains(unit) && length <= maximumChineseHeadingLength
    }
    if first.isASCII, first.isNumber {
      return isArabicNumberedHeading(text)
    }
    return false
  }

  /// `1. 概述`, `1.1 背景`, `2、目标`: short, and not a sentence.
  private static func isArabicNumberedHeading(_ text: String) -> Bool {
    guard text.count <= maximumNumberedHeadingLength else { return false }
    var rest = Substring(text)
    var groups = 0
    while let digit = rest.first, digit.isASCII, digit.isNumber {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard digits.count <= 2 else { return false }
      groups += 1
      rest = rest.dropFirst(digits.count)
      guard let separator = rest.first else { return false }
      if separator == "." || separator == "．" {
        rest = rest.dropFirst()
      } else if separator == "、" && groups == 1 {
        rest = rest.dropFirst()
        break
      } else if groups >= 2 && separator == " " {
        break
      } else {
        return false
      }
    }
    let title = rest.trimmingCharacters(in: .whitespaces)
    guard let firstTitleCharacter = title.first, !firstTitleCharacter.isNumber else { return false }
    if let last = title.last, "。；;，,".contains(last) { return false }
    return true
  }

  private static let chineseNumerals: Set<Character> = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零", "〇",
  ]
}

import Foundation

/// Decides which paragraphs start sections. Pure.
package enum HeadingDetector {
  /// Longest paragraph that can be a Chinese-numbered heading (`一、…`, `（二）…`, `第一章…`).
  package static let maximumChineseHeadingLength = 60
  /// Longest paragraph that can be an Arabic-numbered heading (`1. …`, `1.1 …`).
  package static let maximumNumberedHeadingLength = 30

  /// The outline level (0-based) a style name implies: `heading 1`, `Heading1`, `标题 1`, `标题1`.
  package static func outlineLevel(styleName: String) -> Int? {
    let lowered = styleName.lowercased().replacingOccurrences(of: " ", with: "")
    for prefix in ["heading", "标题"] where lowered.hasPrefix(prefix) {
      let rest = lowered.dropFirst(prefix.count)
      if let number = Int(rest), (1...9).contains(number) { return number - 1 }
    }
    return nil
  }

  /// Text that could title a section once its number is generated: not empty, at most
  /// `maximumChineseHeadingLength` scalars, not a sentence.
  package static func isShortTitle(_ text: String) -> Bool {
    let scalars = text.unicodeScalars.filter { !$0.properties.isWhitespace }
    guard let last = scalars.last, scalars.count <= maximumChineseHeadingLength else { return false }
    return !(sentenceEnds.contains(last) && scalars.count > 12)
  }

  /// `TOC 1`, `toc2`, `目录 1`: styles of table-of-contents entries.
  package static func isTableOfContentsStyle(_ style: String) -> Bool {
    let lowered = style.lowercased()
    return lowered.hasPrefix("toc") || lowered.hasPrefix("目录")
  }

  /// A line that ends with a tab and a page number (`第1章 绪论\t1`).
  package static func isTableOfContentsEntry(_ text: String) -> Bool {
    let scalars = text.unicodeScalars
    guard let tab = scalars.lastIndex(of: "\t") else { return false }
    let page = scalars[scalars.index(after: tab)...]
    return !page.isEmpty && page.count <= 6
      && page.allSatisfy {
        $0.isASCII && ($0.properties.numericType != nil || "ivxlcIVXLC".unicodeScalars.contains($0))
      }
  }

  /// Numbered headings of Chinese application forms, recognised from the text alone.
  package static func isNumberedHeading(_ paragraph: String) -> Bool {
    // Most paragraphs are body text: decide from the first scalar before looking further.
    let scalars = paragraph.unicodeScalars
    guard let firstIndex = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return false }
    let head = scalars[firstIndex]
    guard chineseNumerals.contains(head) || head == "（" || head == "(" || head == "第" || isDigit(head)
    else { return false }
    var text = String(scalars[firstIndex...])
    while let last = text.unicodeScalars.last, last.properties.isWhitespace {
      text.unicodeScalars.removeLast()
    }
    return isNumberedHeading(trimmed: text)
  }

  private static func isNumberedHeading(trimmed text: String) -> Bool {
    let scalars = Array(text.unicodeScalars.prefix(maximumChineseHeadingLength + 1))
    guard let first = scalars.first, let last = text.unicodeScalars.last else { return false }
    let length = scalars.count
    if sentenceEnds.contains(last), length > 12 { return false }
    if chineseNumerals.contains(first) {
      // 一、立项依据 / 二．研究内容
      let numeral = scalars.prefix { chineseNumerals.contains($0) }.count
      guard numeral <= 3, numeral < length else { return false }
      return "、．.".unicodeScalars.contains(scalars[numeral]) && length <= maximumChineseHeadingLength
        && length > numeral + 1
    }
    if first == "（" || first == "(" {
      // （二）研究目标
      let inner = scalars.dropFirst().prefix { chineseNumerals.contains($0) }.count
      guard inner > 0, inner <= 3, 1 + inner < length else { return false }
      let close = scalars[1 + inner]
      return (close == "）" || close == ")") && length <= maximumChineseHeadingLength && length > inner + 2
    }
    if first == "第" {
      // 第一章 / 第3节
      let number = scalars.dropFirst().prefix { chineseNumerals.contains($0) || isDigit($0) }.count
      guard number > 0, 1 + number < length else { return false }
      return "章节部分篇".unicodeScalars.contains(scalars[1 + number]) && length <= maximumChineseHeadingLength
    }
    if isDigit(first) {
      return length <= maximumNumberedHeadingLength && isArabicNumberedHeading(text)
    }
    return false
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII && scalar.properties.numericType != nil
  }

  private static let sentenceEnds: Set<Unicode.Scalar> = ["。", "；", ";", "，", ","]

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

  private static let chineseNumerals: Set<Unicode.Scalar> = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零", "〇",
  ]
}

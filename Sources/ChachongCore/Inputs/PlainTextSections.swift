import Fingerprints
import Foundation

/// Section spans of plain text (a `.jsonl` record, a `.txt` file) from heading-like lines:
/// `一、…`, `（一）…`, `第一章…`, `1.…`/`1、…` when the line is short and does not end a sentence.
enum PlainTextSections {
  static let maximumHeadingLength = 40

  /// Spans in code points covering the whole text; the part before the first heading has the
  /// title "". Text without headings is one section.
  static func detect(_ text: String) -> [(title: String, start: Int, end: Int)] {
    var text = text
    return text.withUTF8 { detect(utf8: $0) }
  }

  /// Works on the bytes: lines are found with `memchr` and measured by ``ScalarCount``; only
  /// lines short enough to be headings are decoded (walking every scalar was 4 % of an ingest).
  private static func detect(utf8: UnsafeBufferPointer<UInt8>) -> [(title: String, start: Int, end: Int)] {
    var sections: [(title: String, start: Int, end: Int)] = []
    var currentTitle = ""
    var currentStart = 0
    var offset = 0
    var byteIndex = 0
    guard let base = utf8.baseAddress else { return [("", 0, 0)] }
    while true {
      let remaining = utf8.count - byteIndex
      let newline = memchr(base + byteIndex, 0x0A, remaining).map {
        byteIndex + (UnsafeRawPointer($0) - UnsafeRawPointer(base + byteIndex))
      }
      let lineEnd = newline ?? utf8.count
      let line = UnsafeBufferPointer(rebasing: utf8[byteIndex..<lineEnd])
      let length = ScalarCount.of(line)
      if length <= maximumHeadingLength + 8,
        let title = heading(Array(String(decoding: line, as: UTF8.self).unicodeScalars))
      {
        if offset > currentStart || !currentTitle.isEmpty {
          sections.append((currentTitle, currentStart, offset))
        }
        currentTitle = title
        currentStart = offset
      }
      offset += length
      guard newline != nil else { break }
      offset += 1
      byteIndex = lineEnd + 1
    }
    sections.append((currentTitle, currentStart, offset))
    return sections
  }

  private static let chineseNumerals: Set<Unicode.Scalar> = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "〇", "零",
  ]

  /// The heading text when `line` looks like a heading.
  static func heading(_ line: [Unicode.Scalar]) -> String? {
    let trimmed = Array(line.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" })
    guard !trimmed.isEmpty, trimmed.count <= maximumHeadingLength else { return nil }
    if let last = trimmed.last, "。；;，,".unicodeScalars.contains(last) { return nil }
    var index = 0
    func skip(_ isMember: (Unicode.Scalar) -> Bool) -> Int {
      let begin = index
      while index < trimmed.count && isMember(trimmed[index]) { index += 1 }
      return index - begin
    }
    let title = String(String.UnicodeScalarView(trimmed))
    // 一、 / 十二．
    if skip({ chineseNumerals.contains($0) }) > 0, index < trimmed.count,
      "、.．".unicodeScalars.contains(trimmed[index])
    {
      return title
    }
    index = 0
    // （一） / (二)
    if "（(".unicodeScalars.contains(trimmed[0]) {
      index = 1
      if skip({ chineseNumerals.contains($0) }) > 0, index < trimmed.count,
        "）)".unicodeScalars.contains(trimmed[index])
      {
        return title
      }
    }
    index = 0
    // 第一章 / 第3部分
    if trimmed[0] == "第" {
      index = 1
      if skip({ chineseNumerals.contains($0) || ("0"..."9").contains($0) }) > 0, index < trimmed.count,
        "章节部分篇".unicodeScalars.contains(trimmed[index])
      {
        return title
      }
    }
    index = 0
    // 1、 / 2. / 3.1 (short lines only)
    if skip({ ("0"..."9").contains($0) }) > 0, index < trimmed.count, trimmed.count <= 25,
      "、.．".unicodeScalars.contains(trimmed[index])
    {
      return title
    }
    return nil
  }
}

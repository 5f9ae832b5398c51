import Pipeline
import Testing

@testable import ChachongCore

@Test func plainTextSectionsFollowHeadingLinesInCodePoints() {
  let long = String(repeating: "研究", count: 40)
  let text = "封面说明\n一、立项依据\n\(long)。\n（二）研究内容\r\n内容。\n第3章 预算\n1. 设备费\n末行没有换行"
  let sections = PlainTextSections.detect(text)
  let scalars = Array(text.unicodeScalars)
  func offset(of line: String) -> Int {
    let target = Array(line.unicodeScalars)
    for start in 0...(scalars.count - target.count)
    where Array(scalars[start..<start + target.count]) == target {
      return start
    }
    return -1
  }
  #expect(sections.map(\.title) == ["", "一、立项依据", "（二）研究内容\r", "第3章 预算", "1. 设备费"])
  #expect(sections.first?.start == 0)
  #expect(sections[1].start == offset(of: "一、立项依据"))
  #expect(sections[2].start == offset(of: "（二）研究内容"))
  #expect(sections[3].start == offset(of: "第3章"))
  #expect(sections[4].start == offset(of: "1. 设备费"))
  for (previous, next) in zip(sections, sections.dropFirst()) {
    #expect(previous.end == next.start)
  }
  #expect(sections.last?.end == scalars.count)
}

@Test func plainTextWithoutHeadingsIsOneSection() {
  #expect(PlainTextSections.detect("").map { [$0.start, $0.end] } == [[0, 0]])
  let text = "只有一段正文，没有标题。\n第二行也是正文，以句号结束。"
  let sections = PlainTextSections.detect(text)
  #expect(sections.count == 1)
  #expect(sections.first.map { [$0.start, $0.end] } == [0, text.unicodeScalars.count])
  // A heading-like line that ends a sentence is not a heading.
  #expect(PlainTextSections.detect("一、这是一句话。\n正文").count == 1)
}

import ChachongModel
import Testing

@testable import Matching

private func sections(_ text: String, titles: [String]) -> [TextSection] {
  let starts = titles.compactMap { TestText.offset(of: $0, in: text) }
  return zip(titles, starts).enumerated().map { index, pair in
    let end = index + 1 < starts.count ? starts[index + 1] : TestText.length(text)
    return TextSection(title: pair.0, start: pair.1, end: end)
  }
}

private let titles = ["一、项目概述", "二、研究内容", "三、预期目标"]
private let first = TestText.chinese(60, seed: 70)
private let second = TestText.chinese(80, seed: 71)
private let third = TestText.chinese(70, seed: 72)

private func document(_ body: [String], fields: [VersionField] = []) -> VersionDocument {
  let text = zip(titles, body).map { "\($0)\n\($1)" }.joined(separator: "\n")
  return VersionDocument(text: text, sections: sections(text, titles: titles), fields: fields)
}

@Test func sameTextAndFieldsAreIdenticalDespiteWhitespaceAndWrapping() {
  let fields = [VersionField(name: "项目名称", value: "高能效神经网络处理器芯片研发")]
  let paper = document([first, second, third], fields: fields)
  // The online copy wraps lines differently and pads the field value.
  let wrapped = TestText.slice(second, 0, 40) + "\n" + TestText.slice(second, 40, 80)
  let online = document(
    [first, wrapped, third], fields: [VersionField(name: "项目名称", value: " 高能效神经网络处理器芯片研发 ")])
  let comparison = VersionComparer().compare(paper, online)
  #expect(comparison.identical)
  #expect(comparison.differences.isEmpty)
}

@Test func changedFieldsReportBothValues() {
  let paper = document(
    [first, second, third],
    fields: [
      VersionField(name: "项目名称", value: "量子密钥分发设备研发"), VersionField(name: "研发总投入", value: "300万元"),
      VersionField(name: "学历", value: "博士"),
    ])
  let online = document(
    [first, second, third],
    fields: [
      VersionField(name: "项目名称", value: "量子密钥分发设备研发"), VersionField(name: "研发总投入", value: "350万元"),
      VersionField(name: "申请资助", value: "100万元"),
    ])
  let comparison = VersionComparer().compare(paper, online)
  #expect(!comparison.identical)
  #expect(
    comparison.differences == [
      VersionDifference(kind: .fieldChanged, field: "研发总投入", valueA: "300万元", valueB: "350万元"),
      VersionDifference(kind: .fieldOnlyInA, field: "学历", valueA: "博士"),
      VersionDifference(kind: .fieldOnlyInB, field: "申请资助", valueB: "100万元"),
    ])
}

@Test func deletedChangedAndInsertedTextInDocumentOrderWithSections() throws {
  let deletedSentence = "本项目已完成中试验证"
  let paper = document([first + deletedSentence, second, third])
  var scalars = Array(second.unicodeScalars)
  let originalCharacter = String(scalars[30])
  scalars[30] = "新"
  let changedSecond = String(String.UnicodeScalarView(scalars))
  let insertedSentence = "并申请发明专利三项"
  let online = document([
    first, changedSecond, TestText.slice(third, 0, 35) + insertedSentence + TestText.slice(third, 35, 70),
  ])
  let comparison = VersionComparer().compare(paper, online)
  #expect(!comparison.identical)
  #expect(comparison.differences.map(\.kind) == [.deleted, .changed, .inserted])
  let deleted = comparison.differences[0]
  #expect(deleted.textA == deletedSentence)
  #expect(deleted.textB == nil)
  #expect(deleted.sectionA == "一、项目概述")
  #expect(deleted.bStart == deleted.bEnd)
  let changed = comparison.differences[1]
  #expect(changed.textA == originalCharacter)
  #expect(changed.textB == "新")
  #expect(changed.sectionA == "二、研究内容")
  #expect(changed.sectionB == "二、研究内容")
  let paperText = paper.text
  let secondStart = try #require(TestText.offset(of: second, in: paperText))
  #expect(changed.aStart == secondStart + 30)
  #expect(changed.aEnd == secondStart + 31)
  let inserted = comparison.differences[2]
  #expect(inserted.textB == insertedSentence)
  #expect(inserted.sectionB == "三、预期目标")
  let thirdStart = try #require(TestText.offset(of: third, in: paperText))
  #expect(inserted.aStart == thirdStart + 35)
  #expect(inserted.aEnd == inserted.aStart)
  let insertedAt = try #require(TestText.offset(of: insertedSentence, in: online.text))
  #expect(inserted.bStart == insertedAt)
  #expect(inserted.bEnd == insertedAt + TestText.length(insertedSentence))
}

@Test func aRewrittenPhraseIsOneChangeNotFragments() {
  let paper = VersionDocument(text: "项目负责人为张三，具有博士学位，从事芯片设计十年。")
  let online = VersionDocument(text: "项目负责人为李四，具有硕士学位，从事芯片设计十年。")
  let comparison = VersionComparer().compare(paper, online)
  #expect(comparison.differences.count == 1)
  #expect(comparison.differences.first?.textA == "张三，具有博")
  #expect(comparison.differences.first?.textB == "李四，具有硕")
}

@Test func longDocumentsWithScatteredEditsAreDiffedCompletely() {
  // About 50,000 characters in 500 lines; every 50th line changes one character.
  let lines = (0..<500).map { TestText.chinese(100, seed: 1_000 + UInt64($0)) }
  var edited = lines
  for index in stride(from: 0, to: 500, by: 50) {
    var scalars = Array(edited[index].unicodeScalars)
    scalars[10] = "改"
    edited[index] = String(String.UnicodeScalarView(scalars))
  }
  let comparison = VersionComparer().compare(
    VersionDocument(text: lines.joined(separator: "\n")),
    VersionDocument(text: edited.joined(separator: "\n")))
  #expect(comparison.differences.count == 10)
  #expect(comparison.differences.allSatisfy { $0.kind == .changed && $0.textB == "改" })
  let starts = comparison.differences.compactMap(\.aStart)
  #expect(starts == starts.sorted())
  #expect(starts.first == 10)
}

@Test func unrelatedTextsBeyondTheEditBoundAreOneChange() {
  let comparer = VersionComparer(maximumEdits: 50)
  let comparison = comparer.compare(
    VersionDocument(text: TestText.chinese(300, seed: 80)),
    VersionDocument(text: TestText.chinese(300, seed: 81)))
  #expect(comparison.differences.count == 1)
  #expect(comparison.differences.first?.kind == .changed)
  #expect(comparison.differences.first?.aStart == 0)
  #expect(comparison.differences.first?.aEnd == 300)
}

@Test func myersDiffFindsAShortestScript() throws {
  let diff = MyersDiff()
  let operations = try #require(diff.diff([1, 2, 3, 4, 5], [1, 3, 4, 6, 5]))
  #expect(
    operations == [
      .equal(0, 0, count: 1), .delete(1, count: 1), .equal(2, 1, count: 2), .insert(3, count: 1),
      .equal(4, 4, count: 1),
    ])
  #expect(diff.diff([], [7]) == [.insert(0, count: 1)])
  #expect(diff.diff([7], []) == [.delete(0, count: 1)])
  #expect(MyersDiff(maximumEdits: 2).diff([1, 2, 3], [4, 5, 6]) == nil)
}

@Test func aRewrittenSecondHalfStartsWhereTheTextsDiverge() {
  let shared = TestText.chinese(400, seed: 82)
  let comparison = VersionComparer(maximumEdits: 50).compare(
    VersionDocument(text: shared + TestText.chinese(300, seed: 83)),
    VersionDocument(text: shared + TestText.chinese(300, seed: 84)))
  #expect(comparison.differences.count == 1)
  #expect((comparison.differences.first?.aStart ?? 0) >= 400)
  #expect(comparison.differences.first?.aEnd == 700)
}

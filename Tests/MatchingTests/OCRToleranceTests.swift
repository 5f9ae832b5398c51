import ChachongModel
import Testing

@testable import Matching

/// The OCR tolerance of `compare --versions` (docs/pdf-ocr.md): recognition errors are set apart,
/// every real change stays a difference.
@Suite struct OCRToleranceTests {
  let online = """
    一、立项依据
    未来网络是我市布局未来数字产业的重点方向之一。采用数字孪生仿真方法处理主动防御的使用寿命瓶颈。
    项目研发总投入810万元，其中申请市财政资助80万元。
    """

  func compare(_ paper: String, paperFields: [VersionField] = [], onlineFields: [VersionField] = [])
    -> VersionComparison
  {
    VersionComparer().compare(
      VersionDocument(text: online, fields: onlineFields),
      VersionDocument(text: paper, fields: paperFields, isOCR: true, hasFormFields: false))
  }

  @Test func recognitionErrorsAreNoiseNotDifferences() {
    // 孪→挛 (confusable), a dropped heading, a speck, spaces between Han characters.
    let paper = """
      未来网络是我市布局未来数字产业的重点方向之一。采用数字 挛生仿真方法处理主动防御的使用寿命瓶颈。和
      项目研发总投入810万元，其中申请市财政资助80万元。
      """
    let comparison = compare(paper)
    #expect(comparison.identical, "\(comparison.differences)")
    #expect(comparison.ocrNoise?.count == 3)
  }

  @Test func aChangedFigureIsAlwaysADifference() {
    let paper = online.replacingOccurrences(of: "810万元", with: "860万元")
    let comparison = compare(paper)
    #expect(!comparison.identical)
    #expect(comparison.differences.map(\.textB) == ["860"])
  }

  @Test func anInsertedOrDeletedClauseIsADifference() {
    let inserted = online.replacingOccurrences(
      of: "重点方向之一。", with: "重点方向之一。项目组已完成中试线的安全评审。")
    #expect(compare(inserted).differences.map(\.kind) == [.inserted])
    let deleted = online.replacingOccurrences(of: "采用数字孪生仿真方法处理主动防御的使用寿命瓶颈。", with: "")
    #expect(compare(deleted).differences.map(\.kind) == [.deleted])
    // A rewritten phrase of more than two characters.
    let rewritten = online.replacingOccurrences(of: "主动防御", with: "被动监测")
    #expect(compare(rewritten).differences.map(\.kind) == [.changed])
  }

  @Test func withoutOCRNothingIsTolerated() {
    let paper = online.replacingOccurrences(of: "孪", with: "挛")
    let comparison = VersionComparer().compare(VersionDocument(text: online), VersionDocument(text: paper))
    #expect(comparison.differences.map(\.kind) == [.changed])
    #expect(comparison.ocrNoise == nil)
  }

  @Test func aPDFHasNoMissingFormFieldsButChangedOnesCount() {
    let fields = [VersionField(name: "研发总投入", value: "810")]
    #expect(compare(online, onlineFields: fields).identical)
    let changed = compare(
      online, paperFields: [VersionField(name: "研发总投入", value: "860")], onlineFields: fields)
    #expect(changed.differences.map(\.kind) == [.fieldChanged])
  }

  @Test func headersAndFootersOfTheWordVersionAreNotComparedWithAPDF() {
    let body = online.unicodeScalars.count
    let word = VersionDocument(text: online + "\n南通市科技计划项目申报书\n- 1 -", bodyEnd: body)
    let pdf = VersionDocument(text: online, hasFormFields: false)
    #expect(VersionComparer().compare(word, pdf).identical)
    // Between two Word files the headers are compared as before.
    #expect(!VersionComparer().compare(word, VersionDocument(text: online)).identical)
  }
}

import Foundation
import Testing

@testable import DocumentText

/// Inputs the libFuzzer harnesses (Tools/fuzz) found, kept so that what they found stays fixed.
@Suite struct FuzzRegressionTests {
  /// fuzz-xml: mangled Word XML that falls back to a text file. Its lines have hundreds of colons
  /// (`w:style`) and no label between them, and the `label：value` parser tried every word start
  /// of all the text since the last label at every colon: a line cost its length cubed (2 KB took
  /// 0.7 s, 16 KB 6.6 s, the fuzzer's 10 s limit under AddressSanitizer). Now each colon tries the
  /// 48 characters before it, and only when a label can end there (the second input: 18 KB of
  /// `w:` colons still took 0.47 s in a debug build with the 48-character window, 0.18 s now).
  @Test(.timeLimit(.minutes(1)))
  func colonRunsAreLinearInTheLabeledLineParser() throws {
    for name in [
      "xml-timeout-labeled-line.xml", "xml-slow-unit-labeled-line.xml", "xml-timeout-colon-runs.xml",
    ] {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fuzz/" + name))))
      // 8 copies (16–170 KB): the last input alone took 105 s with the cubic parser, 0.15 s now.
      let repeated = Array(repeating: bytes, count: 8).flatMap { $0 }
      let started = Date()
      let document = try DocumentReader().read(data: repeated, name: name)
      #expect(document.format == .text)
      #expect(Date().timeIntervalSince(started) < 20)
    }
  }

  @Test func labelsAfterLongColonRunsAreStillFound() {
    let filler = String(repeating: "w:x ", count: 200)
    let pairs = LabeledLineParser.pairs(in: "项目名称：智能装备 \(filler) 项目负责人：张三")
    #expect(pairs.first?.label == "项目名称")
    #expect(pairs.last == LabeledLineParser.Pair(label: "项目负责人", value: "张三"))
  }
}

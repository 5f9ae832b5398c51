import Foundation
import Testing

@testable import ExternalReaders

@Suite struct TextLayerQualityTests {
  let chinese = "未来网络是我市布局未来数字产业的重点方向之一。以零信任访问控制系统为载体，把超大容量长距离光通信和态势感知结合起来，服务智慧港口。"

  @Test func realTextIsUsable() {
    #expect(TextLayerQuality.assess(chinese) == .usable)
    #expect(TextLayerQuality.assess("The applicant shall submit the paper copy within five days.") == .usable)
    #expect(TextLayerQuality.assess("项目研发总投入 810 万元，其中申请市财政资助 80 万元，单位自筹 730 万元。") == .usable)
  }

  @Test func aScannedPageHasNoTextLayer() {
    #expect(TextLayerQuality.assess("") == .empty)
    #expect(TextLayerQuality.assess("  - 1 -\n") == .empty)
  }

  @Test func cidFontsWithoutToUnicodeAreGarbage() {
    // Private-use code points, as poppler gives for glyphs it cannot map.
    let privateUse = String(String.UnicodeScalarView((0..<40).compactMap { Unicode.Scalar(0xE000 + $0 * 7) }))
    #expect(isGarbage(privateUse))
    #expect(isGarbage(String(repeating: "\u{FFFD}", count: 30) + "项目"))
    // GBK bytes shown as Latin-1 (项目名称工业园区的工业互联网关键技术研发…): ÏîÄ¿Ãû³Æ…
    let gbk =
      "项目名称工业园区的工业互联网关键技术研发申报单位南通凯达氢能技术有限公司"
      .data(using: .init(rawValue: 0x8000_0632)) ?? Data()  // kCFStringEncodingGB_18030_2000
    #expect(gbk.count > 60)
    #expect(isGarbage(String(String.UnicodeScalarView(gbk.compactMap { Unicode.Scalar(UInt32($0)) }))))
  }

  @Test func hanInNoPlausibleDistributionIsGarbage() {
    // Glyph ids mapped straight to code points land on rare characters.
    var generator = SplitMix(seed: 7)
    let random = String(
      String.UnicodeScalarView(
        (0..<200).compactMap { _ in Unicode.Scalar(0x4E00 + UInt32(generator.next() % 0x5000)) }))
    #expect(isGarbage(random))
  }

  func isGarbage(_ text: String) -> Bool {
    if case .garbage = TextLayerQuality.assess(text) { return true }
    return false
  }
}

/// A small deterministic generator for test data.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

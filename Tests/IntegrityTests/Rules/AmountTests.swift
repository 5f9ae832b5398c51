import Testing

@testable import Integrity

@Suite struct AmountTests {
  @Test func readsAmountsInWanYuan() {
    #expect(Amount.wanYuan("200") == 200)
    #expect(Amount.wanYuan("200万元") == 200)
    #expect(Amount.wanYuan(" 150.5 万 ") == 150.5)
    #expect(Amount.wanYuan("2,000,000元") == 200)
    #expect(Amount.wanYuan("2000000") == 200)
    #expect(Amount.wanYuan("1.2亿元") == 12_000)
    #expect(Amount.wanYuan("１５０") == 150)
    #expect(Amount.wanYuan("不详") == nil)
    #expect(Amount.wanYuan("") == nil)
  }

  @Test func formatsWithoutTrailingZeros() {
    #expect(Amount.format(150) == "150")
    #expect(Amount.format(62.5) == "62.5")
    #expect(Amount.format(0.05) == "0.05")
  }

  @Test func findsGuideCodes() {
    #expect(GuideCodeText.code(in: "1001 人工智能") == "1001")
    #expect(GuideCodeText.code(in: "指南编号：4002第三代半导体") == "4002")
    #expect(GuideCodeText.code(in: "人工智能") == nil)
    #expect(GuideCodeText.code(in: "10011") == nil)
  }

  @Test func normalisesOrganisationNames() {
    #expect(
      EntityMatching.normalizedOrganisation("南通 海风 科技有限公司")
        == EntityMatching.normalizedOrganisation("海风科技（南通）股份有限公司"))
    #expect(
      EntityMatching.normalizedOrganisation("南通海风科技有限公司")
        != EntityMatching.normalizedOrganisation("南通海潮科技有限公司"))
  }

  /// The scalar path gives what removing the noise from the `String` gives, on names mixing the
  /// noise words, punctuation, full-width and Latin letters; names with combining marks take the
  /// character path.
  @Test func organisationNamesNormaliseAlikeOnScalarsAndCharacters() {
    let pieces = [
      "南通", "南通市", "市", "科技", "股份", "有限", "公司", "有限公司", "集团", "责任", "（", "）", " ", "Ｈａｉ",
      "AB", "·", "海", "风", "南", "通", "有限责任公司", "é", "e\u{301}", "司\u{301}", "\u{FA11}",
    ]
    var state: UInt64 = 2023
    for _ in 0..<2_000 {
      var name = ""
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      for _ in 0..<(1 + Int((state >> 33) % 7)) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        name += pieces[Int((state >> 33) % UInt64(pieces.count))]
      }
      #expect(
        EntityMatching.normalizedOrganisation(name)
          == EntityMatching.normalizedOrganisationByCharacters(name),
        "\(name)")
    }
    #expect(EntityMatching.normalizedOrganisation("南通集团有限公司") == "南通集团有限公司".lowercased())
    #expect(EntityMatching.normalizedOrganisation("南集团通海风公司") == "海风")
  }
}

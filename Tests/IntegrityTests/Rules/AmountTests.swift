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
}

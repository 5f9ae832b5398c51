import Testing

@testable import DocumentText

@Suite struct FormLabelTests {
  @Test(arguments: [
    ("项目名称", "项目名称"), ("项 目 名 称：", "项目名称"), ("项目名:", "项目名称"), ("*课题名称", "项目名称"),
    ("申请单位", "申报单位"), ("单位名称（盖章）", "申报单位"), ("信用代码", "统一社会信用代码"),
    ("所在县（市）", "所在县（市）"), ("所在县(市、区)", "所在县（市）"), ("所在县（市、区）：", "所在县（市）"),
    ("单位类型", "申报企业类型"), ("领域编号", "指南编号"), ("负责人", "项目负责人"),
    ("负责人身份证号", "身份证号"), ("学位", "学历"), ("学历/学位", "学历"), ("总投资（万元）", "研发总投入"),
    ("研发总投资(万元)", "研发总投入"), ("研发总投入/万元", "研发总投入"), ("申请资助金额（万元）", "申请资助"),
    ("资助金额", "申请资助"), ("申请市资助（万元）", "申请资助"),
  ])
  func labelVariantsResolve(label: String, name: String) {
    #expect(FieldName.canonical(forLabel: label) == name)
  }

  @Test(arguments: ["性别", "联系电话", "项目名称和主要内容简介", "", "：", "万元", "（万元）"])
  func otherTextIsNotAField(text: String) {
    #expect(FieldName.canonical(forLabel: text) == nil)
  }

  @Test func everyCanonicalNameResolvesToItself() {
    for name in FieldName.all { #expect(FieldName.canonical(forLabel: name) == name) }
    #expect(FieldName.all.count == 11)
  }

  @Test func checkboxListsGiveTheTickedOptions() {
    #expect(CheckboxValue.resolve("☑高新技术企业 □科技型中小企业") == "高新技术企业")
    #expect(CheckboxValue.resolve("□高新技术企业 ■科技型中小企业 √其他") == "科技型中小企业、其他")
    #expect(CheckboxValue.resolve("□高新技术企业 □科技型中小企业").isEmpty)
    #expect(CheckboxValue.resolve("高新技术企业") == "高新技术企业")
  }

  @Test func labelLinesSplitIntoPairs() {
    let pairs = LabeledLineParser.pairs(in: "项目负责人：张三　　学 历：博士 研究生  职称: 教授")
    #expect(
      pairs == [
        .init(label: "项目负责人", value: "张三"), .init(label: "学 历", value: "博士 研究生"),
        .init(label: "职称", value: "教授"),
      ])
    #expect(LabeledLineParser.pairs(in: "没有冒号的一行").isEmpty)
    #expect(LabeledLineParser.pairs(in: "这是一个很长的句子，然后才有冒号：后面").isEmpty)
  }
}

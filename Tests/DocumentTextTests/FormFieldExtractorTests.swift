import ChachongModel
import Testing

@testable import DocumentText

@Suite struct FormFieldExtractorTests {
  typealias B = FormTestBuilders

  /// The 科技项目综合信息表 as bureaus send it: four columns, merged value cells, units in labels.
  static let comprehensiveForm = B.table([
    [B.cell("项目名称"), B.cell("高精度伺服电机智能控制系统关键技术研发", span: 3)],
    [B.cell("申报单位"), B.cell("南通华睿精密机械有限公司", span: 3)],
    B.row("统一社会信用代码", "91320612MA1XYZ1234", "所在县（市）", "海安市"),
    [B.cell("申报企业类型"), B.cell("☑高新技术企业　□科技型中小企业　□其他", span: 3)],
    B.row("指南编号", "1-3", "技术领域", "先进制造"),
    B.row("项目负责人", "张伟", "身份证号", "32068219800101123X"),
    B.row("学历", "博士研究生", "职称", "高级工程师"),
    B.row("研发总投入（万元）", "300", "申请资助（万元）", "100"),
  ])

  @Test func readsTheFourColumnComprehensiveForm() {
    let fields = FormFieldExtractor.extract(from: B.main([Self.comprehensiveForm]))
    #expect(fields.map(\.name) == FieldName.all)
    let values = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.value) })
    #expect(values[FormFieldName.title] == "高精度伺服电机智能控制系统关键技术研发")
    #expect(values[FormFieldName.organisation] == "南通华睿精密机械有限公司")
    #expect(values[FormFieldName.creditCode] == "91320612MA1XYZ1234")
    #expect(values[FormFieldName.county] == "海安市")
    #expect(values[FormFieldName.enterpriseType] == "高新技术企业")
    #expect(values[FormFieldName.guideCode] == "1-3")
    #expect(values[FormFieldName.lead] == "张伟")
    #expect(values[FormFieldName.leadID] == "32068219800101123X")
    #expect(values[FormFieldName.degree] == "博士研究生")
    #expect(values[FormFieldName.totalBudget] == "300")
    #expect(values[FormFieldName.requestedFunding] == "100")
    let budget = fields.first { $0.name == FormFieldName.totalBudget }
    #expect(budget?.label == "研发总投入（万元）")
  }

  @Test func readsATwoColumnCoverWithSpacedLabelsAndColons() {
    let cover = B.table([
      B.row("项 目 名 称：", "  基于机器视觉的纺织品瑕疵在线检测装备研发  "),
      B.row("申 报 单 位：", "南通纺联科技股份有限公司"),
      B.row("项目负责人:", "李娜"),
      B.row("所在县(市、区)", "通州区"),
      B.row("申请资助(万元)", "80万元"),
      B.row("填报日期：", "2024年1月20日"),
    ])
    let fields = FormFieldExtractor.extract(from: B.main([cover]))
    #expect(
      fields == [
        FormField(name: FormFieldName.title, label: "项 目 名 称", value: "基于机器视觉的纺织品瑕疵在线检测装备研发"),
        FormField(name: FormFieldName.organisation, label: "申 报 单 位", value: "南通纺联科技股份有限公司"),
        FormField(name: FormFieldName.lead, label: "项目负责人", value: "李娜"),
        FormField(name: FormFieldName.county, label: "所在县(市、区)", value: "通州区"),
        FormField(name: FormFieldName.requestedFunding, label: "申请资助(万元)", value: "80万元"),
      ])
  }

  @Test func mapsLabelVariantsToOneName() {
    let form = B.table([
      B.row("课题名称", "海上风电叶片复合材料研发"),
      B.row("承担单位", "南通海风新材料有限公司"),
      B.row("社会信用代码", "91320600123456789A"),
      B.row("所在地区", "如东县"),
      B.row("企业类型", "科技型中小企业"),
      B.row("指南代码", "2-1"),
      B.row("负责人姓名", "王强"),
      B.row("身份证号码", "320623198505050012"),
      B.row("最高学历", "硕士"),
      B.row("项目总投入", "260.5"),
      B.row("申请市资助", "90"),
    ])
    let values = B.fields([form])
    #expect(values.count == 11)
    #expect(values[FormFieldName.title] == "海上风电叶片复合材料研发")
    #expect(values[FormFieldName.county] == "如东县")
    #expect(values[FormFieldName.enterpriseType] == "科技型中小企业")
    #expect(values[FormFieldName.totalBudget] == "260.5")
    #expect(values[FormFieldName.requestedFunding] == "90")
  }

  @Test func firstOccurrenceWinsAndEmptyValuesDoNotCount() {
    let cover = B.table([B.row("项目名称", ""), B.row("申报单位", "甲公司")])
    let later = B.table([B.row("项目名称", "第二处的名称研发"), B.row("申报单位", "乙公司")])
    let values = B.fields([cover, later])
    #expect(values[FormFieldName.title] == "第二处的名称研发")
    #expect(values[FormFieldName.organisation] == "甲公司")
  }

  @Test func readsValuesFromTheRowBelowARowOfLabels() {
    let team = B.table([
      B.row("项目负责人", "性别", "出生年月", "学历", "职称"),
      B.row("陈静", "女", "1986.03", "博士", "研究员"),
      B.row("研发总投入（万元）", "申请资助（万元）", "自筹（万元）"),
      B.row("450", "100", "350"),
    ])
    let values = B.fields([team])
    #expect(values[FormFieldName.lead] == "陈静")
    #expect(values[FormFieldName.degree] == "博士")
    #expect(values[FormFieldName.totalBudget] == "450")
    #expect(values[FormFieldName.requestedFunding] == "100")
    #expect(values.count == 4)
  }

  @Test func alignsVerticalValuesByGridColumnWithMergedCells() {
    let table = B.table([
      [B.cell("项目名称", span: 3), B.cell("指南编号")],
      [B.cell("智能网联汽车线控底盘研发", span: 3), B.cell("3-2")],
    ])
    let values = B.fields([table])
    #expect(values[FormFieldName.title] == "智能网联汽车线控底盘研发")
    #expect(values[FormFieldName.guideCode] == "3-2")
  }

  @Test func aLabelFollowedByAnotherLabelHasNoValue() {
    let table = B.table([
      B.row("项目负责人", "身份证号", "320682198001011230"),
      B.row("联系电话", "13800000000", "学历", "博士"),
    ])
    let values = B.fields([table])
    #expect(values[FormFieldName.lead] == nil)
    #expect(values[FormFieldName.leadID] == "320682198001011230")
    #expect(values[FormFieldName.degree] == "博士")
  }

  @Test func readsLabelValueTextInsideACell() {
    let table = B.table([
      [B.cell("项目名称：新型储能电池管理系统研发\n申报单位：南通储能科技有限公司", span: 4)],
      [B.cell("项目负责人：赵磊　　学历：博士　　联系电话：13900000000", span: 4)],
    ])
    let values = B.fields([table])
    #expect(values[FormFieldName.title] == "新型储能电池管理系统研发")
    #expect(values[FormFieldName.organisation] == "南通储能科技有限公司")
    #expect(values[FormFieldName.lead] == "赵磊")
    #expect(values[FormFieldName.degree] == "博士")
  }

  @Test func scansNestedTablesInPlace() {
    let inner = Table(rows: [B.row("项目名称", "嵌套表格中的项目研发")])
    let outer = B.table([
      [TableCell(blocks: [.paragraph(Paragraph(text: "封面")), .table(inner)])]
    ])
    #expect(B.fields([outer])[FormFieldName.title] == "嵌套表格中的项目研发")
  }

  @Test func readsLabelValueLinesOfATextApplication() {
    let blocks: [Block] = [
      B.paragraph("南通市重点研发计划（产业前瞻与关键核心技术）项目申报书"),
      B.paragraph("项目名称：面向半导体封装的高速固晶机研发"),
      B.paragraph("申报单位： 南通芯联装备有限公司"),
      B.paragraph("统一社会信用代码：91320691MA2ABCDE1X"),
      B.paragraph("项目负责人：孙悦    身份证号：320602199001011234"),
      B.paragraph("研发总投入（万元）：520"),
      B.paragraph("申请资助（万元）：100"),
      B.paragraph("一、立项依据", heading: true),
      B.paragraph("学历：本段在正文中，不是封面字段"),
    ]
    let fields = FormFieldExtractor.extract(from: B.main(blocks))
    #expect(
      fields.map(\.name) == [
        FormFieldName.title, FormFieldName.organisation, FormFieldName.creditCode, FormFieldName.lead,
        FormFieldName.leadID,
        FormFieldName.totalBudget, FormFieldName.requestedFunding,
      ])
    #expect(fields.first?.value == "面向半导体封装的高速固晶机研发")
    #expect(fields[1].value == "南通芯联装备有限公司")
    #expect(fields[3].value == "孙悦")
    #expect(fields[4].value == "320602199001011234")
    #expect(fields[5].value == "520")
  }

  @Test func ignoresProseAndFieldsOutsideTheMainPart() {
    let blocks: [Block] = [
      B.paragraph("本项目的目标是：研发一种新型装备，项目名称见封面。"),
      B.paragraph("网址：http://example.com:8080/path"),
    ]
    let header = DocumentPart(
      kind: .header, name: "word/header1.xml", blocks: [B.paragraph("项目名称：页眉里的名称")])
    let fields = FormFieldExtractor.extract(from: B.main(blocks) + [header])
    #expect(fields.isEmpty)
  }

  @Test func keepsColonsThatDoNotStartALabel() {
    let fields = B.fields([B.paragraph("指南编号：A:12   项目负责人：周敏")])
    #expect(fields[FormFieldName.guideCode] == "A:12")
    #expect(fields[FormFieldName.lead] == "周敏")
  }

  @Test func stopsReadingLinesAfterTheCover() {
    var blocks = (0..<FormFieldExtractor.leadingParagraphLimit).map { B.paragraph("正文第\($0)段。") }
    blocks.append(B.paragraph("项目名称：太晚出现的名称"))
    #expect(B.fields(blocks).isEmpty)
  }

  @Test func listTablesAndPlaceholdersGiveNoFields() {
    let partners = B.table([
      B.row("序号", "单位名称", "工作分工", "省级财政科技资金分配（万元）"),
      B.row("1", "南通协作研究院", "算法研究", "20"),
    ])
    let budget = B.table([
      B.row("分配方式：", "004_项目制（系统生成，无需填写）"),
      B.row("项目负责人：", "（系统生成，无需填写）", "联系电话：", "（系统生成，无需填写）"),
      B.row("申报单位", "(盖章)"),
    ])
    #expect(B.fields([partners, budget]).isEmpty)
    #expect(B.fields([B.table([B.row("项目负责人", "张三（教授）")])])[FormFieldName.lead] == "张三（教授）")
    #expect(LabelText.isPlaceholder("（请填写）"))
    #expect(!LabelText.isPlaceholder("(甲)(乙)"))
    #expect(!LabelText.isPlaceholder("张三"))
  }

  @Test func aBlankFormGivesNoFields() {
    let blank = B.table([
      B.row("项目名称", ""),
      B.row("申报单位", "", "统一社会信用代码", ""),
      B.row("研发总投入（万元）", ""),
      [B.cell("项目简介（限500字）", span: 2)],
      B.row("申请资助（万元）", ""),
      B.row("项目简介", "本项目研究……"),
    ])
    #expect(B.fields([blank]).isEmpty)
  }

  @Test func verticalValuesNeedTheSameCellBoundaries() {
    let table = B.table([
      B.row("项目负责人", "学历"),
      [B.cell("张三 博士", span: 2)],
    ])
    #expect(B.fields([table]).isEmpty)
  }
}

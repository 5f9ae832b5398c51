import Testing

@testable import DocumentText

/// Form fields read from real files through the document reader (fixtures written by
/// `Corpora/fixtures/tables/make_fixtures.py`).
@Suite struct FormFieldReaderTests {
  let reader = DocumentReader(limits: .standard, formFieldExtractor: FormFieldExtractor.extract)

  @Test func readsTheComprehensiveFormOfAWordApplication() throws {
    let document = try reader.read(path: TableFixtures.path("form-comprehensive.docx"))
    // Document order: the vertical block (负责人, 学历) comes before the ID row.
    #expect(
      document.formFields.map(\.name) == [
        FieldName.title, FieldName.organisation, FieldName.creditCode, FieldName.county,
        FieldName.enterpriseType, FieldName.guideCode, FieldName.lead, FieldName.degree, FieldName.leadID,
        FieldName.totalBudget, FieldName.requestedFunding,
      ])
    let values = Dictionary(uniqueKeysWithValues: document.formFields.map { ($0.name, $0.value) })
    #expect(values[FieldName.title] == "高精度伺服电机智能控制系统关键技术研发")
    #expect(values[FieldName.organisation] == "南通华睿精密机械有限公司")
    #expect(values[FieldName.county] == "海安市")
    #expect(values[FieldName.enterpriseType] == "高新技术企业")
    #expect(values[FieldName.lead] == "张伟")
    #expect(values[FieldName.degree] == "博士研究生")
    // A tracked change in the value: read as accepted.
    #expect(values[FieldName.leadID] == "32068219800101123X")
    #expect(values[FieldName.totalBudget] == "300")
    #expect(values[FieldName.requestedFunding] == "100")
    #expect(document.formFields.first { $0.name == FieldName.organisation }?.label == "申 报 单 位")
  }

  @Test func readsLabelLinesOfAGB18030TextApplication() throws {
    let document = try reader.read(path: TableFixtures.path("form-application-gb18030.txt"))
    #expect(document.encoding == "GB18030")
    #expect(
      document.formFields == [
        FormField(name: FieldName.title, label: "项 目 名 称", value: "面向半导体封装的高速固晶机研发"),
        FormField(name: FieldName.organisation, label: "申报单位", value: "南通芯联装备有限公司"),
        FormField(name: FieldName.creditCode, label: "统一社会信用代码", value: "91320691MA2ABCDE1X"),
        FormField(name: FieldName.lead, label: "项目负责人", value: "孙悦"),
        FormField(name: FieldName.leadID, label: "身份证号码", value: "320602199001011234"),
        FormField(name: FieldName.degree, label: "学历", value: "博士"),
        FormField(name: FieldName.totalBudget, label: "研发总投入（万元）", value: "520"),
        FormField(name: FieldName.requestedFunding, label: "申请市资助（万元）", value: "100"),
      ])
  }
}

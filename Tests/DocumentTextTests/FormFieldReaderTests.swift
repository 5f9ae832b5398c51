import ChachongModel
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
        FormFieldName.title, FormFieldName.organisation, FormFieldName.creditCode, FormFieldName.county,
        FormFieldName.enterpriseType, FormFieldName.guideCode, FormFieldName.lead, FormFieldName.degree,
        FormFieldName.leadID,
        FormFieldName.totalBudget, FormFieldName.requestedFunding,
      ])
    let values = Dictionary(uniqueKeysWithValues: document.formFields.map { ($0.name, $0.value) })
    #expect(values[FormFieldName.title] == "高精度伺服电机智能控制系统关键技术研发")
    #expect(values[FormFieldName.organisation] == "南通华睿精密机械有限公司")
    #expect(values[FormFieldName.county] == "海安市")
    #expect(values[FormFieldName.enterpriseType] == "高新技术企业")
    #expect(values[FormFieldName.lead] == "张伟")
    #expect(values[FormFieldName.degree] == "博士研究生")
    // A tracked change in the value: read as accepted.
    #expect(values[FormFieldName.leadID] == "32068219800101123X")
    #expect(values[FormFieldName.totalBudget] == "300")
    #expect(values[FormFieldName.requestedFunding] == "100")
    #expect(document.formFields.first { $0.name == FormFieldName.organisation }?.label == "申 报 单 位")
  }

  @Test func readsLabelLinesOfAGB18030TextApplication() throws {
    let document = try reader.read(path: TableFixtures.path("form-application-gb18030.txt"))
    #expect(document.encoding == "GB18030")
    #expect(
      document.formFields == [
        FormField(name: FormFieldName.title, label: "项 目 名 称", value: "面向半导体封装的高速固晶机研发"),
        FormField(name: FormFieldName.organisation, label: "申报单位", value: "南通芯联装备有限公司"),
        FormField(name: FormFieldName.creditCode, label: "统一社会信用代码", value: "91320691MA2ABCDE1X"),
        FormField(name: FormFieldName.lead, label: "项目负责人", value: "孙悦"),
        FormField(name: FormFieldName.leadID, label: "身份证号码", value: "320602199001011234"),
        FormField(name: FormFieldName.degree, label: "学历", value: "博士"),
        FormField(name: FormFieldName.totalBudget, label: "研发总投入（万元）", value: "520"),
        FormField(name: FormFieldName.requestedFunding, label: "申请市资助（万元）", value: "100"),
      ])
  }
}

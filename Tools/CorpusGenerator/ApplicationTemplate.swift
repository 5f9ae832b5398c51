/// The fixed text of the application form: what every application of the call shares.
enum ApplicationTemplate {
  static let formCaption = "科技项目综合信息表"

  static let fieldLabels = [
    "项目名称", "申报单位", "统一社会信用代码", "所在县（市）", "推荐单位", "申报企业类型", "指南编号", "项目负责人", "身份证号",
    "学历", "研发总投入（万元）", "申请资助（万元）",
  ]

  static let sections: [(heading: String, instruction: String)] = [
    ("一、立项依据", "（简述项目研究的目的、意义，国内外研究现状和发展趋势，项目对我市未来产业发展的作用。）"),
    ("二、研究内容与技术路线", "（说明项目的主要研究内容、拟解决的关键技术问题、采取的技术路线和实施方案、年度实施计划。）"),
    ("三、创新点", "（简要说明项目在技术、产品、工艺等方面的主要创新之处，与国内外同类技术的比较。）"),
    ("四、预期目标及考核指标", "（列出项目完成时的主要技术指标、知识产权、标准、样品样机等可考核成果，销售等经济指标不纳入考核。）"),
    ("五、现有工作基础", "（简述申报单位基本情况、研发条件、前期研究积累、已有知识产权及项目负责人的研究基础。）"),
    ("六、经费预算", "（说明研发总投入、申请资助经费和自筹经费的构成及主要用途，金额单位为万元。）"),
    ("七、项目组成员", "（列出项目负责人及主要参加人员的姓名、单位、职称、学历和项目分工。）"),
  ]

  static let subheadings = ["（一）主要研究内容", "（二）拟解决的关键技术问题", "（三）技术路线与实施方案", "（四）年度实施计划"]

  static let budgetItems = [
    "设备费", "材料费", "测试化验加工费", "燃料动力费", "差旅费/会议费/国际合作与交流费", "出版/文献/信息传播/知识产权事务费",
    "劳务费", "专家咨询费", "其他支出",
  ]

  static func values(of form: ApplicationForm) -> [String] {
    [
      form.title, form.organisation.name, form.organisation.creditCode, form.organisation.county,
      form.organisation.recommender, form.organisation.enterpriseType, form.guideCode, form.lead.name,
      form.lead.idNumber, form.lead.degree, form.totalBudget.text, form.requestedFunding.text,
    ]
  }

  static func formTable(values: [String], layout: FormLayout) -> DocTable {
    let labels = fieldLabels
    switch layout {
    case .twoColumn:
      let rows = zip(labels, values).map { [DocTableCell(text: $0.0), DocTableCell(text: $0.1)] }
      return DocTable(role: .form, columnWidths: [2800, 5500], rows: rows)
    case .fourColumn:
      var rows: [[DocTableCell]] = [
        [DocTableCell(text: labels[0]), DocTableCell(text: values[0], gridSpan: 3)],
        [DocTableCell(text: labels[1]), DocTableCell(text: values[1], gridSpan: 3)],
      ]
      var index = 2
      while index + 1 < labels.count {
        rows.append([
          DocTableCell(text: labels[index]), DocTableCell(text: values[index]),
          DocTableCell(text: labels[index + 1]), DocTableCell(text: values[index + 1]),
        ])
        index += 2
      }
      return DocTable(role: .form, columnWidths: [2100, 2100, 2100, 2000], rows: rows)
    }
  }

  /// The blank form: labels, headings and instruction lines only.
  static func blankDocument(program: Program) -> WordDocument {
    var blocks: [DocBlock] = [
      .paragraph(DocParagraph(text: program.documentTitle, role: .title)),
      .paragraph(DocParagraph(text: formCaption, role: .caption)),
      .table(formTable(values: Array(repeating: "", count: fieldLabels.count), layout: .twoColumn)),
    ]
    for (index, section) in sections.enumerated() {
      blocks.append(.paragraph(DocParagraph(text: section.heading, role: .heading1)))
      blocks.append(.paragraph(DocParagraph(text: section.instruction, role: .instruction)))
      if index == 1 {
        for subheading in subheadings {
          blocks.append(.paragraph(DocParagraph(text: subheading, role: .heading2)))
        }
      }
    }
    return WordDocument(blocks: blocks, headingStyle: .english)
  }

  static func document(for application: Application) -> WordDocument {
    var blocks: [DocBlock] = [
      .paragraph(DocParagraph(text: application.program.documentTitle, role: .title)),
      .paragraph(DocParagraph(text: formCaption, role: .caption)),
      .table(formTable(values: values(of: application.form), layout: application.layout)),
    ]
    for section in application.sections {
      blocks.append(.paragraph(DocParagraph(text: section.heading, role: .heading1)))
      blocks.append(.paragraph(DocParagraph(text: section.instruction, role: .instruction)))
      for block in section.blocks {
        switch block {
        case .paragraph(let text): blocks.append(.paragraph(DocParagraph(text: text, role: .body)))
        case .subheading(let text): blocks.append(.paragraph(DocParagraph(text: text, role: .heading2)))
        case .table(let table): blocks.append(.table(table))
        }
      }
    }
    return WordDocument(blocks: blocks, headingStyle: application.headingStyle)
  }
}

import ChachongModel

/// The label variants of the application-form fields, each mapped to its canonical name
/// (`FormFieldName`, in the model, shared with the rules and reports).
///
/// Labels are compared after `LabelText.key(_:)` (no whitespace, no trailing colon, half-width
/// brackets), first as written and then with trailing bracketed qualifiers such as `（万元）`
/// removed, so `研发总投入（万元）`, `项 目 名 称：` and `所在县(市、区)` all resolve.
package enum FieldName {
  /// Every canonical name, in the order of the application form.
  package static let all: [String] = [
    FormFieldName.title, FormFieldName.organisation, FormFieldName.creditCode, FormFieldName.county,
    FormFieldName.enterpriseType, FormFieldName.guideCode, FormFieldName.lead, FormFieldName.leadID,
    FormFieldName.degree,
    FormFieldName.totalBudget, FormFieldName.requestedFunding,
  ]

  /// Label variants as written in forms, per canonical name.
  package static let variants: [String: [String]] = [
    FormFieldName.title: ["项目名称", "课题名称", "项目名", "项目题目", "申报项目名称"],
    FormFieldName.organisation: [
      "申报单位", "承担单位", "申请单位", "单位名称", "申报单位名称", "承担单位名称", "申请单位名称",
      "项目申报单位", "项目承担单位", "牵头申报单位", "牵头单位", "申报单位(盖章)", "企业名称",
    ],
    FormFieldName.creditCode: [
      "统一社会信用代码", "社会信用代码", "信用代码", "单位统一社会信用代码", "统一信用代码",
      "组织机构代码/统一社会信用代码",
    ],
    FormFieldName.county: [
      "所在县(市)", "所在县(市、区)", "所在县(市,区)", "所在县(市区)", "所在县市区", "所在县市", "所在县",
      "所在地区", "所在县(市、区、园区)", "所属县(市、区)", "所属县(市)", "所属地区",
    ],
    FormFieldName.enterpriseType: ["申报企业类型", "企业类型", "单位类型", "申报单位类型", "单位性质"],
    FormFieldName.guideCode: ["指南编号", "指南代码", "领域编号", "指南方向编号", "指南方向代码", "申报指南编号"],
    FormFieldName.lead: ["项目负责人", "负责人", "负责人姓名", "项目负责人姓名", "课题负责人"],
    FormFieldName.leadID: [
      "身份证号", "身份证号码", "负责人身份证号", "负责人身份证号码", "项目负责人身份证号",
      "项目负责人身份证号码", "身份证件号码",
    ],
    FormFieldName.degree: ["学历", "最高学历", "学位", "学历/学位", "学历学位", "最高学位", "负责人学历"],
    FormFieldName.totalBudget: [
      "研发总投入", "项目总投入", "总投资", "研发总投资", "项目总投资", "项目研发总投入", "总投入",
    ],
    FormFieldName.requestedFunding: [
      "申请资助", "申请市资助", "申请资助金额", "资助金额", "申请市级资助", "申请市财政资助",
      "申请市拨款", "申请财政资助",
    ],
  ]

  /// The keys (`LabelText.key`) of every field label.
  static var labelKeys: Dictionary<String, String>.Keys { canonicalByKey.keys }

  private static let canonicalByKey: [String: String] = {
    var table: [String: String] = [:]
    for (name, labels) in variants {
      for label in labels + [name] { table[LabelText.key(label)] = name }
    }
    return table
  }()

  /// The canonical field name a label stands for, or nil when it is not a field of the form.
  package static func canonical(forLabel label: String) -> String? {
    var key = LabelText.key(label)
    while !key.isEmpty {
      if let name = canonicalByKey[key] { return name }
      guard let shorter = LabelText.removingTrailingQualifier(key) else { return nil }
      key = shorter
    }
    return nil
  }
}

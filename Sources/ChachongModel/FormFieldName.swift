/// The canonical names of the application form's fields (申报书 综合信息表): the names a read
/// form's fields carry (DocumentText maps every label variant to one of them) and the keys of an
/// application's form values in the rules and reports. Manifest and registry headers are
/// ``RecordField``'s.
public enum FormFieldName {
  public static let title = "项目名称"
  public static let organisation = "申报单位"
  public static let creditCode = "统一社会信用代码"
  public static let county = "所在县（市）"
  public static let enterpriseType = "申报企业类型"
  public static let guideCode = "指南编号"
  public static let lead = "项目负责人"
  public static let leadID = "身份证号"
  public static let degree = "学历"
  public static let totalBudget = "研发总投入"
  public static let requestedFunding = "申请资助"
  /// Named by manifests, not by the form's table.
  public static let recommendingUnit = "推荐单位"
}

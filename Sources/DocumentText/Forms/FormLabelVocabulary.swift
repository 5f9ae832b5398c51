/// Labels of application forms that are not extracted as fields but must still be recognised as
/// labels, so that a row of labels (`项目负责人 | 性别 | 学历 | 职称`) is read as the header of the
/// row below it rather than as label/value pairs.
enum FormLabelVocabulary {
  static let otherLabels: Set<String> = Set(
    [
      "性别", "出生年月", "出生日期", "年龄", "民族", "职称", "职务", "专业", "所学专业", "从事专业",
      "联系电话", "电话", "手机", "手机号码", "办公电话", "传真", "电子邮箱", "邮箱", "E-mail", "Email",
      "邮编", "邮政编码", "通讯地址", "通信地址", "地址", "单位地址", "注册地址", "联系人", "法定代表人",
      "法人代表", "注册资本", "注册时间", "成立时间", "成立日期", "职工总数", "职工人数", "研发人员数",
      "开户银行", "开户行", "银行账号", "账号", "户名", "起止年限", "起止时间", "项目起止时间", "开始时间",
      "结束时间", "实施期限", "技术领域", "所属领域", "所属技术领域", "归口部门", "主管部门", "推荐单位",
      "推荐部门", "合作单位", "单位", "工作单位", "所在单位", "姓名", "序号", "分工", "任务分工", "备注",
      "计划类别", "项目类别", "年度", "创新载体", "所在创新载体类型及名称", "自筹资金", "其他资金",
      "银行贷款", "工作分工", "承担任务", "研究任务", "工作内容", "职责", "编号", "项目分工", "签名", "自筹", "企业自筹", "单位自筹", "其他", "签字",
      "盖章", "日期", "填报日期", "申报日期", "证件类型", "证件号码", "学科",
      "研究方向", "项目类型", "合作方式", "网上申报编号", "销售收入", "上年度销售收入", "资产总额",
    ].map(LabelText.key))

  /// First cells of a column-header row (`序号 | 单位名称 | 工作分工`): such a row holds headings
  /// only, never label/value pairs.
  static let columnHeaderStarts: Set<String> = ["序号", "编号", "序", "No.", "NO.", "No"]

  /// True when the text reads as a form label: a field label, a known other label, or any short
  /// text ending with a colon.
  static func isLabel(_ text: String) -> Bool {
    let trimmed = LabelText.trimmed(text)
    if isKnownLabel(trimmed) { return true }
    if let last = trimmed.last, LabelText.colons.contains(last), trimmed.count <= 16 { return true }
    return hasUnitQualifier(trimmed)
  }

  static let units: Set<String> = ["万元", "元", "人", "%", "年", "个", "项", "月", "人数"]

  /// A short heading with a unit in brackets, such as `自筹（万元）`: a column or row label.
  static func hasUnitQualifier(_ text: String) -> Bool {
    let key = LabelText.key(text)
    guard key.count <= 16, key.hasSuffix(")"), let open = key.lastIndex(of: "("), open > key.startIndex
    else { return false }
    let unit = key[key.index(after: open)..<key.index(before: key.endIndex)]
    return units.contains(String(unit))
  }

  /// The last scalar of every known label's key, and `)` for labels with a qualifier: a label can
  /// end before a colon only if the text there ends with one of these.
  static let lastScalarsOfLabels: Set<Unicode.Scalar> = Set(
    (Array(otherLabels) + Array(FieldName.labelKeys)).compactMap { $0.unicodeScalars.last } + [")"])

  /// False when no known label can end at the end of `text` (its key's last scalar ends none): a
  /// cheap test before trying each word start. Unsure (an empty key) is true.
  static func mayEndWithLabel(_ text: some StringProtocol) -> Bool {
    guard let last = LabelText.key(String(text)).unicodeScalars.last else { return true }
    return lastScalarsOfLabels.contains(last)
  }

  /// True for a field label or a known other label (with or without colon and qualifiers).
  static func isKnownLabel(_ text: String) -> Bool {
    let trimmed = LabelText.trimmed(text)
    guard !trimmed.isEmpty else { return false }
    if FieldName.canonical(forLabel: trimmed) != nil { return true }
    var key = LabelText.key(trimmed)
    while !key.isEmpty {
      if otherLabels.contains(key) { return true }
      guard let shorter = LabelText.removingTrailingQualifier(key) else { break }
      key = shorter
    }
    return false
  }
}

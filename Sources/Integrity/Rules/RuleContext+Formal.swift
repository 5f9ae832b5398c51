import ChachongModel

/// The formal rules: identity check digits, title, budget, guide code, degree, deadlines,
/// manifest/form and paper/online agreement.
extension RuleContext {
  func identityFindings(_ application: Application) -> [Finding] {
    var findings: [Finding] = []
    let leadField = application.field(FormFieldName.leadID)
    for (value, source) in distinctValues(leadField) {
      if let problem = ResidentID.problem(with: value) {
        findings.append(
          finding(
            .identityChecksum,
            "项目负责人身份证号\(IdentityKey.mask(value))（\(source.zh)）不符合GB 11643：\(problem.chineseDescription)",
            "The lead's resident ID \(IdentityKey.mask(value)) (\(source.en)) fails GB 11643: \(problem)"))
      }
    }
    let codeField = application.field(FormFieldName.creditCode)
    for (value, source) in distinctValues(codeField) {
      if let problem = CreditCode.problem(with: value) {
        findings.append(
          finding(
            .identityChecksum,
            "统一社会信用代码\(value)（\(source.zh)）不符合GB 32100：\(problem.chineseDescription)",
            "Unified social credit code \(value) (\(source.en)) fails GB 32100: \(problem)"))
      }
    }
    return findings
  }

  private func distinctValues(_ field: ApplicationField) -> [(String, LocalizedText)] {
    var values: [(String, LocalizedText)] = []
    if let manifest = field.manifest { values.append((manifest, LocalizedText(zh: "汇总表", en: "manifest"))) }
    if let form = field.form, IdentityKey.normalize(form) != field.manifest.map(IdentityKey.normalize) {
      values.append((form, LocalizedText(zh: "申报书", en: "form")))
    }
    return values
  }

  /// One finding per title, naming every problem (length, suffix).
  func titleFindings(_ application: Application) -> [Finding] {
    guard let title = application.title else { return [] }
    let rule = call.titleRule
    let length = title.filter { !$0.isWhitespace }.count
    var zh: [String] = []
    var en: [String] = []
    if length < rule.minimumLength || length > rule.maximumLength {
      zh.append("共\(length)个字，建议控制在\(rule.minimumLength)-\(rule.maximumLength)个字")
      en.append("has \(length) characters; the notice asks for \(rule.minimumLength)–\(rule.maximumLength)")
    }
    if !rule.suffix.isEmpty && !title.trimmingSpaces.hasSuffix(rule.suffix) {
      zh.append("未以“\(rule.suffix)”结尾")
      en.append("does not end with “\(rule.suffix)”")
    }
    guard !zh.isEmpty else { return [] }
    return [
      finding(
        .titleFormat, "项目名称\(quoted(title))" + zh.joined(separator: "，"),
        "Title \(quoted(title)) " + en.joined(separator: " and "))
    ]
  }

  func budgetFindings(_ application: Application) -> [Finding] {
    let rule = call.budget
    let totalText = application.value(FormFieldName.totalBudget)
    let fundingText = application.value(FormFieldName.requestedFunding)
    let total = totalText.flatMap(Amount.wanYuan)
    let funding = fundingText.flatMap(Amount.wanYuan)
    var findings: [Finding] = []
    if let totalText, total == nil {
      findings.append(
        unchecked(
          .budget, "研发总投入\(quoted(totalText))无法识别为金额", "Total budget \(quoted(totalText)) is not an amount"))
    }
    if let fundingText, funding == nil {
      findings.append(
        unchecked(
          .budget, "申请资助\(quoted(fundingText))无法识别为金额",
          "Requested funding \(quoted(fundingText)) is not an amount"))
    }
    if totalText == nil || fundingText == nil {
      findings.append(
        unchecked(
          .budget, "汇总表和申报书均未给出研发总投入或申请资助，未能核对经费",
          "Neither the manifest nor the form gives the total budget or the requested funding"))
    }
    let minimum = Amount.format(rule.minimumTotalExclusive)
    if let total, total <= rule.minimumTotalExclusive + 1e-9 {
      findings.append(
        finding(
          .budget, "研发总投入\(Amount.format(total))万元，未超过\(minimum)万元（不含）",
          "Total R&D investment \(Amount.format(total)) 万元 is not above \(minimum) 万元"))
    }
    if let funding, funding > rule.maximumFunding + 1e-9 {
      findings.append(
        finding(
          .budget, "申请资助\(Amount.format(funding))万元，超过最高\(Amount.format(rule.maximumFunding))万元",
          "Requested funding \(Amount.format(funding)) 万元 exceeds the maximum of "
            + "\(Amount.format(rule.maximumFunding)) 万元"))
    }
    if let funding, let total, funding > total * rule.maximumFundingShare + 1e-9 {
      let share = Amount.format(rule.maximumFundingShare * 100)
      findings.append(
        finding(
          .budget,
          "申请资助\(Amount.format(funding))万元，超过研发总投入\(Amount.format(total))万元的\(share)%",
          "Requested funding \(Amount.format(funding)) 万元 exceeds \(share)% of the total "
            + "\(Amount.format(total)) 万元"))
    }
    return findings
  }

  func guideCodeFindings(_ application: Application) -> [Finding] {
    guard let text = application.value(FormFieldName.guideCode) else {
      return [unchecked(.guideCode, "未填写指南编号", "No guide code given")]
    }
    let allowed = call.guideCodes.map(\.code).joined(separator: "、")
    guard let code = GuideCodeText.code(in: text), call.guideCode(code) != nil else {
      return [
        finding(
          .guideCode, "指南编号\(quoted(text))不在本年度《指南》中（\(allowed)）",
          "Guide code \(quoted(text)) is not in the call's guide (\(allowed))")
      ]
    }
    return []
  }

  func degreeFindings(_ application: Application) -> [Finding] {
    guard let degree = application.value(FormFieldName.degree) else {
      return [unchecked(.leadDegree, "未给出项目负责人学历", "The lead's degree is not given")]
    }
    guard call.degree.accepted.contains(where: { degree.contains($0) }) else {
      return [
        finding(
          .leadDegree, "项目负责人学历为\(quoted(degree))，须为博士及以上",
          "The lead's degree is \(quoted(degree)); a doctorate is required")
      ]
    }
    return []
  }

  func deadlineFindings(_ application: Application) -> [Finding] {
    var findings: [Finding] = []
    let checks: [(String?, String?, LocalizedText)] = [
      (application.submittedAt, call.deadlines.online, LocalizedText(zh: "网上填报", en: "Online submission")),
      (application.paperSubmittedAt, call.deadlines.paper, LocalizedText(zh: "纸质材料", en: "Paper submission")),
    ]
    for (submitted, deadline, what) in checks {
      guard let submitted, let deadlineText = deadline, let limit = Timestamp(parsing: deadlineText) else {
        continue
      }
      guard let time = Timestamp(parsing: submitted) else {
        findings.append(
          unchecked(
            .deadline, "\(what.zh)时间\(quoted(submitted))无法识别",
            "\(what.en) time \(quoted(submitted)) is not a date"))
        continue
      }
      let end = limit.isDateOnly ? limit.secondsSinceEpoch + 86_399 : limit.secondsSinceEpoch
      if time.secondsSinceEpoch > end {
        findings.append(
          finding(
            .deadline, "\(what.zh)时间\(submitted)晚于截止时间\(deadlineText)",
            "\(what.en) at \(submitted) is after the deadline \(deadlineText)"))
      }
    }
    return findings
  }

  func manifestFindings(_ application: Application) -> [Finding] {
    var findings: [Finding] = []
    func compare(
      _ name: String, _ label: LocalizedText, show: (String) -> String = { $0 },
      same: (String, String) -> Bool
    ) {
      let field = application.field(name)
      guard let manifest = field.manifest, let form = field.form, !same(manifest, form) else { return }
      findings.append(
        finding(
          .manifestMismatch, "\(label.zh)：汇总表为\(quoted(show(manifest)))，申报书为\(quoted(show(form)))",
          "\(label.en): the manifest says \(quoted(show(manifest))), the form \(quoted(show(form)))"))
    }
    let amountsEqual: (String, String) -> Bool = { left, right in
      guard let lhs = Amount.wanYuan(left), let rhs = Amount.wanYuan(right) else { return left == right }
      return abs(lhs - rhs) < 0.005
    }
    compare(
      FormFieldName.totalBudget, LocalizedText(zh: "研发总投入", en: "Total budget"), same: amountsEqual)
    compare(
      FormFieldName.requestedFunding, LocalizedText(zh: "申请资助", en: "Requested funding"),
      same: amountsEqual)
    compare(FormFieldName.lead, LocalizedText(zh: "项目负责人", en: "Lead")) {
      EntityMatching.normalizedPerson($0) == EntityMatching.normalizedPerson($1)
    }
    compare(
      FormFieldName.leadID, LocalizedText(zh: "负责人身份证号", en: "Lead's ID number"),
      show: IdentityKey.mask
    ) {
      IdentityKey.normalize($0) == IdentityKey.normalize($1)
    }
    compare(FormFieldName.creditCode, LocalizedText(zh: "统一社会信用代码", en: "Credit code")) {
      IdentityKey.normalize($0) == IdentityKey.normalize($1)
    }
    compare(FormFieldName.guideCode, LocalizedText(zh: "指南编号", en: "Guide code")) {
      (GuideCodeText.code(in: $0) ?? $0) == (GuideCodeText.code(in: $1) ?? $1)
    }
    return findings
  }

  func paperFindings(_ application: Application) -> [Finding] {
    guard let differences = application.paperDifferences, !differences.isEmpty else { return [] }
    let list = differences.prefix(10).joined(separator: "；")
    let more = differences.count > 10 ? "…" : ""
    return [
      finding(
        .paperOnlineMismatch, "纸质版与网上版有\(differences.count)处不一致：\(list)\(more)",
        "The paper and online versions differ in \(differences.count) place(s): \(list)\(more)")
    ]
  }
}

extension FieldSource {
  var label: LocalizedText {
    switch self {
    case .manifest: return LocalizedText(zh: "汇总表", en: "manifest")
    case .form: return LocalizedText(zh: "申报书", en: "form")
    }
  }
}

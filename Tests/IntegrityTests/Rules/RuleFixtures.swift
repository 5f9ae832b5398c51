import ChachongModel

@testable import Integrity

/// Clean applications and archive records to plant violations into.
enum RuleFixtures {
  static func leadID(_ sequence: Int) -> String {
    ResidentID.make(
      region: "320602", year: 1980 + sequence % 20, month: 1 + sequence % 12, day: 1 + sequence % 28,
      sequence: sequence)?.value ?? ""
  }

  static func creditCode(_ number: Int) -> String {
    let base = "MA" + String(100_000 + number)
    return CreditCode.make(region: "320600", organizationBase: base)?.value ?? ""
  }

  /// A clean application: every rule passes.
  static func application(
    _ number: Int, unit: String = "海安市科技局", organisation: String? = nil, lead: String? = nil,
    leadSequence: Int? = nil, creditNumber: Int? = nil
  ) -> Application {
    let fields: [String: ApplicationField] = [
      FormFieldName.title: ApplicationField(manifest: "面向海上风电的新型储能系统关键技术研发"),
      FormFieldName.organisation: ApplicationField(manifest: organisation ?? "南通第\(number)科技有限公司"),
      FormFieldName.creditCode: ApplicationField(manifest: creditCode(creditNumber ?? number)),
      FormFieldName.lead: ApplicationField(manifest: lead ?? "负责人\(number)"),
      FormFieldName.leadID: ApplicationField(manifest: leadID(leadSequence ?? number)),
      FormFieldName.degree: ApplicationField(form: "博士研究生"),
      FormFieldName.guideCode: ApplicationField(manifest: "3001", form: "3001 氢能与储能"),
      FormFieldName.totalBudget: ApplicationField(manifest: "300", form: "300万元"),
      FormFieldName.requestedFunding: ApplicationField(manifest: "100", form: "100"),
      FormFieldName.recommendingUnit: ApplicationField(manifest: unit),
      FormFieldName.enterpriseType: ApplicationField(manifest: "高新技术企业"),
    ]
    return Application(
      id: "NT2023" + String(1000 + number), file: "NT2023\(1000 + number).docx", fields: fields,
      submittedAt: "2024-01-20 10:00")
  }

  static func archive(
    _ id: String, program: String, year: Int, status: String, organisation: String, creditNumber: Int? = nil,
    lead: String? = nil, leadSequence: Int? = nil
  ) -> DocumentRecord {
    DocumentRecord(
      id: id, program: program, year: year, status: status, title: "某项目", organisation: organisation,
      creditCode: creditNumber.map(creditCode), lead: lead, leadIDKey: leadSequence.map(leadID),
      leadIDMasked: leadSequence.map { IdentityKey.mask(leadID($0)) })
  }

  static func measures(_ jaccard: Double, containment: Double? = nil, shared: Int = 3000)
    -> SimilarityMeasures
  {
    SimilarityMeasures(
      jaccard: jaccard, queryContainment: containment ?? jaccard, matchContainment: containment ?? jaccard,
      sharedCharacters: shared)
  }

  static func setting(
    _ application: inout Application, _ name: String, manifest: String? = nil, form: String? = nil
  ) {
    application.fields[name] = ApplicationField(manifest: manifest, form: form)
  }
}

extension [ApplicationFindings] {
  func findings(of id: String) -> [Finding] {
    first { $0.application.id == id }?.findings ?? []
  }

  func rules(of id: String, atLeast severity: Severity = .warning) -> Set<RuleID> {
    Set(findings(of: id).filter { $0.severity >= severity }.map(\.rule))
  }
}

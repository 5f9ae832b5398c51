/// Rules over the whole call: quotas, one application per enterprise, one per lead.
extension RuleContext {
  func quotaFindings(_ application: Application) -> [Finding] {
    guard let unit = application.recommendingUnit, !isExempt(application) else { return [] }
    let peers = quotaPeersByUnit[unit] ?? []
    let limit = call.quotas.limit(forUnit: unit)
    guard peers.count > limit else { return [] }
    let others = peers.filter { $0.id != application.id || $0.file != application.file }
      .sorted { $0.id < $1.id }.map(related)
    let className = call.quotas.quotaClass(forUnit: unit)?.name
    let classNote = className.map { "（\($0)）" } ?? ""
    return [
      finding(
        .quota, "推荐单位\(quoted(unit))\(classNote)推荐\(peers.count)项（不含高校科研院所），超过限额\(limit)项",
        "Recommending unit \(quoted(unit)) recommends \(peers.count) applications "
          + "(universities and institutes not counted), above its quota of \(limit)",
        related: others)
    ]
  }

  func onePerEnterpriseFindings(_ application: Application) -> [Finding] {
    guard !isExempt(application), application.organisation != nil || application.creditCode != nil else {
      return []
    }
    var others: [RelatedDocument] = []
    let batchCandidates = applicationParties.organisationCandidates(
      creditCode: application.creditCode, name: application.organisation
    ).map { input.applications[$0] }
    for other in batchCandidates where other.id != application.id && !isExempt(other) {
      if sameOrganisation(application, creditCode: other.creditCode, name: other.organisation) {
        others.append(related(other))
      }
    }
    let archiveCandidates = thisCallArchiveParties.organisationCandidates(
      creditCode: application.creditCode, name: application.organisation
    ).map { thisCallArchive[$0] }
    for record in archiveCandidates {
      if sameOrganisation(application, creditCode: record.creditCode, name: record.organisation) {
        others.append(related(record))
      }
    }
    guard !others.isEmpty else { return [] }
    let ids = others.map(\.id).sorted()
    return [
      finding(
        .onePerEnterprise,
        "申报单位\(quoted(application.organisation))本年度另有\(others.count)项本计划申报：\(ids.joined(separator: "、"))",
        "The applicant \(quoted(application.organisation)) has \(others.count) other application(s) "
          + "in this call: \(ids.joined(separator: ", "))",
        related: others.sorted { $0.id < $1.id })
    ]
  }

  func onePerLeadFindings(_ application: Application) -> [Finding] {
    guard application.lead != nil || application.leadID != nil else { return [] }
    var others: [RelatedDocument] = []
    let applicationKey = key(ofApplicationLead: application)
    let batchCandidates = applicationParties.leadCandidates(leadIDKey: applicationKey, lead: application.lead)
      .map { input.applications[$0] }
    for other in batchCandidates where other.id != application.id {
      if sameLead(
        application, leadIDKey: key(ofApplicationLead: other), lead: other.lead, creditCode: other.creditCode,
        organisation: other.organisation)
      {
        others.append(related(other))
      }
    }
    let archiveCandidates = thisCallArchiveParties.leadCandidates(
      leadIDKey: applicationKey, lead: application.lead
    )
    .map { thisCallArchive[$0] }
    for record in archiveCandidates {
      if sameLead(
        application, leadIDKey: record.leadIDKey, lead: record.lead, creditCode: record.creditCode,
        organisation: record.organisation)
      {
        others.append(related(record))
      }
    }
    guard !others.isEmpty else { return [] }
    let ids = others.map(\.id).sorted()
    return [
      finding(
        .onePerLead,
        "项目负责人\(quoted(application.lead))本年度另牵头\(others.count)项本计划申报：\(ids.joined(separator: "、"))",
        "The lead \(quoted(application.lead)) leads \(others.count) other application(s) in this call: "
          + ids.joined(separator: ", "),
        related: others.sorted { $0.id < $1.id })
    ]
  }
}

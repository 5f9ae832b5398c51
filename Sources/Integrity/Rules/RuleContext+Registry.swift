/// Rules that look the applicant and the lead up in the registry and the archive: running
/// projects of barring programs, running projects of the lead, the lead in another program.
extension RuleContext {
  func registryFindings(_ application: Application) -> [Finding] {
    enterpriseRunning(application) + leadRunning(application) + leadOtherProgram(application)
  }

  private func enterpriseRunning(_ application: Application) -> [Finding] {
    var hits: [RelatedDocument] = []
    for entry in input.registry
    where call.statuses.isRunning(entry.status) && call.isBarringProgram(entry.program)
      && sameOrganisation(application, creditCode: entry.creditCode, name: entry.organisation)
    {
      hits.append(related(entry))
    }
    for record in archive
    where call.statuses.isRunning(record.status) && call.isBarringProgram(record.program)
      && sameOrganisation(application, creditCode: record.creditCode, name: record.organisation)
    {
      hits.append(related(record))
    }
    guard !hits.isEmpty else { return [] }
    return [
      finding(
        .enterpriseRunningProject,
        "申报单位\(quoted(application.organisation))有在研项目：\(describe(hits, .zh))",
        "The applicant \(quoted(application.organisation)) has a running project: \(describe(hits, .en))",
        related: sortedByID(hits))
    ]
  }

  private func leadRunning(_ application: Application) -> [Finding] {
    var hits: [RelatedDocument] = []
    for entry in input.registry where call.statuses.isRunning(entry.status) {
      if sameLead(
        application, leadIDKey: entry.leadID.map(leadIDKey), lead: entry.lead, creditCode: entry.creditCode,
        organisation: entry.organisation)
      {
        hits.append(related(entry))
      }
    }
    for record in archive where call.statuses.isRunning(record.status) {
      if sameLead(
        application, leadIDKey: record.leadIDKey, lead: record.lead, creditCode: record.creditCode,
        organisation: record.organisation)
      {
        hits.append(related(record))
      }
    }
    guard !hits.isEmpty else { return [] }
    return [
      finding(
        .leadRunningProject,
        "项目负责人\(quoted(application.lead))是在研项目负责人：\(describe(hits, .zh))",
        "The lead \(quoted(application.lead)) leads a running project: \(describe(hits, .en))",
        related: sortedByID(hits))
    ]
  }

  private func leadOtherProgram(_ application: Application) -> [Finding] {
    var hits: [RelatedDocument] = []
    let year = application.year ?? call.year
    for entry in input.registry
    where entry.year == year && !call.isThisProgram(entry.program) && call.isMunicipalProgram(entry.program)
      && !call.statuses.isRunning(entry.status)
    {
      if sameLead(
        application, leadIDKey: entry.leadID.map(leadIDKey), lead: entry.lead, creditCode: entry.creditCode,
        organisation: entry.organisation)
      {
        hits.append(related(entry))
      }
    }
    for record in archive
    where record.year == year && !call.isThisProgram(record.program)
      && call.isMunicipalProgram(record.program)
      && !call.statuses.isRunning(record.status)
    {
      if sameLead(
        application, leadIDKey: record.leadIDKey, lead: record.lead, creditCode: record.creditCode,
        organisation: record.organisation)
      {
        hits.append(related(record))
      }
    }
    guard !hits.isEmpty else { return [] }
    return [
      finding(
        .leadOtherProgram,
        "项目负责人\(quoted(application.lead))本年度同时申报其他市级科技计划：\(describe(hits, .zh))",
        "The lead \(quoted(application.lead)) also applies to another program this year: \(describe(hits, .en))",
        related: sortedByID(hits))
    ]
  }

  func describe(_ documents: [RelatedDocument], _ language: ReportLanguage) -> String {
    sortedByID(documents).map { document in
      let year = document.year.map(String.init) ?? "?"
      switch language {
      case .zh:
        return
          "\(document.program ?? "—")\(year)年\(quoted(document.title))（\(document.status ?? "—")，\(document.id)）"
      case .en:
        return
          "\(document.program ?? "—") \(year) \(quoted(document.title)) (\(document.status ?? "—"), \(document.id))"
      }
    }.joined(separator: language == .zh ? "；" : "; ")
  }

  /// By id, one entry per id (a registry row and the archived document of the same project).
  func sortedByID(_ documents: [RelatedDocument]) -> [RelatedDocument] {
    var seen = Set<String>()
    return documents.filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
  }
}

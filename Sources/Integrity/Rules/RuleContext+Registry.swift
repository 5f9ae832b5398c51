/// Rules that look the applicant and the lead up in the registry and the archive: running
/// projects of barring programs, running projects of the lead, the lead in another program.
extension RuleContext {
  func registryFindings(_ application: Application) -> [Finding] {
    let byOrganisation = knownProjectParties.organisationCandidates(
      creditCode: application.creditCode, name: application.organisation
    ).map { knownProjects[$0] }
    let byLead = knownProjectParties.leadCandidates(
      leadIDKey: key(ofApplicationLead: application), lead: application.lead
    ).map { knownProjects[$0] }
    return enterpriseRunning(application, byOrganisation) + leadRunning(application, byLead)
      + leadOtherProgram(application, byLead)
  }

  private func isLedBySameLead(_ project: KnownProject, as application: Application) -> Bool {
    sameLead(
      application, leadIDKey: project.leadIDKey, lead: project.lead, creditCode: project.creditCode,
      organisation: project.organisation)
  }

  private func enterpriseRunning(_ application: Application, _ known: [KnownProject]) -> [Finding] {
    let hits = known.filter { project in
      call.statuses.isRunning(project.status) && programs.isBarring(project.program)
        && sameOrganisation(application, creditCode: project.creditCode, name: project.organisation)
    }.map(\.related)
    guard !hits.isEmpty else { return [] }
    return [
      finding(
        .enterpriseRunningProject,
        "申报单位\(quoted(application.organisation))有在研项目：\(describe(hits, .zh))",
        "The applicant \(quoted(application.organisation)) has a running project: \(describe(hits, .en))",
        related: sortedByID(hits))
    ]
  }

  private func leadRunning(_ application: Application, _ known: [KnownProject]) -> [Finding] {
    let hits = known.filter { project in
      call.statuses.isRunning(project.status) && isLedBySameLead(project, as: application)
    }.map(\.related)
    guard !hits.isEmpty else { return [] }
    return [
      finding(
        .leadRunningProject,
        "项目负责人\(quoted(application.lead))是在研项目负责人：\(describe(hits, .zh))",
        "The lead \(quoted(application.lead)) leads a running project: \(describe(hits, .en))",
        related: sortedByID(hits))
    ]
  }

  private func leadOtherProgram(_ application: Application, _ known: [KnownProject]) -> [Finding] {
    let year = application.year ?? call.year
    let hits = known.filter { project in
      project.year == year && !programs.isThis(project.program) && programs.isMunicipal(project.program)
        && !call.statuses.isRunning(project.status) && isLedBySameLead(project, as: application)
    }.map(\.related)
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

/// A registry row or an archived document, as the registry rules compare them: the two sources
/// hold the same facts about a project, so each rule looks at one list.
struct KnownProject {
  var program: String?
  var year: Int?
  var status: String?
  var creditCode: String?
  var organisation: String?
  var lead: String?
  var leadIDKey: String?
  var related: RelatedDocument
}

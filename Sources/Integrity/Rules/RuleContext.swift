import ChachongModel

/// The batch with its derived lookups, shared by the rule implementations.
struct RuleContext {
  let input: RuleInput
  let leadIDKey: @Sendable (String) -> String
  var call: CallConfiguration { input.call }
  /// Batch ids, so archive copies of the batch (an earlier `--add`) are not counted twice.
  let batchIDs: Set<String>
  /// Archive records that are not part of the batch.
  let archive: [DocumentRecord]
  /// Keyed once, so that no rule loops over every pair or application for each application.
  let pairsByApplication: [String: [SimilarPair]]
  /// Batch pairs by the batch document on their other side (seen from it, they are reversed).
  let batchPairsByOther: [String: [SimilarPair]]
  let applicationsByID: [String: Application]
  /// Registry rows and archived records as the registry rules compare them, built once.
  let knownProjects: [KnownProject]
  let knownProjectParties: PartyIndex
  /// Archived records of this call (program and year) and their parties.
  let thisCallArchive: [DocumentRecord]
  let thisCallArchiveParties: PartyIndex
  /// The batch's parties, in batch order; lead keys are the applications' own keyed IDs.
  let applicationParties: PartyIndex
  /// The applications each recommending unit counts against its quota (exempt ones left out).
  let quotaPeersByUnit: [String: [Application]]
  /// The program names of the registry, the archive and the batch, classified once.
  let programs: ProgramClasses

  init(input: RuleInput, leadIDKey: @escaping @Sendable (String) -> String) {
    self.input = input
    self.leadIDKey = leadIDKey
    let batchIDs = Set(input.applications.map(\.id))
    self.batchIDs = batchIDs
    archive = input.archive.filter { !batchIDs.contains($0.id) }
    pairsByApplication = Dictionary(grouping: input.pairs, by: \.applicationID)
    batchPairsByOther = Dictionary(grouping: input.pairs.filter(\.otherInBatch), by: \.other.id)
    applicationsByID = Dictionary(
      input.applications.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let call = input.call
    quotaPeersByUnit = Dictionary(
      grouping: input.applications.filter { application in
        application.recommendingUnit != nil
          && !call.quotas.exempt.isExempt(
            enterpriseType: application.enterpriseType, organisation: application.organisation)
      }, by: { $0.recommendingUnit ?? "" })
    let archive = self.archive
    let programs = ProgramClasses(
      call: call,
      names: [call.program] + input.registry.map(\.program) + archive.map(\.program)
        + input.applications.map(\.program))
    self.programs = programs
    let known =
      input.registry.map { entry in
        KnownProject(
          program: entry.program, year: entry.year, status: entry.status, creditCode: entry.creditCode,
          organisation: entry.organisation, lead: entry.lead, leadIDKey: entry.leadID.map(leadIDKey),
          related: Self.related(entry))
      }
      + archive.map { record in
        KnownProject(
          program: record.program, year: record.year, status: record.status, creditCode: record.creditCode,
          organisation: record.organisation, lead: record.lead, leadIDKey: record.leadIDKey,
          related: Self.related(record))
      }
    knownProjects = known
    knownProjectParties = PartyIndex(
      known.map {
        .init(
          creditCode: $0.creditCode, organisation: $0.organisation, lead: $0.lead, leadIDKey: $0.leadIDKey)
      })
    let thisCall = archive.filter { programs.isThis($0.program) && $0.year == call.year }
    thisCallArchive = thisCall
    thisCallArchiveParties = PartyIndex(
      thisCall.map {
        .init(
          creditCode: $0.creditCode, organisation: $0.organisation, lead: $0.lead, leadIDKey: $0.leadIDKey)
      })
    applicationParties = PartyIndex(
      input.applications.map {
        .init(
          creditCode: $0.creditCode, organisation: $0.organisation, lead: $0.lead,
          leadIDKey: $0.leadID.map(leadIDKey))
      })
  }

  func finding(
    _ rule: RuleID, _ zh: String, _ en: String, related: [RelatedDocument] = [], severity: Severity? = nil
  ) -> Finding {
    let setting = call.setting(for: rule)
    return Finding(
      rule: rule, severity: severity ?? setting.severity, message: LocalizedText(zh: zh, en: en),
      notice: setting.notice, related: related)
  }

  /// A finding that says a rule could not be checked (missing data): always info.
  func unchecked(_ rule: RuleID, _ zh: String, _ en: String) -> Finding {
    finding(rule, zh, en, severity: .info)
  }

  // MARK: identity

  func isExempt(_ application: Application) -> Bool {
    call.quotas.exempt.isExempt(
      enterpriseType: application.enterpriseType, organisation: application.organisation)
  }

  func sameOrganisation(_ application: Application, creditCode: String?, name: String?) -> Bool {
    EntityMatching.sameOrganisation(
      creditCode: application.creditCode, name: application.organisation, creditCode: creditCode, name: name)
  }

  /// Same lead: by ID number when both sides have one, else by name within the same organisation.
  func sameLead(
    _ application: Application, leadIDKey otherKey: String?, lead otherLead: String?,
    creditCode: String?, organisation: String?
  ) -> Bool {
    if let id = application.leadID, let otherKey {
      return leadIDKey(id) == otherKey
    }
    guard let name = application.lead, let otherLead else { return false }
    let left = EntityMatching.normalizedPerson(name)
    guard !left.isEmpty, left == EntityMatching.normalizedPerson(otherLead) else { return false }
    return sameOrganisation(application, creditCode: creditCode, name: organisation)
  }

  func key(ofApplicationLead application: Application) -> String? {
    application.leadID.map(leadIDKey)
  }

  func isThisCall(_ record: DocumentRecord) -> Bool {
    programs.isThis(record.program) && record.year == call.year
  }

  // MARK: related documents

  func related(_ application: Application) -> RelatedDocument {
    RelatedDocument(
      id: application.id, source: .batch, program: application.program ?? call.program,
      year: application.year ?? call.year, status: call.statuses.submitted, title: application.title,
      organisation: application.organisation, creditCode: application.creditCode, lead: application.lead,
      leadIDMasked: application.leadIDMasked)
  }

  func related(
    _ record: DocumentRecord, source: RelatedSource = .archive, measures: SimilarityMeasures? = nil,
    passages: [EvidencePassage]? = nil
  ) -> RelatedDocument {
    Self.related(record, source: source, measures: measures, passages: passages)
  }

  static func related(
    _ record: DocumentRecord, source: RelatedSource = .archive, measures: SimilarityMeasures? = nil,
    passages: [EvidencePassage]? = nil
  ) -> RelatedDocument {
    RelatedDocument(
      id: record.id, source: source, program: record.program, year: record.year, status: record.status,
      title: record.title, organisation: record.organisation, creditCode: record.creditCode,
      lead: record.lead,
      leadIDMasked: record.leadIDMasked, measures: measures, passages: passages)
  }

  func related(_ entry: RegistryEntry) -> RelatedDocument { Self.related(entry) }

  static func related(_ entry: RegistryEntry) -> RelatedDocument {
    RelatedDocument(
      id: entry.referenceID, source: .registry, program: entry.program, year: entry.year,
      status: entry.status,
      title: entry.title, organisation: entry.organisation, creditCode: entry.creditCode, lead: entry.lead,
      leadIDMasked: entry.leadID.map(IdentityKey.mask))
  }

  /// The record the rules see for a batch application (as the other side of a pair).
  func record(_ application: Application) -> DocumentRecord {
    DocumentRecord(
      id: application.id, program: application.program ?? call.program, year: application.year ?? call.year,
      status: call.statuses.submitted, title: application.title, organisation: application.organisation,
      creditCode: application.creditCode, lead: application.lead,
      leadIDKey: key(ofApplicationLead: application),
      leadIDMasked: application.leadIDMasked)
  }
}

func quoted(_ text: String?) -> String { "「\(text ?? "—")」" }

/// Builds the bureau's world for the 2023 forward-looking call: the batch (with every rule planted
/// next to clean applications), an archive of other programs and years, and the registry.
struct WorldBuilder {
  let bank: TextBank
  let seed: UInt64
  var random: SeededGenerator
  var factory: EntityFactory
  var batch: [WorldDocument] = []
  var archive: [WorldDocument] = []
  var registry: [RegistryRow] = []
  var expected: [GroundTruth.ExpectedFinding] = []
  var pairs: [(source: String, derived: String, kind: String, edits: [String], relation: String)] = []
  var decoys: [GroundTruth.Decoy] = []
  var clean: [String] = []
  var institutions: [String: Organisation] = [:]
  private var areaLoad: [String: Int] = [:]
  private var archiveCounters: [String: Int] = [:]

  static let call = Program.forwardLooking
  static let callYear = 2023
  static let guideCodes = GuideDomain.all.map(\.code)

  init(bank: TextBank, seed: UInt64) {
    self.bank = bank
    self.seed = seed
    self.random = SeededGenerator(seed: seed, stream: "world")
    self.factory = EntityFactory(random: SeededGenerator(seed: seed, stream: "entities"))
    // Universities applying in the batch count against their district in a checker that groups by
    // 所在县（市）: keep room for them.
    areaLoad = ["崇川区": 2, "通州区": 1]
    var order = SeededGenerator(seed: seed, stream: "sentences")
    sentenceOrder = order.shuffled(Array(bank.sentences.indices))
  }

  /// Regulation sentences are dealt out in a shuffled order, a share per document, and reused only
  /// after the whole bank has been dealt.
  private var sentenceOrder: [Int] = []
  private var sentenceCursor = 0

  mutating func dealSentences(_ count: Int = 110) -> [Int] {
    guard !sentenceOrder.isEmpty else { return [] }
    var result: [Int] = []
    for _ in 0..<count {
      result.append(sentenceOrder[sentenceCursor])
      sentenceCursor = (sentenceCursor + 1) % sentenceOrder.count
    }
    return result
  }

  // MARK: building blocks

  mutating func domain() -> GuideDomain { random.pick(GuideDomain.all) }

  /// An area with room for `count` more applications; quota cases pick theirs explicitly.
  mutating func area(room count: Int) -> RecommendingArea {
    let reserved: Set<String> = ["如皋市", "苏锡通科技产业园区"]
    let candidates = RecommendingArea.all.filter { area in
      let limit = area.kind == .county ? 6 : 3
      return !reserved.contains(area.county) && (areaLoad[area.county] ?? 0) + count <= limit
    }
    let chosen = random.pick(candidates.isEmpty ? [RecommendingArea.named("崇川区")] : candidates)
    areaLoad[chosen.county, default: 0] += count
    return chosen
  }

  mutating func enterprise(room count: Int, domain: GuideDomain) -> Organisation {
    factory.enterprise(area: area(room: count), domain: domain)
  }

  /// An enterprise that never applies in this batch (archive and registry only).
  mutating func outsideEnterprise(domain: GuideDomain) -> Organisation {
    factory.enterprise(area: random.pick(RecommendingArea.all), domain: domain)
  }

  mutating func institution(_ index: Int) -> Organisation {
    let template = Institution.all[index % Institution.all.count]
    if let known = institutions[template.name] { return known }
    let made = factory.institution(template)
    institutions[template.name] = made
    return made
  }

  mutating func budget(total: WanYuan? = nil, funding: WanYuan? = nil) -> (WanYuan, WanYuan) {
    let totalAmount = total ?? WanYuan(hundredths: random.int(36...180) * 500)
    if let funding { return (totalAmount, funding) }
    let cap = min(totalAmount.hundredths * 45 / 100, 100 * 100)
    let share = random.int(max(1, cap / 3 / 500)...max(1, cap / 500)) * 500
    return (totalAmount, WanYuan(hundredths: share))
  }

  mutating func budgetRows(total: WanYuan, funding: WanYuan) -> [(String, WanYuan, WanYuan)] {
    let items = ApplicationTemplate.budgetItems
    let weights = items.map { _ in random.int(1...10) }
    let weightSum = weights.reduce(0, +)
    var rows: [(String, WanYuan, WanYuan)] = []
    var totalLeft = total.hundredths
    var fundingLeft = funding.hundredths
    for (index, item) in items.enumerated() {
      let isLast = index == items.count - 1
      let amount = isLast ? totalLeft : total.hundredths * weights[index] / weightSum
      let granted = isLast ? fundingLeft : min(amount, funding.hundredths * weights[index] / weightSum)
      totalLeft -= amount
      fundingLeft -= granted
      rows.append((item, WanYuan(hundredths: amount), WanYuan(hundredths: granted)))
    }
    return rows
  }

  mutating func compose(
    id: String, program: Program, year: Int, status: String, organisation: Organisation, lead: Person,
    domain: GuideDomain, total: WanYuan? = nil, funding: WanYuan? = nil, guideCode: String? = nil
  ) -> Application {
    var composer = ProseComposer(
      bank: bank, domain: domain, random: SeededGenerator(seed: seed, stream: "prose-" + id),
      quoted: dealSentences())
    let (totalAmount, fundingAmount) = budget(total: total, funding: funding)
    let form = ApplicationForm(
      title: composer.title(), organisation: organisation,
      guideCode: guideCode ?? (program == Self.call ? domain.code : program.prefix + "-" + domain.code),
      lead: lead, totalBudget: totalAmount, requestedFunding: fundingAmount)
    var team = [lead]
    for _ in 0..<random.int(4...7) { team.append(factory.member()) }
    let rows = budgetRows(total: totalAmount, funding: fundingAmount)
    let sections = composer.sections(form: form, team: team, startYear: year + 1, budget: rows)
    return Application(
      id: id, program: program, year: year, status: status, form: form,
      layout: random.chance(0.5) ? .twoColumn : .fourColumn,
      headingStyle: random.chance(0.5) ? .english : .chinese, sections: sections, team: team,
      startDate: "\(year + 1)-01-01", endDate: "\(year + 3)-12-31")
  }

  mutating func submissionTime() -> String {
    let day = random.int(5...30)
    return
      "2024-01-\(pad(day)) \(pad(random.int(8...21))):\(pad(random.int(0...59))):\(pad(random.int(0...59)))"
  }

  func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

  mutating func nextBatchID() -> String {
    let number = batch.count + 1
    return "QZ2023-" + (number < 10 ? "00" : number < 100 ? "0" : "") + String(number)
  }

  mutating func nextArchiveID(program: Program, year: Int) -> String {
    let key = program.prefix + String(year)
    archiveCounters[key, default: 0] += 1
    let number = archiveCounters[key] ?? 1
    return key + "-" + (number < 10 ? "00" : number < 100 ? "0" : "") + String(number)
  }

  @discardableResult
  mutating func addBatch(
    _ application: Application, submittedAt: String? = nil, overrides: [String: String] = [:]
  ) -> Application {
    batch.append(
      WorldDocument(
        application: application, role: .application, submittedAt: submittedAt ?? submissionTime(),
        manifestOverrides: overrides))
    return application
  }

  mutating func newBatch(
    organisation: Organisation, lead: Person? = nil, domain: GuideDomain? = nil, total: WanYuan? = nil,
    funding: WanYuan? = nil, guideCode: String? = nil
  ) -> Application {
    let field = domain ?? self.domain()
    return compose(
      id: nextBatchID(), program: Self.call, year: Self.callYear, status: "申报", organisation: organisation,
      lead: lead ?? factory.person(), domain: field, total: total, funding: funding, guideCode: guideCode)
  }

  mutating func addArchive(
    program: Program, year: Int, status: String, organisation: Organisation, lead: Person,
    domain: GuideDomain? = nil, registryLeadID: String? = nil
  ) -> Application {
    let field = domain ?? self.domain()
    let application = compose(
      id: nextArchiveID(program: program, year: year), program: program, year: year, status: status,
      organisation: organisation, lead: lead, domain: field)
    archive.append(
      WorldDocument(
        application: application, role: .archive, submittedAt: "\(year)-0\(random.int(3...9))-15 10:00:00"))
    if ["立项", "在研", "结题"].contains(status) {
      addRegistry(
        number: application.id, program: program, year: year, status: status, title: application.form.title,
        organisation: organisation, lead: lead, leadID: registryLeadID)
    }
    return application
  }

  mutating func addRegistry(
    number: String, program: Program, year: Int, status: String, title: String, organisation: Organisation,
    lead: Person, leadID: String? = nil
  ) {
    let start = "\(year)-07-01"
    let end: String
    switch status {
    case "结题": end = "\(min(year + 3, 2023))-06-30"
    default: end = "\(max(year + 3, 2025))-06-30"
    }
    registry.append(
      RegistryRow(
        number: number, program: program.name, year: year, status: status, title: title,
        organisation: organisation.name, creditCode: organisation.creditCode, lead: lead.name,
        leadID: leadID ?? lead.idNumber, start: start, end: end))
  }

  mutating func expect(
    _ application: String, _ rule: String, related: [String] = [], plantedCase: String,
    alsoAcceptable: [String]? = nil, scope: String? = nil, note: String? = nil
  ) {
    expected.append(
      GroundTruth.ExpectedFinding(
        application: application, rule: rule, related: related, plantedCase: plantedCase,
        alsoAcceptable: alsoAcceptable, scope: scope, note: note))
  }

  /// Both applications of a pair rule carry the finding, each naming the other.
  mutating func expectPair(_ first: String, _ second: String, _ rule: String, plantedCase: String) {
    expect(first, rule, related: [second], plantedCase: plantedCase)
    expect(second, rule, related: [first], plantedCase: plantedCase)
  }

  /// A copy of `source` as a new application of `program`/`year` with the given edits applied.
  mutating func derive(
    from source: Application, id: String, program: Program, year: Int, status: String,
    organisation: Organisation? = nil, lead: Person? = nil, edits: [String], rewriteShare: Double = 0.35
  ) -> Application {
    var copy = source
    copy.id = id
    copy.program = program
    copy.year = year
    copy.status = status
    var editRandom = SeededGenerator(seed: seed, stream: "edit-" + id)
    var composer = ProseComposer(
      bank: bank,
      domain: GuideDomain.domain(code: String(source.form.guideCode.suffix(4))) ?? GuideDomain.all[0],
      random: SeededGenerator(seed: seed, stream: "rewrite-" + id), quoted: dealSentences(40))
    if let organisation, organisation != source.form.organisation {
      copy.sections = Edits.rename(copy.sections, from: source.form.organisation.name, to: organisation.name)
      copy.form.organisation = organisation
    }
    if let lead, lead != source.form.lead {
      copy.sections = Edits.rename(copy.sections, from: source.form.lead.name, to: lead.name)
      copy.form.lead = lead
      copy.team[0] = lead
    }
    for edit in edits {
      switch edit {
      case "substitution":
        copy.sections = Edits.substituteCharacters(copy.sections, rate: 0.015, random: &editRandom)
      case "light_substitution":
        copy.sections = Edits.substituteCharacters(copy.sections, rate: 0.005, random: &editRandom)
      case "reorder":
        copy.sections = Edits.reorder(copy.sections, random: &editRandom)
      case "title_change":
        var title = composer.title()
        if title == copy.form.title { title = composer.title() }
        copy.form.title = title
      case "heavy_rewrite":
        copy.sections = Edits.rewrite(copy.sections, share: rewriteShare, composer: &composer)
        copy.sections = Edits.substituteCharacters(copy.sections, rate: 0.01, random: &editRandom)
      default:
        break
      }
    }
    if program != source.program {
      copy.form.guideCode =
        program == Self.call
        ? String(source.form.guideCode.suffix(4))
        : program.prefix + "-"
          + String(source.form.guideCode.suffix(4))
    }
    copy.startDate = "\(year + 1)-01-01"
    copy.endDate = "\(year + 3)-12-31"
    return copy
  }

  /// `source` with sections at `indexes` replaced by those of `donor` (verbatim).
  func withSections(_ target: Application, from donor: Application, indexes: [Int]) -> Application {
    var result = target
    for index in indexes {
      result.sections[index] = donor.sections[index]
    }
    return result
  }
}

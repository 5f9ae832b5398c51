/// Everything a call's rules depend on, read from a JSON file (docs/call-configuration.md).
/// Next year's call is a new file, not new code.
package struct CallConfiguration: Sendable, Codable, Equatable {
  /// Version of this file format; this build reads version 1.
  package var schemaVersion: Int
  /// The program of the call, as the archive and the registry name it (计划类别).
  package var program: String
  /// Other spellings of the program in manifests, the archive and the registry.
  package var programAliases: [String]
  package var year: Int
  /// The notice's document number, e.g. 通科资〔2023〕116号.
  package var documentNumber: String?
  package var guideCodes: [GuideCode]
  package var budget: BudgetRule
  package var titleRule: TitleRule
  package var degree: DegreeRule
  package var quotas: QuotaRule
  package var deadlines: Deadlines
  /// Programs whose running (在研) projects bar an enterprise from applying, matched as a
  /// substring of the registry's program name (科技成果转化, 揭榜挂帅).
  package var barringPrograms: [String]
  /// Programs whose names contain one of these are provincial or national, not 市级其他科技计划:
  /// they do not count for cross-program-same-year and lead-other-program (省, 国家).
  package var nonMunicipalProgramMarkers: [String]?
  package var statuses: StatusVocabulary
  /// Similarity thresholds per similarity rule.
  package var similarity: [RuleID: SimilarityThreshold]
  /// No silent high overlap (the high-copy-ratio rule); absent: `OverlapFloor.standard`.
  package var overlapFloor: OverlapFloor?
  /// The call's own text (the notice, the guide's 研发方向): applications quote it, so it is
  /// excluded from every score, passage and ratio like template text.
  package var callText: [CallText]?
  /// Severity, notice sentence and switch per rule; a rule not listed keeps its default
  /// severity, is enabled and quotes nothing.
  package var rules: [RuleID: RuleSetting]

  package init(
    schemaVersion: Int = 1, program: String, programAliases: [String] = [], year: Int,
    documentNumber: String? = nil, guideCodes: [GuideCode], budget: BudgetRule, titleRule: TitleRule,
    degree: DegreeRule, quotas: QuotaRule, deadlines: Deadlines, barringPrograms: [String],
    statuses: StatusVocabulary, similarity: [RuleID: SimilarityThreshold], rules: [RuleID: RuleSetting]
  ) {
    self.schemaVersion = schemaVersion
    self.program = program
    self.programAliases = programAliases
    self.year = year
    self.documentNumber = documentNumber
    self.guideCodes = guideCodes
    self.budget = budget
    self.titleRule = titleRule
    self.degree = degree
    self.quotas = quotas
    self.deadlines = deadlines
    self.barringPrograms = barringPrograms
    self.nonMunicipalProgramMarkers = nil
    self.statuses = statuses
    self.similarity = similarity
    self.rules = rules
  }

  /// The format version this build reads.
  package static let currentSchemaVersion = 1

  package func setting(for rule: RuleID) -> RuleSetting {
    rules[rule] ?? RuleSetting(severity: rule.defaultSeverity, notice: nil, enabled: true)
  }

  package func severity(for rule: RuleID) -> Severity { setting(for: rule).severity }

  package func isEnabled(_ rule: RuleID) -> Bool { setting(for: rule).enabled }

  package func threshold(for rule: RuleID) -> SimilarityThreshold {
    similarity[rule] ?? .standard
  }

  /// The high-copy-ratio floor in force.
  package var floor: OverlapFloor { overlapFloor ?? .standard }

  /// True when `name` (a program as written in a manifest, the archive or the registry) is this
  /// call's program.
  package func isThisProgram(_ name: String?) -> Bool {
    guard let name else { return false }
    let key = ProgramName.normalize(name)
    guard !key.isEmpty else { return false }
    return ([program] + programAliases).contains { ProgramName.normalize($0) == key }
  }

  /// True unless the program's name marks it as provincial or national.
  package func isMunicipalProgram(_ name: String?) -> Bool {
    guard let name else { return true }
    return !(nonMunicipalProgramMarkers ?? []).contains { !$0.isEmpty && name.contains($0) }
  }

  /// True when `name` is one of the programs whose running projects bar an enterprise.
  package func isBarringProgram(_ name: String?) -> Bool {
    guard let name else { return false }
    let key = ProgramName.normalize(name)
    return barringPrograms.contains { !$0.isEmpty && key.contains(ProgramName.normalize($0)) }
  }

  package func guideCode(_ code: String) -> GuideCode? {
    guideCodes.first { $0.code == code }
  }
}

/// A text the call itself publishes (applications quote it; it is not evidence of copying).
package struct CallText: Sendable, Codable, Equatable {
  /// What it is, e.g. "通科资〔2023〕116号 notice with 附件1 指南".
  package var name: String
  package var text: String

  package init(name: String, text: String) {
    self.name = name
    self.text = text
  }
}

/// A direction of the call's guide (指南).
package struct GuideCode: Sendable, Codable, Equatable {
  package var code: String
  package var name: String
  /// The industry group it belongs to (未来数字产业 …).
  package var area: String?

  package init(code: String, name: String, area: String? = nil) {
    self.code = code
    self.name = name
    self.area = area
  }
}

/// Budget limits, in 万元 (10,000 yuan).
package struct BudgetRule: Sendable, Codable, Equatable {
  /// The total R&D investment must be strictly above this (不得少于150万元（不含）).
  package var minimumTotalExclusive: Double
  /// Funding at most this share of the total.
  package var maximumFundingShare: Double
  /// Funding at most this amount.
  package var maximumFunding: Double

  package init(minimumTotalExclusive: Double, maximumFundingShare: Double, maximumFunding: Double) {
    self.minimumTotalExclusive = minimumTotalExclusive
    self.maximumFundingShare = maximumFundingShare
    self.maximumFunding = maximumFunding
  }
}

/// The project title's recommended shape.
package struct TitleRule: Sendable, Codable, Equatable {
  package var minimumLength: Int
  package var maximumLength: Int
  package var suffix: String

  package init(minimumLength: Int, maximumLength: Int, suffix: String) {
    self.minimumLength = minimumLength
    self.maximumLength = maximumLength
    self.suffix = suffix
  }
}

/// Which degrees (学历) satisfy the lead requirement, matched as substrings (博士 also covers
/// 博士研究生 and 博士后).
package struct DegreeRule: Sendable, Codable, Equatable {
  package var accepted: [String]

  package init(accepted: [String]) { self.accepted = accepted }
}

/// Submission deadlines as ISO 8601 local times with offset (e.g. 2024-01-31T23:59:59+08:00).
package struct Deadlines: Sendable, Codable, Equatable {
  package var online: String?
  package var paper: String?

  package init(online: String?, paper: String?) {
    self.online = online
    self.paper = paper
  }
}

/// The registry's and archive's status words.
package struct StatusVocabulary: Sendable, Codable, Equatable {
  /// Running projects (在研).
  package var running: [String]
  /// Funded projects of any stage (立项, 在研, 结题).
  package var funded: [String]
  /// The status a new application gets when stored (申报).
  package var submitted: String

  package init(running: [String], funded: [String], submitted: String) {
    self.running = running
    self.funded = funded
    self.submitted = submitted
  }

  package func isRunning(_ status: String?) -> Bool {
    guard let status else { return false }
    return running.contains(status.trimmingSpaces)
  }

  package func isFunded(_ status: String?) -> Bool {
    guard let status else { return false }
    return funded.contains(status.trimmingSpaces)
  }
}

/// When a verified pair counts for a similarity rule: Jaccard at least `jaccard`, or either
/// containment at least `containment` with at least `minimumSharedCharacters` shared characters,
/// or one of the copy-ratio criteria with at least `minimumSharedCharacters` characters in aligned
/// passages (docs/call-configuration.md). With `minimumPassageCharacters`,
/// shared characters count only inside aligned passages at least that long: scattered common
/// phrases are not copying, a copied section is. A pair that meets the threshold gets the rule's
/// severity; one that only meets `review` gets a warning (a review band below the threshold).
public struct SimilarityThreshold: Sendable, Codable, Equatable {
  public var jaccard: Double
  public var containment: Double
  public var minimumSharedCharacters: Int
  public var minimumPassageCharacters: Int?
  /// 文字复制比 from the other document at least this.
  public var copyRatio: Double?
  /// 单篇最大文字复制比 at least this, the other document being that largest source.
  public var largestSourceRatio: Double?
  /// 总文字复制比 (all sources, union) at least this, the other document contributing.
  public var totalCopyRatio: Double?
  /// 去除本人已发表文献复制比 at least this, the other document contributing and not the
  /// organisation's own earlier application.
  public var copyRatioExcludingOwn: Double?
  /// Lower values of the same measures: a pair meeting these but not the threshold is a warning.
  public var review: SimilarityCriteria?

  public init(
    jaccard: Double, containment: Double, minimumSharedCharacters: Int = 0,
    minimumPassageCharacters: Int? = nil, copyRatio: Double? = nil, largestSourceRatio: Double? = nil,
    totalCopyRatio: Double? = nil, copyRatioExcludingOwn: Double? = nil, review: SimilarityCriteria? = nil
  ) {
    self.jaccard = jaccard
    self.containment = containment
    self.minimumSharedCharacters = minimumSharedCharacters
    self.minimumPassageCharacters = minimumPassageCharacters
    self.copyRatio = copyRatio
    self.largestSourceRatio = largestSourceRatio
    self.totalCopyRatio = totalCopyRatio
    self.copyRatioExcludingOwn = copyRatioExcludingOwn
    self.review = review
  }

  package static let standard = SimilarityThreshold(
    jaccard: 0.5, containment: 0.6, minimumSharedCharacters: 200)

  /// The threshold's own criteria.
  package var criteria: SimilarityCriteria {
    SimilarityCriteria(
      jaccard: jaccard, containment: containment, copyRatio: copyRatio,
      largestSourceRatio: largestSourceRatio,
      totalCopyRatio: totalCopyRatio, copyRatioExcludingOwn: copyRatioExcludingOwn)
  }

  /// The pair-level test (Jaccard, containment and, once computed, the copy ratio from the other
  /// document); the search's gate uses it before any copy ratio exists.
  package func isMet(by measures: SimilarityMeasures) -> Bool {
    criteria.isMet(by: measures, application: nil, ownEarlier: false, threshold: self)
  }

  /// `.threshold` when the pair meets the threshold, `.review` when it meets only the review band.
  package func grade(_ measures: SimilarityMeasures, application: ApplicationCopyMeasures?, ownEarlier: Bool)
    -> SimilarityGrade?
  {
    if criteria.isMet(by: measures, application: application, ownEarlier: ownEarlier, threshold: self) {
      return .threshold
    }
    if let review,
      review.isMet(by: measures, application: application, ownEarlier: ownEarlier, threshold: self)
    {
      return .review
    }
    return nil
  }
}

/// How far a pair goes: at the rule's threshold (its severity) or in the review band (a warning).
package enum SimilarityGrade: Sendable, Equatable {
  case threshold
  case review
}

/// Measures and the values from which a pair counts; a measure left out is not used. Character
/// minimums come from the enclosing `SimilarityThreshold`.
public struct SimilarityCriteria: Sendable, Codable, Equatable {
  public var jaccard: Double?
  public var containment: Double?
  public var copyRatio: Double?
  public var largestSourceRatio: Double?
  public var totalCopyRatio: Double?
  public var copyRatioExcludingOwn: Double?

  public init(
    jaccard: Double? = nil, containment: Double? = nil, copyRatio: Double? = nil,
    largestSourceRatio: Double? = nil, totalCopyRatio: Double? = nil, copyRatioExcludingOwn: Double? = nil
  ) {
    self.jaccard = jaccard
    self.containment = containment
    self.copyRatio = copyRatio
    self.largestSourceRatio = largestSourceRatio
    self.totalCopyRatio = totalCopyRatio
    self.copyRatioExcludingOwn = copyRatioExcludingOwn
  }

  /// Every value given, for validation.
  var values: [(String, Double)] {
    [
      ("jaccard", jaccard), ("containment", containment), ("copyRatio", copyRatio),
      ("largestSourceRatio", largestSourceRatio), ("totalCopyRatio", totalCopyRatio),
      ("copyRatioExcludingOwn", copyRatioExcludingOwn),
    ].compactMap { name, value in value.map { (name, $0) } }
  }

  /// Met when any criterion is. Containment and the copy ratios need the pair to share at least
  /// `minimumSharedCharacters` characters (inside passages of `minimumPassageCharacters` when
  /// given; the evidence passages' copied characters count for rewritten copies); the
  /// application-level ratios need the pair to be a source of them.
  func isMet(
    by measures: SimilarityMeasures, application: ApplicationCopyMeasures?, ownEarlier: Bool,
    threshold: SimilarityThreshold
  ) -> Bool {
    if let jaccard, measures.jaccard >= jaccard { return true }
    let shared =
      threshold.minimumPassageCharacters == nil
      ? measures.sharedCharacters : (measures.passageCharacters ?? measures.sharedCharacters)
    if let containment, max(measures.queryContainment, measures.matchContainment) >= containment,
      shared >= threshold.minimumSharedCharacters
    {
      return true
    }
    guard let pairRatio = measures.copyRatio, pairRatio > 0 else { return false }
    // A copy ratio's character minimum counts copied characters, the application's characters
    // inside aligned passages (with `minimumPassageCharacters`, long passages only: a copied
    // section), never the verification's shared shingles: those also count stock phrases of a few
    // words scattered over two unrelated documents (on the paraphrase corpus 320 of 351 unrelated
    // sources reported with a 50-character minimum had fewer than 50 aligned characters). Short
    // passages the application shares with several of its sources are stock phrasing too
    // (`distinctiveCopiedCharacters`, when the check measured it).
    let copied =
      threshold.minimumPassageCharacters == nil
      ? (measures.distinctiveCopiedCharacters ?? measures.copiedCharacters ?? shared) : shared
    guard copied >= threshold.minimumSharedCharacters else { return false }
    if let copyRatio, pairRatio >= copyRatio { return true }
    guard let application else { return false }
    if let largestSourceRatio, application.largestSourceRatio >= largestSourceRatio,
      pairRatio >= application.largestSourceRatio - 1e-9
    {
      return true
    }
    if let totalCopyRatio, application.totalCopyRatio >= totalCopyRatio { return true }
    if let copyRatioExcludingOwn, !ownEarlier, application.copyRatioExcludingOwn >= copyRatioExcludingOwn {
      return true
    }
    return false
  }
}

/// No silent high overlap: an application with at least `copyRatio` of its text from one source gets
/// at least a `severity` finding (high-copy-ratio) naming that source and why it is not a violation,
/// whatever the program, year, status or organisation; the organisation's own earlier application
/// with a status in `allowedReuseStatuses` (未立项: resubmitting a rejected project) gets info.
package struct OverlapFloor: Sendable, Codable, Equatable {
  package var copyRatio: Double
  package var severity: Severity
  package var allowedReuseStatuses: [String]

  package init(copyRatio: Double, severity: Severity = .warning, allowedReuseStatuses: [String] = ["未立项"]) {
    self.copyRatio = copyRatio
    self.severity = severity
    self.allowedReuseStatuses = allowedReuseStatuses
  }

  /// 30 %: a third of an application from one document always needs a reviewer's look.
  package static let standard = OverlapFloor(copyRatio: 0.3)
}

/// A rule's severity, the notice sentence it enforces (quoted exactly) and whether it runs.
package struct RuleSetting: Sendable, Codable, Equatable {
  package var severity: Severity
  package var notice: String?
  package var enabled: Bool

  package init(severity: Severity, notice: String?, enabled: Bool = true) {
    self.severity = severity
    self.notice = notice
    self.enabled = enabled
  }

  private enum CodingKeys: String, CodingKey { case severity, notice, enabled }

  package init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    severity = try container.decode(Severity.self, forKey: .severity)
    notice = try container.decodeIfPresent(String.self, forKey: .notice)
    enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
  }
}

enum ProgramName {
  /// Drops spaces, brackets and the 市/南通市 prefixes so 「市科技成果转化专项」 and
  /// 「南通市科技成果转化专项」 compare equal.
  static func normalize(_ name: String) -> String {
    var text = String(name.unicodeScalars.filter { !" \t\u{3000}“”\"《》".unicodeScalars.contains($0) })
    for prefix in ["南通市", "市级", "市"] where text.hasPrefix(prefix) {
      text = String(text.dropFirst(prefix.count))
      break
    }
    return text
  }
}

extension String {
  var trimmingSpaces: String {
    let spaces: Set<Character> = [" ", "\t", "\n", "\r", "\u{3000}", "\u{A0}"]
    var slice = Substring(self)
    while let first = slice.first, spaces.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, spaces.contains(last) { slice = slice.dropLast() }
    return String(slice)
  }
}

import ChachongModel

/// Where a related document lives.
public enum RelatedSource: String, Sendable, Codable {
  case batch
  case archive
  case registry
}

/// A document or registry entry a finding points to, with the similarity evidence when the rule
/// is a similarity rule.
public struct RelatedDocument: Sendable, Codable, Equatable {
  public var id: String
  public var source: RelatedSource
  public var program: String?
  public var year: Int?
  public var status: String?
  public var title: String?
  public var organisation: String?
  public var creditCode: String?
  public var lead: String?
  public var leadIDMasked: String?
  public var jaccard: Double?
  public var queryContainment: Double?
  public var matchContainment: Double?
  public var sharedCharacters: Int?
  /// Characters of the application inside the aligned passages.
  public var passageCharacters: Int?
  /// 文字复制比 from this document: share of the application's counted characters (template, common
  /// and call text excluded) inside the passages shared with it.
  public var copyRatio: Double?
  /// Passages by how they matched (identical, minorChanges, rewritten), when classified.
  public var passageKinds: [String: Int]?
  public var passages: [EvidencePassage]?

  public init(
    id: String, source: RelatedSource, program: String? = nil, year: Int? = nil, status: String? = nil,
    title: String? = nil, organisation: String? = nil, creditCode: String? = nil, lead: String? = nil,
    leadIDMasked: String? = nil, measures: SimilarityMeasures? = nil, passages: [EvidencePassage]? = nil
  ) {
    self.id = id
    self.source = source
    self.program = program
    self.year = year
    self.status = status
    self.title = title
    self.organisation = organisation
    self.creditCode = creditCode
    self.lead = lead
    self.leadIDMasked = leadIDMasked
    self.jaccard = measures?.jaccard
    self.queryContainment = measures?.queryContainment
    self.matchContainment = measures?.matchContainment
    self.sharedCharacters = measures?.sharedCharacters
    self.passageCharacters = measures?.passageCharacters
    self.copyRatio = measures?.copyRatio
    self.passages = passages
    let kinds = (passages ?? []).compactMap(\.kind)
    if !kinds.isEmpty {
      passageKinds = Dictionary(kinds.map { ($0.rawValue, 1) }, uniquingKeysWith: +)
    }
  }
}

/// One broken rule of one application.
package struct Finding: Sendable, Codable, Equatable {
  package var rule: RuleID
  package var severity: Severity
  package var message: LocalizedText
  /// The notice sentence the rule enforces, quoted exactly.
  package var notice: String?
  package var related: [RelatedDocument]

  package init(
    rule: RuleID, severity: Severity, message: LocalizedText, notice: String?, related: [RelatedDocument] = []
  ) {
    self.rule = rule
    self.severity = severity
    self.message = message
    self.notice = notice
    self.related = related
  }
}

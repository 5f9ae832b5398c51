/// How many applications each recommending unit (推荐单位) may recommend, and which applicants
/// are not counted (universities and research institutes).
package struct QuotaRule: Sendable, Codable, Equatable {
  /// The limit of a unit no class names (各县（市、区）、开发区科技局: 6).
  package var defaultLimit: Int
  /// Units with their own limit, matched in order.
  package var classes: [QuotaClass]
  /// Applicants outside every quota; also not enterprises for one-per-enterprise.
  package var exempt: QuotaExemption

  package init(defaultLimit: Int, classes: [QuotaClass], exempt: QuotaExemption) {
    self.defaultLimit = defaultLimit
    self.classes = classes
    self.exempt = exempt
  }

  /// The class a recommending unit falls in, or nil for the default class.
  package func quotaClass(forUnit unit: String) -> QuotaClass? {
    let key = unit.trimmingSpaces
    guard !key.isEmpty else { return nil }
    return classes.first { quotaClass in
      (quotaClass.units + quotaClass.aliases).contains { !$0.isEmpty && key.contains($0) }
    }
  }

  /// The limit for a unit.
  package func limit(forUnit unit: String) -> Int {
    quotaClass(forUnit: unit)?.limit ?? defaultLimit
  }
}

/// A group of recommending units sharing a limit.
package struct QuotaClass: Sendable, Codable, Equatable {
  package var name: String
  package var limit: Int
  /// Official unit names.
  package var units: [String]
  /// Short names found inside unit names (苏锡通, 通州湾, 创新区).
  package var aliases: [String]

  package init(name: String, limit: Int, units: [String], aliases: [String] = []) {
    self.name = name
    self.limit = limit
    self.units = units
    self.aliases = aliases
  }
}

/// Who is not counted against a quota: by the manifest's 申报企业类型, or by the applicant's
/// name (大学, 研究所 …) unless the name marks a company (公司): 「XX研究院有限公司」 is an enterprise.
package struct QuotaExemption: Sendable, Codable, Equatable {
  package var enterpriseTypes: [String]
  package var nameKeywords: [String]
  package var nameExclusions: [String]

  package init(enterpriseTypes: [String], nameKeywords: [String], nameExclusions: [String]) {
    self.enterpriseTypes = enterpriseTypes
    self.nameKeywords = nameKeywords
    self.nameExclusions = nameExclusions
  }

  package func isExempt(enterpriseType: String?, organisation: String?) -> Bool {
    if let type = enterpriseType?.trimmingSpaces, !type.isEmpty,
      enterpriseTypes.contains(where: { type.contains($0) })
    {
      return true
    }
    guard let name = organisation?.trimmingSpaces, !name.isEmpty else { return false }
    if nameExclusions.contains(where: { name.contains($0) }) { return false }
    return nameKeywords.contains { name.contains($0) }
  }
}

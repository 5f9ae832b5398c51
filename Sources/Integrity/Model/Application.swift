import ChachongModel

/// Where a field's value came from.
package enum FieldSource: String, Sendable, Codable {
  case manifest
  case form
}

/// A field as the manifest and the document's own form give it.
package struct ApplicationField: Sendable, Codable, Equatable {
  package var manifest: String?
  package var form: String?

  package init(manifest: String? = nil, form: String? = nil) {
    self.manifest = manifest.flatMap(ApplicationField.nonEmpty)
    self.form = form.flatMap(ApplicationField.nonEmpty)
  }

  /// The manifest wins: it is what the recommending unit vouched for.
  package var value: String? { manifest ?? form }
  package var source: FieldSource? { manifest != nil ? .manifest : (form != nil ? .form : nil) }

  static func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmingSpaces
    return trimmed.isEmpty ? nil : trimmed
  }
}

/// Canonical field names shared by manifests and forms (the same words as DocumentText's
/// `FieldName`, plus manifest-only ones).
package enum ApplicationFieldName {
  package static let title = "项目名称"
  package static let organisation = "申报单位"
  package static let creditCode = "统一社会信用代码"
  package static let county = "所在县（市）"
  package static let enterpriseType = "申报企业类型"
  package static let guideCode = "指南编号"
  package static let lead = "项目负责人"
  package static let leadID = "身份证号"
  package static let degree = "学历"
  package static let totalBudget = "研发总投入"
  package static let requestedFunding = "申请资助"
  package static let recommendingUnit = "推荐单位"
}

/// One application of the batch: its fields from the manifest and from its form.
package struct Application: Sendable, Codable, Equatable {
  /// 网上申报编号, or the file name without extension.
  package var id: String
  package var file: String
  /// The program and year it applies to (normally the call's).
  package var program: String?
  package var year: Int?
  package var fields: [String: ApplicationField]
  /// Online submission time as written in the manifest.
  package var submittedAt: String?
  /// Paper submission time as written in the manifest.
  package var paperSubmittedAt: String?
  /// Differences between the paper and the online version, when both were given.
  package var paperDifferences: [String]?

  package init(
    id: String, file: String, program: String? = nil, year: Int? = nil,
    fields: [String: ApplicationField] = [:],
    submittedAt: String? = nil, paperSubmittedAt: String? = nil, paperDifferences: [String]? = nil
  ) {
    self.id = id
    self.file = file
    self.program = program
    self.year = year
    self.fields = fields
    self.submittedAt = submittedAt
    self.paperSubmittedAt = paperSubmittedAt
    self.paperDifferences = paperDifferences
  }

  package func field(_ name: String) -> ApplicationField { fields[name] ?? ApplicationField() }
  package func value(_ name: String) -> String? { fields[name]?.value }

  package var title: String? { value(ApplicationFieldName.title) }
  package var organisation: String? { value(ApplicationFieldName.organisation) }
  package var creditCode: String? { value(ApplicationFieldName.creditCode) }
  package var lead: String? { value(ApplicationFieldName.lead) }
  package var leadID: String? { value(ApplicationFieldName.leadID) }
  package var recommendingUnit: String? {
    value(ApplicationFieldName.recommendingUnit) ?? value(ApplicationFieldName.county)
  }
  package var enterpriseType: String? { value(ApplicationFieldName.enterpriseType) }

  /// The lead's ID number masked (`3206**********123X`), never the number itself.
  package var leadIDMasked: String? { leadID.map(IdentityKey.mask) }
}

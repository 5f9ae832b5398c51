import ChachongModel

/// Where a field's value came from.
public enum FieldSource: String, Sendable, Codable {
  case manifest
  case form
}

/// A field as the manifest and the document's own form give it.
public struct ApplicationField: Sendable, Codable, Equatable {
  public var manifest: String?
  public var form: String?

  public init(manifest: String? = nil, form: String? = nil) {
    self.manifest = manifest.flatMap(ApplicationField.nonEmpty)
    self.form = form.flatMap(ApplicationField.nonEmpty)
  }

  /// The manifest wins: it is what the recommending unit vouched for.
  public var value: String? { manifest ?? form }
  public var source: FieldSource? { manifest != nil ? .manifest : (form != nil ? .form : nil) }

  static func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmingSpaces
    return trimmed.isEmpty ? nil : trimmed
  }
}

/// Canonical field names shared by manifests and forms (the same words as DocumentText's
/// `FieldName`, plus manifest-only ones).
public enum ApplicationFieldName {
  public static let title = "项目名称"
  public static let organisation = "申报单位"
  public static let creditCode = "统一社会信用代码"
  public static let county = "所在县（市）"
  public static let enterpriseType = "申报企业类型"
  public static let guideCode = "指南编号"
  public static let lead = "项目负责人"
  public static let leadID = "身份证号"
  public static let degree = "学历"
  public static let totalBudget = "研发总投入"
  public static let requestedFunding = "申请资助"
  public static let recommendingUnit = "推荐单位"
}

/// One application of the batch: its fields from the manifest and from its form.
public struct Application: Sendable, Codable, Equatable {
  /// 网上申报编号, or the file name without extension.
  public var id: String
  public var file: String
  /// The program and year it applies to (normally the call's).
  public var program: String?
  public var year: Int?
  public var fields: [String: ApplicationField]
  /// Online submission time as written in the manifest.
  public var submittedAt: String?
  /// Paper submission time as written in the manifest.
  public var paperSubmittedAt: String?
  /// Differences between the paper and the online version, when both were given.
  public var paperDifferences: [String]?

  public init(
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

  public func field(_ name: String) -> ApplicationField { fields[name] ?? ApplicationField() }
  public func value(_ name: String) -> String? { fields[name]?.value }

  public var title: String? { value(ApplicationFieldName.title) }
  public var organisation: String? { value(ApplicationFieldName.organisation) }
  public var creditCode: String? { value(ApplicationFieldName.creditCode) }
  public var lead: String? { value(ApplicationFieldName.lead) }
  public var leadID: String? { value(ApplicationFieldName.leadID) }
  public var recommendingUnit: String? {
    value(ApplicationFieldName.recommendingUnit) ?? value(ApplicationFieldName.county)
  }
  public var enterpriseType: String? { value(ApplicationFieldName.enterpriseType) }

  /// The lead's ID number masked (`3206**********123X`), never the number itself.
  public var leadIDMasked: String? { leadID.map(IdentityKey.mask) }
}

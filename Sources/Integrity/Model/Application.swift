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

  package var title: String? { value(FormFieldName.title) }
  package var organisation: String? { value(FormFieldName.organisation) }
  package var creditCode: String? { value(FormFieldName.creditCode) }
  package var lead: String? { value(FormFieldName.lead) }
  package var leadID: String? { value(FormFieldName.leadID) }
  package var recommendingUnit: String? {
    value(FormFieldName.recommendingUnit) ?? value(FormFieldName.county)
  }
  package var enterpriseType: String? { value(FormFieldName.enterpriseType) }

  /// The lead's ID number masked (`3206**********123X`), never the number itself.
  package var leadIDMasked: String? { leadID.map(IdentityKey.mask) }
}

import ChachongModel
import Foundation
import Integrity
import Matching

/// What differs between the online (A) and the paper (B) version of one application, from
/// Matching's `VersionComparer`: form fields, then inserted, deleted and changed text in document
/// order with its section. ID numbers are shown masked.
enum VersionDifferences {
  static let maximumListed = 20
  static let excerptLength = 30

  struct Version {
    var text: String
    var sections: [(title: String, start: Int, end: Int)]
    var fields: [String: String]
    var isOCR = false
    var hasFormFields = true
    var bodyEnd: Int?
  }

  static func differences(online: Version, paper: Version) -> [String] {
    let comparison = VersionComparer().compare(document(online), document(paper))
    guard !comparison.identical else { return [] }
    var lines = comparison.differences.map(describe)
    if lines.count > maximumListed {
      let total = lines.count
      lines = Array(lines.prefix(maximumListed)) + ["……共\(total)处"]
    }
    return lines
  }

  static func document(_ version: Version) -> VersionDocument {
    VersionDocument(
      text: version.text,
      sections: version.sections.map { TextSection(title: $0.title, start: $0.start, end: $0.end) },
      fields: version.fields.keys.sorted().compactMap { name in
        version.fields[name].map { VersionField(name: name, value: $0) }
      }, isOCR: version.isOCR, hasFormFields: version.hasFormFields,
      bodyEnd: version.bodyEnd)
  }

  /// The difference with ID numbers masked: the lead's ID field as `3206**********123X`, any ID
  /// number inside other values and texts likewise.
  static func masked(_ difference: VersionDifference) -> VersionDifference {
    var copy = difference
    let maskValue: (String?) -> String? = { value in
      value.map {
        difference.field == FormFieldName.leadID
          ? IdentityKey.mask($0) : IdentityKey.maskingIDNumbers(in: $0)
      }
    }
    copy.valueA = maskValue(difference.valueA)
    copy.valueB = maskValue(difference.valueB)
    copy.textA = difference.textA.map(IdentityKey.maskingIDNumbers)
    copy.textB = difference.textB.map(IdentityKey.maskingIDNumbers)
    return copy
  }

  static func describe(_ difference: VersionDifference) -> String {
    let masked: (String?) -> String = { value in
      guard let value, !value.isEmpty else { return "—" }
      return difference.field == FormFieldName.leadID ? IdentityKey.mask(value) : excerpt(value)
    }
    let section = (difference.sectionA ?? difference.sectionB).flatMap { $0.isEmpty ? nil : "〔\($0)〕" } ?? ""
    switch difference.kind {
    case .fieldChanged, .fieldOnlyInA, .fieldOnlyInB:
      return "\(difference.field ?? "—")：网上「\(masked(difference.valueA))」，纸质「\(masked(difference.valueB))」"
    case .inserted:
      return "\(section)仅纸质版有：「\(excerpt(difference.textB ?? ""))」"
    case .deleted:
      return "\(section)仅网上版有：「\(excerpt(difference.textA ?? ""))」"
    case .changed:
      return "\(section)网上「\(excerpt(difference.textA ?? ""))」，纸质「\(excerpt(difference.textB ?? ""))」"
    }
  }

  static func excerpt(_ text: String) -> String {
    let trimmed = IdentityKey.maskingIDNumbers(in: text.trimmingCharacters(in: .whitespacesAndNewlines))
    return trimmed.count <= excerptLength ? trimmed : String(trimmed.prefix(excerptLength)) + "…"
  }
}

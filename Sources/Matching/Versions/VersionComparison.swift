/// The result of comparing two versions (`compare A B --versions`). JSON names are fixed:
/// `identical` and `differences`.
package struct VersionComparison: Sendable, Codable, Equatable {
  /// True when the texts (after normalisation) and the form fields are the same.
  package var identical: Bool
  /// Form-field differences first (in A's field order, then fields only B has), then text
  /// differences in document order.
  package var differences: [VersionDifference]
  /// When a version was read by OCR: text differences that look like recognition errors
  /// (``OCRTolerance``), listed so that nothing is hidden but not counted as differences; nil when
  /// neither version is OCR text.
  package var ocrNoise: [VersionDifference]?

  package init(identical: Bool, differences: [VersionDifference], ocrNoise: [VersionDifference]? = nil) {
    self.identical = identical
    self.differences = differences
    self.ocrNoise = ocrNoise
  }
}

/// One difference between version A and version B.
///
/// Text differences give offsets in both extracted texts (Unicode scalars, half-open): an
/// `inserted` passage is empty in A (`aStart == aEnd`, the place it would go) and a `deleted` one is
/// empty in B.
public struct VersionDifference: Sendable, Codable, Equatable {
  public enum Kind: String, Sendable, Codable {
    /// The field is in both with different values.
    case fieldChanged = "field-changed"
    /// The field is only in A.
    case fieldOnlyInA = "field-only-in-a"
    /// The field is only in B.
    case fieldOnlyInB = "field-only-in-b"
    /// Text in B that A lacks.
    case inserted
    /// Text in A that B lacks.
    case deleted
    /// Text that differs between A and B.
    case changed
  }

  public var kind: Kind
  public var field: String?
  public var valueA: String?
  public var valueB: String?
  public var aStart: Int?
  public var aEnd: Int?
  public var bStart: Int?
  public var bEnd: Int?
  public var sectionA: String?
  public var sectionB: String?
  public var textA: String?
  public var textB: String?

  public init(
    kind: Kind, field: String? = nil, valueA: String? = nil, valueB: String? = nil, aStart: Int? = nil,
    aEnd: Int? = nil, bStart: Int? = nil, bEnd: Int? = nil, sectionA: String? = nil, sectionB: String? = nil,
    textA: String? = nil, textB: String? = nil
  ) {
    self.kind = kind
    self.field = field
    self.valueA = valueA
    self.valueB = valueB
    self.aStart = aStart
    self.aEnd = aEnd
    self.bStart = bStart
    self.bEnd = bEnd
    self.sectionA = sectionA
    self.sectionB = sectionB
    self.textA = textA
    self.textB = textB
  }
}

import ChachongModel

/// One version of an application for `VersionComparer`: its extracted text, sections and form
/// fields (`TextLayout.text`, `TextLayout.sections`, `ExtractedDocument.formFields`).
package struct VersionDocument: Sendable, Equatable {
  package var text: String
  package var sections: [TextSection]
  package var fields: [VersionField]
  /// The text was read by OCR from a scan: differences that look like recognition errors are
  /// reported apart (``VersionComparison/ocrNoise``), never among the differences.
  package var isOCR: Bool
  /// False for formats without form structure (PDF, scans): their fields cannot be missing, so
  /// only fields both versions have are compared (the form's text is compared with the text).
  package var hasFormFields: Bool
  /// Where the body ends in `text` (headers, footers and notes follow it), when known. Against a
  /// version without form structure (a PDF, whose reader removes running headers and footers)
  /// only the body is compared.
  package var bodyEnd: Int?

  package init(
    text: String, sections: [TextSection] = [], fields: [VersionField] = [], isOCR: Bool = false,
    hasFormFields: Bool = true, bodyEnd: Int? = nil
  ) {
    self.bodyEnd = bodyEnd
    self.text = text
    self.sections = sections
    self.fields = fields
    self.isOCR = isOCR
    self.hasFormFields = hasFormFields
  }

  /// The body only (``bodyEnd``).
  var body: VersionDocument {
    guard let bodyEnd, bodyEnd < text.unicodeScalars.count else { return self }
    var copy = self
    copy.text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(bodyEnd)))
    return copy
  }
}

/// A form field by name (`FormField.name`, e.g. 项目名称) and its value.
package struct VersionField: Sendable, Codable, Equatable {
  package var name: String
  package var value: String

  package init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

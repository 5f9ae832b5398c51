import ChachongModel

/// One version of an application for `VersionComparer`: its extracted text, sections and form
/// fields (`TextLayout.text`, `TextLayout.sections`, `ExtractedDocument.formFields`).
public struct VersionDocument: Sendable, Equatable {
  public var text: String
  public var sections: [TextSection]
  public var fields: [VersionField]

  public init(text: String, sections: [TextSection] = [], fields: [VersionField] = []) {
    self.text = text
    self.sections = sections
    self.fields = fields
  }
}

/// A form field by name (`FormField.name`, e.g. 项目名称) and its value.
public struct VersionField: Sendable, Codable, Equatable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// One OPC relationship (`<Relationship Id Type Target TargetMode/>`).
struct Relationship: Sendable, Equatable {
  var id: String
  var type: String
  var target: String
  var isExternal: Bool

  /// The last path segment of the relationship type (`officeDocument`, `header`, `styles`…), the same
  /// in Transitional and Strict.
  var typeName: Substring {
    type.split(separator: "/").last ?? ""
  }

  static let officeDocumentTypes: Set<String> = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
  ]

  var isOfficeDocument: Bool { Self.officeDocumentTypes.contains(type) }
}

/// A paragraph style from `styles.xml` (or the inline `w:styles` of Word 2003 XML).
struct StyleDefinition: Sendable, Equatable {
  var id: String
  var name: String?
  var basedOn: String?
  var outlineLevel: Int?
}

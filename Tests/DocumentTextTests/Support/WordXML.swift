/// Small WordprocessingML documents written in the tests.
enum WordXML {
  static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  static let strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"

  /// A `w:document` whose body is `body`, with the usual namespaces declared.
  static func document(_ body: String, namespace: String = main) -> [UInt8] {
    Array(
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:document xmlns:w="\(namespace)" \
      xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
      xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" \
      xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" \
      mc:Ignorable="w14"><w:body>\(body)</w:body></w:document>
      """.utf8)
  }

  static func paragraph(_ text: String, style: String? = nil) -> String {
    let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
    return "<w:p>\(properties)<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
  }

  static func part(_ root: String, _ content: String) -> [UInt8] {
    Array(
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:\(root) xmlns:w="\(main)">\(content)</w:\(root)>
      """.utf8)
  }

  static func relationships(_ entries: [(id: String, type: String, target: String)]) -> [UInt8] {
    let items = entries.map {
      "<Relationship Id=\"\($0.id)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/\($0.type)\" Target=\"\($0.target)\"/>"
    }
    return Array(
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      \(items.joined())</Relationships>
      """.utf8)
  }
}

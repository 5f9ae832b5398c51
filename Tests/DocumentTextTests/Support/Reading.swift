@testable import DocumentText

/// Reads a bare document.xml and returns the main part's paragraphs in layout order.
func mainParagraphs(_ xml: [UInt8]) throws -> [String] {
  let document = try DocumentReader().read(data: xml, name: "document.xml")
  return TextLayout(document).paragraphs.filter { $0.part == .main }.map(\.text)
}

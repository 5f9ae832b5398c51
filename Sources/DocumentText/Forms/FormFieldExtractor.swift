/// Extracts the named fields of the application form (科技项目综合信息表, cover) from a read
/// document. Pure: the same parts always give the same fields.
///
/// Fields come from label/value cells of tables anywhere in the document (see
/// `FormTableScanner`) and from `label：value` lines in plain paragraphs near the start of the
/// main part (text applications). Label variants map to one canonical name (`FieldName`); the
/// first non-empty value of each field wins; values are trimmed and otherwise kept as written
/// (units such as `万元` stay; a unit in the label, `研发总投入（万元）`, is not part of the value).
package enum FormFieldExtractor {
  /// Paragraph lines are read only among the first paragraphs of the main part: a cover page.
  static let leadingParagraphLimit = 80

  package static func extract(from parts: [DocumentPart]) -> [FormField] {
    var collector = FieldCollector()
    for part in parts {
      var paragraphsSeen = 0
      var linesOpen = part.kind == .main
      for block in part.blocks {
        switch block {
        case .table(let table):
          FormTableScanner.scan(table, into: &collector)
        case .paragraph(let paragraph):
          guard linesOpen else { continue }
          paragraphsSeen += 1
          let found = collector.count
          for line in paragraph.text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            for pair in LabeledLineParser.pairs(in: String(line)) {
              collector.offer(label: pair.label, value: pair.value)
            }
          }
          // The cover ends at the first heading after some field was found (`一、立项依据`).
          let endsCover = paragraph.isHeading && found > 0 && collector.count == found
          if endsCover || paragraphsSeen >= leadingParagraphLimit { linesOpen = false }
        }
      }
    }
    return collector.fields
  }
}

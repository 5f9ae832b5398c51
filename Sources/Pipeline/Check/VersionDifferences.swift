import Foundation
import Integrity

/// What differs between the paper and the online version of one application: form fields, then
/// paragraphs present in only one of them (in document order). ID numbers are shown masked.
enum VersionDifferences {
  static let maximumListed = 20

  static func differences(
    online: (text: String, fields: [String: String]), paper: (text: String, fields: [String: String])
  ) -> [String] {
    var differences: [String] = []
    for name in Set(online.fields.keys).union(paper.fields.keys).sorted() {
      let left = online.fields[name]
      let right = paper.fields[name]
      guard left.map(IdentityText.normalize) != right.map(IdentityText.normalize) else { continue }
      let show: (String?) -> String = { value in
        guard let value else { return "—" }
        return name == ApplicationFieldName.leadID ? IdentityText.mask(value) : value
      }
      differences.append("\(name)：网上「\(show(left))」，纸质「\(show(right))」")
    }
    let onlineParagraphs = paragraphs(online.text)
    let paperParagraphs = paragraphs(paper.text)
    var paperCounts: [String: Int] = [:]
    for paragraph in paperParagraphs { paperCounts[paragraph, default: 0] += 1 }
    var onlineCounts: [String: Int] = [:]
    for paragraph in onlineParagraphs { onlineCounts[paragraph, default: 0] += 1 }
    var remainingPaper = paperCounts
    for paragraph in onlineParagraphs {
      if let count = remainingPaper[paragraph], count > 0 {
        remainingPaper[paragraph] = count - 1
      } else {
        differences.append("仅网上版有：「\(excerpt(paragraph))」")
      }
    }
    var remainingOnline = onlineCounts
    for paragraph in paperParagraphs {
      if let count = remainingOnline[paragraph], count > 0 {
        remainingOnline[paragraph] = count - 1
      } else {
        differences.append("仅纸质版有：「\(excerpt(paragraph))」")
      }
    }
    if differences.count > maximumListed {
      let total = differences.count
      differences = Array(differences.prefix(maximumListed)) + ["……共\(total)处"]
    }
    return differences
  }

  static func paragraphs(_ text: String) -> [String] {
    text.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  static func excerpt(_ paragraph: String) -> String {
    paragraph.count <= 30 ? paragraph : String(paragraph.prefix(30)) + "…"
  }
}

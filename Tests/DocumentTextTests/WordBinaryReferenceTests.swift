import Foundation
import Testing

@testable import DocumentText

/// The `.doc` reader against references nobody here wrote: node-word-extractor's snapshots of its
/// own test files, and the `.docx` siblings of the NSFC templates (the same documents saved by Word).
struct WordBinaryReferenceTests {
  /// The stories node-word-extractor snapshots, taken from our parts.
  static func stories(_ document: ExtractedDocument) -> [String: String] {
    let layout = TextLayout(document)
    var stories: [String: [String]] = [:]
    for paragraph in layout.paragraphs {
      let story: String? =
        switch paragraph.part {
        case .main: "body"
        case .footnotes: "footnotes"
        case .endnotes: "endnotes"
        case .textBoxes: paragraph.partName == "header-textboxes" ? "headerTextboxes" : "textboxes"
        default: nil
        }
      if let story { stories[story, default: []].append(paragraph.text) }
    }
    return stories.mapValues { $0.joined(separator: "\n") }
  }

  /// node-word-extractor's own filter (curly quotes and dashes to ASCII, its default), then
  /// whitespace runs to one space: its output separates cells with tabs and rows with newlines,
  /// ours keeps cells as paragraphs.
  static func normalised(_ text: String) -> String {
    let filter: [Character: String] = [
      "\u{2002}": " ", "\u{2003}": " ", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2018}": "'",
      "\u{2019}": "'", "\u{201C}": "\"", "\u{201D}": "\"",
    ]
    let filtered = text.map { filter[$0] ?? String($0) }.joined()
    return filtered.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  struct Agreement {
    var compared = 0
    var equal = 0
    var disagreements: [String] = []
  }

  static func agreement(files: [(path: String, expected: [String: String])]) throws -> Agreement {
    var result = Agreement()
    let reader = DocumentReader()
    for (path, expected) in files {
      let got = stories(try reader.read(path: path))
      for story in ["body", "footnotes", "endnotes", "textboxes", "headerTextboxes"] {
        let want = normalised(expected[story] ?? "")
        let have = normalised(got[story] ?? "")
        if want.isEmpty && have.isEmpty { continue }
        result.compared += 1
        if want == have {
          result.equal += 1
        } else {
          result.disagreements.append("\((path as NSString).lastPathComponent) \(story)")
        }
      }
    }
    return result
  }

  static func expected(_ url: URL) throws -> [String: [String: String?]] {
    try JSONDecoder().decode([String: [String: String?]].self, from: Data(contentsOf: url))
  }

  @Test func nodeWordExtractorSnapshotsAgreeOnTheCommittedFiles() throws {
    let table = try Self.expected(URL(fileURLWithPath: Fixtures.path("doc/word-extractor-expected.json")))
    let files = table.keys.sorted().map { name in
      (Fixtures.path("doc/\(name)"), table[name, default: [:]].compactMapValues { $0 })
    }
    #expect(files.count == 15)
    let agreement = try Self.agreement(files: files)
    #expect(agreement.compared >= 20)
    #expect(Double(agreement.equal) >= 0.95 * Double(agreement.compared), "\(agreement.disagreements)")
  }

  static let sharedCorpora = URL(fileURLWithPath: "/work/shared/corpora")
  static let sharedCorporaExist = FileManager.default.fileExists(
    atPath: sharedCorpora.appendingPathComponent("docx/node-word-extractor/expected-snapshots").path)

  /// All 19 snapshotted files, where the shared corpora are on this machine (test18/19 are 0.5 and
  /// 1 MB, test10/12 mostly pictures: not committed).
  @Test(.enabled(if: sharedCorporaExist, "needs /work/shared/corpora"))
  func nodeWordExtractorSnapshotsAgreeOnAllItsFiles() throws {
    let folder = Self.sharedCorpora.appendingPathComponent("docx/node-word-extractor")
    let table = try Self.expected(folder.appendingPathComponent("expected-snapshots/expected_text.json"))
    let files = table.keys.sorted().map { name in
      (folder.appendingPathComponent(name).path, table[name, default: [:]].compactMapValues { $0 })
    }
    #expect(files.count == 19)
    let agreement = try Self.agreement(files: files)
    #expect(Double(agreement.equal) >= 0.95 * Double(agreement.compared), "\(agreement.disagreements)")
  }

  @Test(arguments: ["general", "local", "young"])
  func nsfcTemplatesReadAsTheirDocxSiblings(name: String) throws {
    let reader = DocumentReader()
    let doc = try reader.read(path: Fixtures.path("doc/nsfc-2026-\(name).doc"))
    let docx = try reader.read(path: Fixtures.path("doc/nsfc-2026-\(name).docx"))
    let docLayout = TextLayout(doc)
    let docxLayout = TextLayout(docx)
    #expect(doc.format == .doc)
    #expect(docLayout.text == docxLayout.text)
    #expect(docLayout.sections.map(\.title) == docxLayout.sections.map(\.title))
    #expect(docLayout.sections.count >= 4)
    #expect(doc.formFields == docx.formFields)
  }

  /// Rows, cells and horizontal spans (from sprmTDefTable's cell boundaries) are those Word wrote
  /// into the `.docx` it saved from the same document (29 merged cells in 9 tables).
  @Test func tablesHaveTheShapeOfTheDocxSibling() throws {
    func shapes(_ blocks: [Block]) -> [[[Int]]] {
      blocks.flatMap { block -> [[[Int]]] in
        guard case .table(let table) = block else { return [] }
        let nested = table.rows.flatMap { $0.flatMap { shapes($0.blocks) } }
        return [table.rows.map { $0.map(\.gridSpan) }] + nested
      }
    }
    let reader = DocumentReader()
    let doc = try reader.read(path: Fixtures.path("doc/word-extractor-test07.doc"))
    let docx = try reader.read(path: Fixtures.path("doc/word-extractor-test07.docx"))
    let docShapes = shapes(doc.parts[0].blocks)
    #expect(docShapes.count == 9)
    #expect(docShapes.joined().joined().filter { $0 > 1 }.count == 29)
    #expect(docShapes == shapes(docx.parts[0].blocks))
  }

  /// Every `.doc` of the shared corpora (30 files) reads or fails with a typed error, each in
  /// well under the time a hang would take.
  @Test(.enabled(if: sharedCorporaExist, "needs /work/shared/corpora"))
  func everySharedDocReadsOrIsRefusedWithAReason() throws {
    let enumerator = FileManager.default.enumerator(atPath: Self.sharedCorpora.path)
    var paths: [String] = []
    while let relative = enumerator?.nextObject() as? String {
      if relative.lowercased().hasSuffix(".doc") {
        paths.append(Self.sharedCorpora.appendingPathComponent(relative).path)
      }
    }
    #expect(paths.count == 30)
    var read = 0
    var refused: [String: String] = [:]
    for path in paths.sorted() {
      let start = Date()
      do {
        let document = try DocumentReader().read(path: path)
        #expect(!TextLayout(document).text.isEmpty, "\(path)")
        read += 1
      } catch {
        refused[(path as NSString).lastPathComponent] = error.kind
      }
      #expect(Date().timeIntervalSince(start) < 10, "\(path)")
    }
    // The Word lock file (~$…, 162 bytes) and node-word-extractor's deliberately broken header.
    #expect(read == 28)
    #expect(
      refused == [
        "NSFC_General_template_~$26年最新word模板-1.面上项目-正文.doc": "unknownFormat",
        "badfile-01-bad-header.doc": "corruptCompoundFile",
      ])
  }
}

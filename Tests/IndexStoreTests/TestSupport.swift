import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import IndexStore

/// A fresh temporary directory for one test's index.
func temporaryIndexDirectory(_ name: String = #function) -> String {
  let base = FileManager.default.temporaryDirectory.appendingPathComponent(
    "chachong-index-tests-\(ProcessInfo.processInfo.processIdentifier)")
  let directory = base.appendingPathComponent(
    name.filter { $0.isLetter || $0.isNumber } + "-" + UUID().uuidString)
  return directory.path
}

/// Deterministic pseudo-Chinese text: `count` characters drawn from a 3,000-character range.
func syntheticText(seed: UInt64, count: Int) -> String {
  var state = seed &+ 0x9E37_79B9_7F4A_7C15
  var scalars = String.UnicodeScalarView()
  for index in 0..<count {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    let value = UInt32(0x4E00 + (state >> 33) % 3000)
    if let scalar = Unicode.Scalar(value) {
      scalars.append(scalar)
    }
    if index % 40 == 39 {
      scalars.append("。")
    }
  }
  return String(scalars)
}

func makeDocument(
  id: String, text: String, program: String? = nil, year: Int? = nil, status: String? = nil,
  parameters: IndexParameters = .standard
) -> IndexedDocument {
  let fingerprint = Fingerprinter(parameters: parameters.fingerprint).fingerprint(text)
  return IndexedDocument(
    metadata: DocumentRecord(
      id: id, program: program, year: year, status: status,
      characterCount: text.unicodeScalars.count,
      sections: [TextSection(title: "", start: 0, end: text.unicodeScalars.count)],
      extra: ["source": "test"]),
    text: text, fingerprint: fingerprint)
}

extension DocumentIndex {
  /// The shared candidate search over this index (the tests' shorthand).
  func candidates(
    for fingerprint: DocumentFingerprint, sections: [TextSection] = [], excludingID: String? = nil,
    limit: Int = 200, maximumSectionBucket: Int = CandidateSearch.maximumSectionBucket
  ) async throws -> [Candidate] {
    try await CandidateSearch(parameters: parameters).candidates(
      for: fingerprint, sections: sections, in: self, excludingID: excludingID, limit: limit,
      maximumSectionBucket: maximumSectionBucket)
  }
}

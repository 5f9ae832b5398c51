import ArchiveStore
import ChachongModel
import Fingerprints
import Integrity
import Matching

/// The passages a check report shows for its similarity findings: every (application, related
/// document) pair aligned again with the evidence parameters (`PassageAlignmentParameters
/// .standard`: passages of 13 characters or more, none across a section boundary), so that copy
/// ratios count reordered and edited copies sentence by sentence, as plagiarism reports do. The
/// rules decided on the pair's measures before (`passageCharacters` keeps the rule's count of
/// passages at least `minimumPassageCharacters` long).
enum CheckEvidencePassages {
  struct Side {
    var normalized: NormalizedText
    var shingles: [UInt64]
    var sections: [TextSection]
  }

  static func realign(
    _ results: [ApplicationFindings], batch: [PreparedDocument], texts: PreparedTexts,
    archive: any ArchiveReading, excluding: Set<UInt64>
  ) async throws -> [ApplicationFindings] {
    let parameters = archive.parameters.fingerprint
    var sides: [String: Side] = [:]
    for document in batch {
      sides[document.id] = Side(
        normalized: document.fingerprint.normalized, shingles: document.fingerprint.shingleHashes,
        sections: document.document.sections)
    }
    var archived = Set<String>()
    for result in results {
      for finding in result.findings where RuleID.similarityRules.contains(finding.rule) {
        for related in finding.related where related.passages != nil && sides[related.id] == nil {
          archived.insert(related.id)
        }
      }
    }
    let ids = archived.sorted()
    let prepared = try await texts.entries(ids: ids, from: archive)
    for record in try await archive.records(DocumentFilter(ids: ids)) {
      guard let entry = prepared[record.id] else { continue }
      sides[record.id] = Side(
        normalized: entry.normalized, shingles: entry.shingles, sections: record.sections)
    }
    return results.map { result in
      var result = result
      guard let application = sides[result.application.id] else { return result }
      for findingIndex in result.findings.indices
      where RuleID.similarityRules.contains(result.findings[findingIndex].rule) {
        for relatedIndex in result.findings[findingIndex].related.indices {
          let related = result.findings[findingIndex].related[relatedIndex]
          guard related.passages != nil, let source = sides[related.id] else { continue }
          result.findings[findingIndex].related[relatedIndex].passages = PassageAligner.align(
            query: application.normalized, queryShingles: application.shingles, source: source.normalized,
            sourceShingles: source.shingles, k: parameters.shingleSize, excluding: excluding,
            parameters: .standard, querySections: application.sections, sourceSections: source.sections
          ).map {
            EvidencePassage(
              start: $0.start, end: $0.end, sourceStart: $0.sourceStart, sourceEnd: $0.sourceEnd,
              chars: $0.chars)
          }
        }
      }
      return result
    }
  }
}

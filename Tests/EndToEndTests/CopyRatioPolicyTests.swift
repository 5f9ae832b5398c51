import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import Integrity
import Matching
import Pipeline
import Reports
import Testing

@testable import ChachongCore

/// Issue 13: decisions on the copy ratio a reviewer reads (文字复制比), not only on Jaccard and
/// containment, and no application with a large share of its text from one source passes silently.
@Suite struct CopyRatioPolicyTests {
  static let organisation = "南通第1号科技有限公司"

  /// A lightly edited copy: one character in every `every` replaced, so that 5-character shingles
  /// break (containment drops) while the aligned passages still cover the text (the copy ratio).
  static func edited(_ text: String, every: Int) -> String {
    var characters = Array(text)
    for index in stride(from: every / 2, to: characters.count, by: every) where characters[index] != "。" {
      characters[index] = characters[index] == "鑫" ? "淼" : "鑫"
    }
    return String(characters)
  }

  static let titles = ["一、立项依据", "二、研究内容", "三、实施方案"]

  /// An application text with the form's fields and three sections.
  static func application(organisation: String, sections: [String]) -> String {
    let body = zip(titles, sections).map { "\($0)\n\($1)" }.joined(separator: "\n\n")
    return """
      项目名称：面向海上风电的新型储能系统关键技术研发
      申报单位：\(organisation)
      项目负责人：王工
      学历：博士
      指南编号：3001
      研发总投入：300万元
      申请资助：100万元

      \(body)
      """
  }

  /// A batch of one application (`A1.txt`) checked against an archive of one document.
  static func check(
    application: String, archived: DocumentRecord, archivedText: String, call: NamedBytes? = nil
  ) async throws -> CheckReport {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-policy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    try application.write(to: root.appendingPathComponent("A1.txt"), atomically: true, encoding: .utf8)
    let archive = MemoryArchive()
    var archived = archived
    archived.sections = sections(of: archivedText)
    try await archive.upsert([
      try archive.preparer().prepare(
        IndexedDocument(
          metadata: archived, text: archivedText,
          fingerprint: Fingerprinter(parameters: archive.parameters.fingerprint).fingerprint(archivedText)))
    ])
    var request = try CheckFiles.request(CheckFiles.Paths(applications: [root.path]), options: CheckOptions())
    request.call = call
    return try await CheckJob(archive: archive).run(request).report
  }

  /// The section spans of a text made by `application` (what ingest finds in it).
  static func sections(of text: String) -> [TextSection] {
    let scalars = Array(text.unicodeScalars)
    func offset(of title: String) -> Int? {
      let needle = Array(title.unicodeScalars)
      guard scalars.count >= needle.count else { return nil }
      return (0...(scalars.count - needle.count)).first { Array(scalars[$0..<($0 + needle.count)]) == needle }
    }
    let starts = titles.compactMap { title in offset(of: title).map { (title, $0) } }
    return starts.enumerated().map { index, entry in
      TextSection(
        title: entry.0, start: entry.1, end: index + 1 < starts.count ? starts[index + 1].1 : scalars.count)
    }
  }

  /// The first `copied` sections (500 characters each), lightly edited (one character in 60), from a
  /// document of the enterprise; the other sections are new, `fresh` characters each. Sections stay
  /// near-verbatim so that the archive's section tables find the pair (the candidate stage is not
  /// what these tests are about).
  static func copy(sections copied: Int, fresh: Int, every: Int = 60) -> (application: String, source: String)
  {
    let sources = (0..<3).map { CheckWorld.body(seed: 7 + UInt64($0), count: $0 < copied ? 500 : fresh) }
    let new = (0..<3).map { CheckWorld.body(seed: 90 + UInt64($0), count: fresh) }
    let text = application(
      organisation: organisation,
      sections: (0..<3).map { $0 < copied ? edited(sources[$0], every: every) : new[$0] })
    return (text, application(organisation: organisation, sections: sources))
  }

  /// About two thirds of the counted text from the source, Jaccard and containment under 0.4 / 0.6.
  static func twoThirdsCopy() -> (application: String, source: String) { copy(sections: 2, fresh: 750) }

  /// The regression: an application two-thirds copied from the same enterprise's project
  /// funded two years earlier, with Jaccard and containment under previously-funded's 0.4 / 0.6,
  /// got no finding at all. Its copy ratio from that source decides now.
  @Test func twoThirdsFromOwnFundedProjectIsAFinding() async throws {
    let (text, source) = Self.twoThirdsCopy()
    let funded = DocumentRecord(
      id: "QZ2021-7", program: "前瞻性技术创新专项", year: 2021, status: "结题", organisation: Self.organisation)
    let report = try await Self.check(application: text, archived: funded, archivedText: source)
    let application = try #require(report.applications.first)
    let finding = try #require(application.findings.first { $0.rule == .previouslyFunded })
    #expect(finding.severity == .error)
    let related = try #require(finding.related.first)
    #expect(related.id == "QZ2021-7")
    // The old measures alone would not have reported it …
    #expect((related.jaccard ?? 1) < 0.4)
    #expect((related.queryContainment ?? 1) < 0.6)
    // … the share of the application's text copied from the project does.
    let ratio = try #require(related.copyRatio)
    #expect(ratio >= 0.55 && ratio <= 0.8, "copy ratio \(ratio)")
    let metrics = try #require(application.copyMetrics)
    #expect(metrics.largestSourceId == "QZ2021-7")
    #expect(abs(metrics.largestSourceRatio - ratio) < 1e-6)
    // Its own earlier work is the only source: nothing is left once it is excluded.
    #expect(metrics.copyRatioExcludingOwn == 0)
  }

  /// Allowed reuse: resubmitting one's own application rejected (未立项) in an earlier year breaks
  /// no rule; it is shown as info, never as an error or a warning.
  @Test func ownRejectedApplicationIsInfo() async throws {
    let (text, source) = Self.twoThirdsCopy()
    let rejected = DocumentRecord(
      id: "QZ2022-3", program: "前瞻性技术创新专项", year: 2022, status: "未立项", organisation: Self.organisation)
    let report = try await Self.check(application: text, archived: rejected, archivedText: source)
    let application = try #require(report.applications.first)
    let overlap = try #require(application.findings.first { $0.rule == .highCopyRatio })
    #expect(overlap.severity == .info)
    #expect(overlap.related.map(\.id) == ["QZ2022-3"])
    #expect(overlap.message.contains("QZ2022-3") && overlap.message.contains("未立项"))
    #expect(application.findings.allSatisfy { $0.severity == .info })
  }

  /// No silent high overlap: the same content sent to a provincial program this year breaks no rule
  /// of the notice (only 市级其他类型科技计划 count), but 30 % of the text from one source is a
  /// warning that names the source and says why it is not a violation.
  @Test func highOverlapWithoutViolationIsAWarning() async throws {
    let (text, source) = Self.twoThirdsCopy()
    let provincial = DocumentRecord(
      id: "SZ2023-5", program: "省重点研发计划", year: 2023, status: "申报", organisation: Self.organisation)
    let report = try await Self.check(application: text, archived: provincial, archivedText: source)
    let application = try #require(report.applications.first)
    let overlap = try #require(application.findings.first { $0.rule == .highCopyRatio })
    #expect(overlap.severity == .warning)
    #expect(overlap.related.map(\.id) == ["SZ2023-5"])
    #expect(overlap.message.contains("SZ2023-5") && overlap.message.contains("市级"))
    #expect(!application.findings.contains { $0.severity == .error })
  }

  /// Graded severity: below previously-funded's copy-ratio threshold but inside its review band,
  /// a warning of the same rule.
  @Test func reviewBandBelowTheThresholdIsAWarning() async throws {
    let (text, source) = Self.copy(sections: 1, fresh: 450, every: 200)
    let funded = DocumentRecord(
      id: "QZ2021-7", program: "前瞻性技术创新专项", year: 2021, status: "结题", organisation: Self.organisation)
    let report = try await Self.check(application: text, archived: funded, archivedText: source)
    let application = try #require(report.applications.first)
    let finding = try #require(
      application.findings.first { $0.rule == .previouslyFunded }, "\(application.copyMetrics?.sources ?? [])"
    )
    let ratio = try #require(finding.related.first?.copyRatio)
    #expect(ratio >= 0.3 && ratio < 0.4, "copy ratio \(ratio)")
    #expect(finding.severity == .warning)
    #expect(!application.findings.contains { $0.rule == .highCopyRatio })
  }
}

/// Issue 13: a rewritten copy ('降重': synonyms, reordered and merged sentences) found in check by
/// the fuzzy stage, its passages marked rewritten and pointing at the copied text on both sides.
@Suite struct RewrittenCopyCheckTests {
  @Test func rewrittenThirdIsFoundAndMarked() async throws {
    let corpus = CheckEndToEndTests.packageRoot.appendingPathComponent("Corpora/paraphrase")
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-rewritten-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    // suspicious-014: offsets 1070..<2138 are a rewritten third of source-032 (1580..<2595).
    for file in ["source-documents/source-032.txt", "suspicious-documents/suspicious-014.txt"] {
      let url = corpus.appendingPathComponent(file)
      try FileManager.default.copyItem(at: url, to: root.appendingPathComponent(url.lastPathComponent))
    }
    let request = try CheckFiles.request(CheckFiles.Paths(applications: [root.path]), options: CheckOptions())
    let report = try await CheckJob(archive: MemoryArchive()).run(request).report
    let application = try #require(report.applications.first { $0.id == "suspicious-014" })
    let finding = try #require(
      application.findings.first { $0.severity >= .warning && $0.related.contains { $0.id == "source-032" } })
    let related = try #require(finding.related.first { $0.id == "source-032" })
    let rewritten = (related.passages ?? []).filter { $0.kind == .rewritten }
    #expect(!rewritten.isEmpty)
    #expect((related.passageKinds?["rewritten"] ?? 0) == rewritten.count)
    // The rewritten passages cover most of the copied third and stay near it on both sides.
    let covered = rewritten.reduce(0) { $0 + max(0, min($1.end, 2138) - max($1.start, 1070)) }
    #expect(covered >= 800, "\(rewritten)")
    for passage in rewritten {
      // Sentence ends are coarser than the case's ends: every passage overlaps the copy, and every
      // long one on both sides (a short rewritten phrase may match the same phrase elsewhere in the
      // source, e.g. its title: real text on both sides, still evidence).
      #expect(passage.start < 2138 && passage.end > 1070, "\(passage)")
      if passage.chars >= 100 {
        #expect(passage.sourceStart < 2595 && passage.sourceEnd > 1580, "\(passage)")
      }
    }
    #expect((related.copyRatio ?? 0) >= 0.25)
    #expect((application.copyMetrics?.passageKinds?["rewritten"]?.passages ?? 0) >= 1)
  }
}

/// Issue 13: `query` runs the check's fuzzy stage (`ParaphraseChannel.needsFuzzyStage`,
/// `.withRewrittenPassages`) and reports a rewritten copy through its copy-ratio arm, each passage
/// with its kind.
@Suite struct RewrittenCopyQueryTests {
  @Test func rewrittenThirdIsFoundByQueryAndMarked() async throws {
    let corpus = CheckEndToEndTests.packageRoot.appendingPathComponent("Corpora/paraphrase")
    // Winnowed fingerprints, as the evaluation's index: a copied third is no whole-document match.
    let archive = MemoryArchive(parameters: IndexParameters(granularity: Granularity(window: 16)))
    let sourceText = try String(
      contentsOf: corpus.appendingPathComponent("source-documents/source-032.txt"), encoding: .utf8)
    try await archive.upsert([
      try archive.preparer().prepare(
        IndexedDocument(
          metadata: DocumentRecord(id: "source-032"), text: sourceText,
          fingerprint: Fingerprinter(parameters: archive.parameters.fingerprint).fingerprint(sourceText)))
    ])
    let queryText = try String(
      contentsOf: corpus.appendingPathComponent("suspicious-documents/suspicious-014.txt"), encoding: .utf8)
    // The score arms off: only the copy ratio (rewritten passages included) can report the source.
    var options = QueryJob.Options(threshold: 1, containmentThreshold: 1, sectionThreshold: 1)
    options.copyRatioThreshold = 0.2
    let withArm = try await QueryJob(store: archive, options: options).query(
      id: "suspicious-014", path: "suspicious-014.txt", text: queryText)
    let match = try #require(withArm.matches.first { $0.id == "source-032" })
    let rewritten = match.passages.filter { $0.kind == .rewritten }
    #expect(!rewritten.isEmpty)
    #expect(match.passageKinds?["rewritten"]?.passages == rewritten.count)
    #expect(withArm.passageKinds?["rewritten"]?.passages == rewritten.count)
    // suspicious-014's 1070..<2138 is the rewritten third of source-032's 1580..<2595.
    let covered = rewritten.reduce(0) { $0 + max(0, min($1.end, 2138) - max($1.start, 1070)) }
    #expect(covered >= 800, "\(rewritten)")
    #expect(match.copyRatio >= 0.2)
    // Every passage points at real text: the passage's characters on both sides exist.
    for passage in match.passages {
      #expect(
        passage.end <= queryText.unicodeScalars.count && passage.sourceEnd <= sourceText.unicodeScalars.count)
    }

    options.copyRatioThreshold = nil
    let withoutArm = try await QueryJob(store: archive, options: options).query(
      id: "suspicious-014", path: "suspicious-014.txt", text: queryText)
    #expect(withoutArm.matches.isEmpty, "the score arms alone do not report a rewritten third")
  }
}

/// Stock phrasing an application shares with several of its sources is not distinctive copying
/// (`DistinctiveCopy`).
@Suite struct DistinctiveCopyTests {
  func passage(_ start: Int, _ end: Int) -> Passage {
    Passage(start: start, end: end, sourceStart: 0, sourceEnd: 0)
  }

  @Test func shortPassagesSharedWithThreeSourcesAreStockPhrasing() {
    // Three sources share 0..<20 (a stock phrase); the first also shares 40..<70 alone, the second
    // 75..<100 alone.
    let sources = [[passage(0, 20), passage(40, 70)], [passage(0, 20), passage(75, 100)], [passage(5, 20)]]
    let coverage = DistinctiveCopy.coverage(sources, length: 100)
    #expect(coverage[0] == 2 && coverage[10] == 3 && coverage[30] == 0 && coverage[50] == 1)
    #expect(DistinctiveCopy.characters(sources[0], coverage: coverage) == 5 + 30)
    #expect(DistinctiveCopy.characters(sources[1], coverage: coverage) == 5 + 25)
    // The third shares nothing longer than 15 characters: no distinctive copy.
    #expect(DistinctiveCopy.characters(sources[2], coverage: coverage) == 0)
  }

  @Test func shortPhrasesAloneAreNoCopy() {
    // Three phrases of 20 characters, no other source: 60 aligned characters, none distinctive.
    let sources = [[passage(0, 20), passage(30, 50), passage(60, 80)]]
    let coverage = DistinctiveCopy.coverage(sources, length: 80)
    #expect(DistinctiveCopy.characters(sources[0], coverage: coverage) == 0)
    #expect(DistinctiveCopy.characters([passage(0, 25)], coverage: coverage) == 20 + 5)
  }

  @Test func longPassagesCountWhateverElseSharesThem() {
    // A copied paragraph of 150 characters held by three archived versions stays evidence.
    let sources = [[passage(0, 150)], [passage(0, 150)], [passage(0, 150)]]
    let coverage = DistinctiveCopy.coverage(sources, length: 150)
    #expect(DistinctiveCopy.characters(sources[0], coverage: coverage) == 150)
  }

  @Test func longRewrittenPassagesSharedWithThreeSourcesAreTheGenre() {
    // Three sources "rewrote" the same 150 characters (unrelated regulations' 法律责任 articles read
    // alike): a rewritten passage is a similarity, so it counts only where fewer than three cover it.
    func rewritten(_ start: Int, _ end: Int) -> Passage {
      Passage(
        start: start, end: end, sourceStart: 0, sourceEnd: end - start, chars: end - start, kind: .rewritten)
    }
    let sources = [[rewritten(0, 150)], [rewritten(0, 150)], [rewritten(30, 150)]]
    let coverage = DistinctiveCopy.coverage(sources, length: 150)
    #expect(DistinctiveCopy.characters(sources[0], coverage: coverage) == 30)
    // The same passage found as shared text (minor changes) stays evidence whatever else covers it.
    var minor = rewritten(0, 150)
    minor.kind = .minorChanges
    #expect(DistinctiveCopy.characters([minor], coverage: coverage) == 150)
  }

  @Test func overlappingPassagesOfOneSourceCountOnce() {
    let sources = [[passage(0, 30), passage(10, 40)], [passage(0, 5)]]
    let coverage = DistinctiveCopy.coverage(sources, length: 50)
    #expect(coverage[15] == 1 && coverage[2] == 2)
    #expect(DistinctiveCopy.characters(sources[0], coverage: coverage) == 40)
  }
}

/// The local half of the fuzzy stage's gate (`ParaphraseChannel.isLocalCopy`): the exact fragments a
/// small rewritten copy leaves lie together on both sides; shared text scattered over two documents
/// (one text bank) does not open it.
@Suite struct FuzzyGateTests {
  func passage(_ start: Int, _ end: Int, source: Int) -> Passage {
    Passage(start: start, end: end, sourceStart: source, sourceEnd: source + end - start)
  }

  @Test func fragmentsTogetherOnBothSidesAreALocalCopy() {
    // 14 + 18 characters 40 apart in the application and 60 apart in the source, one stray phrase.
    let exact = [
      passage(1_000, 1_014, source: 500), passage(1_054, 1_072, source: 440),
      passage(5_000, 5_013, source: 90),
    ]
    #expect(ParaphraseChannel.exactCluster(exact) == 32)
    #expect(ParaphraseChannel.isLocalCopy(exact))
  }

  @Test func fragmentsApartInTheSourceOrScatteredAreNot() {
    // Together in the application, 2,000 characters apart in the source.
    #expect(
      !ParaphraseChannel.isLocalCopy([passage(1_000, 1_020, source: 0), passage(1_030, 1_050, source: 2_000)])
    )
    // One stock phrase under 30 characters.
    #expect(!ParaphraseChannel.isLocalCopy([passage(100, 123, source: 50)]))
    // Many shared sentences spread over the documents: the best cluster holds under a quarter.
    let scattered = (0..<20).map { passage($0 * 1_000, $0 * 1_000 + 40, source: (19 - $0) * 900) }
    #expect(ParaphraseChannel.exactCluster(scattered) == 40)
    #expect(!ParaphraseChannel.isLocalCopy(scattered))
    #expect(!ParaphraseChannel.isLocalCopy([]))
  }
}

/// Issue 13: rewritten copies between two applications of one batch (this year's applications
/// copying each other) are found as they are against the archive, and each application's report
/// lists a copy once.
@Suite struct RewrittenCopyWithinBatchTests {
  /// The 2023 call with the plagiarism rule lowered so that every copied passage of 50 characters
  /// is a finding, and without the call's own text (as `Tools/paraphrase-check-eval.py`): the corpus's
  /// copies are 50–300 characters, which the 2023 policy rightly does not report.
  static func lowThresholdCall() throws -> NamedBytes {
    let url = CheckEndToEndTests.packageRoot.appendingPathComponent("Corpora/calls/nantong-2023.json")
    var call = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    var similarity = try #require(call["similarity"] as? [String: Any])
    similarity["plagiarism"] = [
      "jaccard": 1, "containment": 1, "minimumSharedCharacters": 50, "copyRatio": 0.005,
    ]
    call["similarity"] = similarity
    call.removeValue(forKey: "callText")
    return NamedBytes(name: "eval-call.json", bytes: Array(try JSONSerialization.data(withJSONObject: call)))
  }

  /// Corpus files checked together as one batch against an empty archive.
  static func checkTogether(_ files: [String]) async throws -> CheckReport {
    let corpus = CheckEndToEndTests.packageRoot.appendingPathComponent("Corpora/paraphrase")
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-within-batch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    for file in files {
      let url = corpus.appendingPathComponent(file)
      try FileManager.default.copyItem(at: url, to: root.appendingPathComponent(url.lastPathComponent))
    }
    var request = try CheckFiles.request(CheckFiles.Paths(applications: [root.path]), options: CheckOptions())
    request.call = try lowThresholdCall()
    return try await CheckJob(archive: MemoryArchive()).run(request).report
  }

  static func related(_ report: CheckReport, _ application: String, _ source: String) -> RelatedDocument? {
    report.applications.first { $0.id == application }?.findings
      .filter { $0.severity >= .warning }
      .flatMap(\.related).first { $0.id == source }
  }

  @Test func shortReorderedCopyBetweenTwoApplicationsIsFound() async throws {
    // suspicious-008: 1813..<1883 are source-034's 998..<1068 with their clauses reordered, a
    // 70-character copy sharing too few winnowed fingerprints for the batch's former bar of 8.
    let report = try await Self.checkTogether([
      "source-documents/source-034.txt", "suspicious-documents/suspicious-008.txt",
    ])
    let related = try #require(Self.related(report, "suspicious-008", "source-034"))
    let passages = related.passages ?? []
    #expect(
      passages.contains { $0.start < 1883 && 1813 < $0.end && $0.sourceStart < 1068 && 998 < $0.sourceEnd })
  }

  @Test func theLaterApplicationListsACopyOnce() async throws {
    // suspicious-007: 1509..<1628 are source-011's 1317..<1436 word for word. The pair is aligned
    // from source-011's side, where source-011 repeats a phrase of the copy elsewhere; seen from
    // suspicious-007 those short passages lie inside the long one.
    let report = try await Self.checkTogether([
      "source-documents/source-011.txt", "suspicious-documents/suspicious-007.txt",
    ])
    let later = try #require(Self.related(report, "suspicious-007", "source-011")?.passages)
    let earlier = try #require(Self.related(report, "source-011", "suspicious-007")?.passages)
    let copy = try #require(later.first { $0.start <= 1509 && 1627 <= $0.end })
    #expect(copy.sourceStart <= 1317 && 1435 <= copy.sourceEnd)
    for (index, passage) in later.enumerated() {
      for (otherIndex, other) in later.enumerated() where otherIndex != index {
        #expect(!(other.start <= passage.start && passage.end <= other.end), "\(passage) inside \(other)")
      }
    }
    // The earlier application's own list keeps every passage of its side (the stored alignment).
    #expect(earlier.count > later.count)
  }
}

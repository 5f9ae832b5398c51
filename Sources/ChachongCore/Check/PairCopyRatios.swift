import ArchiveStore
import ChachongModel
import Fingerprints
import Integrity
import Matching

/// The copy ratios a reviewer reads (文字复制比), for every verified pair before the rules decide
/// (issue 13): each pair aligned again with the evidence parameters (`PassageAlignmentParameters
/// .standard`: 13 characters or more, never across a section boundary, template, common and call
/// text excluded), its share of either side's counted characters, and per application the total
/// over all sources (union), the largest single source and the total without the organisation's
/// own earlier applications. Pure apart from reading archived texts through `PreparedTexts`.
enum PairCopyRatios {
  /// Pairs whose exact passages cover less than this share of the application also go through the
  /// fuzzy stage (`ParaphraseAligner`) when their function-word skeletons overlap
  /// (`ParaphraseChannel`); above it the exact passages already are the evidence.
  static let fuzzyBelow = 0.8

  struct Side {
    var normalized: NormalizedText
    var shingles: [UInt64]
    var sections: [TextSection]
    /// Per token: template, common or call text.
    var excluded: [Bool]
    /// Function-word skeleton keys (`SkeletonShingler.keys`), sorted.
    var skeleton: [UInt64]
    /// Counted characters (token characters not `excluded`) of tokens 0..<i, for i in 0...count.
    var countedPrefix: [Int]

    init(
      normalized: NormalizedText, shingles: [UInt64], sections: [TextSection], excluded: [Bool],
      skeleton: [UInt64]
    ) {
      self.normalized = normalized
      self.shingles = shingles
      self.sections = sections
      self.excluded = excluded
      self.skeleton = skeleton
      // As `CopyMetricsCalculator`: a mask of another length excludes nothing.
      let mask = excluded.count == normalized.count ? excluded : []
      var prefix = [Int](repeating: 0, count: normalized.count + 1)
      for index in 0..<normalized.count {
        let weight = Int(normalized.ends[index] - normalized.starts[index])
        prefix[index + 1] = prefix[index] + (!mask.isEmpty && mask[index] ? 0 : weight)
      }
      countedPrefix = prefix
    }
  }

  struct Result {
    /// The pairs with evidence passages and copy ratios (both directions).
    var pairs: [SimilarPair]
    /// Copy metrics per application over all its verified pairs.
    var metrics: [String: CopyMetrics]
    /// The same as the rules read them.
    var measures: [String: ApplicationCopyMeasures]
  }

  /// `aligned[i]`, when given and not nil, is pair i's exact evidence as `evidence` gives it,
  /// aligned by the similarity search from its own verification (`EvidencedPair`). The shingles
  /// left out are `texts`' (the check's exclusions), whose table every verification shares.
  /// `skeletons[i]` are batch document i's skeleton keys (`ParaphraseChannel.skeletons`).
  static func measure(
    _ pairs: [SimilarPair], aligned: [[Passage]?] = [], batch: [PreparedDocument], skeletons: [[UInt64]],
    texts: PreparedTexts, archive: any ArchiveReading, passageMinimum: Int?, workers: Int = 1,
    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) async throws -> Result {
    let excluding = texts.excluding
    let parameters = archive.parameters.fingerprint
    let k = parameters.shingleSize
    var sides: [String: Side] = [:]
    let batchSides = try await OrderedConcurrentMap.map(
      Array(zip(batch, skeletons)), workers: workers, makeState: {}
    ) { _, item in
      let (document, skeleton) = item
      return Side(
        normalized: document.fingerprint.normalized, shingles: document.fingerprint.shingleHashes,
        sections: document.document.sections,
        excluded: CheckCopyMetrics.excludedTokens(
          shingles: document.fingerprint.shingleHashes, count: document.fingerprint.normalized.count,
          excluding: excluding, k: k),
        skeleton: skeleton)
    }
    for (document, side) in zip(batch, batchSides) { sides[document.id] = side }
    let archived = Set(pairs.filter { !$0.otherInBatch }.map(\.other.id)).subtracting(sides.keys).sorted()
    if !archived.isEmpty {
      let entries = try await texts.entries(ids: archived, from: archive)
      for record in try await archive.records(DocumentFilter(ids: archived)) {
        guard let entry = entries[record.id] else { continue }
        sides[record.id] = Side(
          normalized: entry.normalized, shingles: entry.shingles, sections: record.sections,
          excluded: CheckCopyMetrics.excludedTokens(
            shingles: entry.shingles, count: entry.normalized.count, excluding: excluding, k: k),
          skeleton: SkeletonShingler.keys(of: entry.normalized))
      }
    }

    let exactPassages = try await exactPassages(
      pairs, aligned: aligned, sides: sides, exclusion: texts.exclusion, k: k, workers: workers,
      progress: progress)
    let rewritten = try await fuzzyPassages(
      pairs, exact: exactPassages, batch: batch, archive: archive, sides: sides, workers: workers)
    var measured: [SimilarPair] = []
    measured.reserveCapacity(pairs.count)
    for (index, (pair, exact)) in zip(pairs, exactPassages).enumerated() {
      try Task.checkCancellation()
      guard let application = sides[pair.applicationID], let other = sides[pair.other.id], let exact
      else {
        measured.append(pair)
        continue
      }
      let passages = rewritten[index] ?? exact
      var result = pair
      if passages != exact, let passageMinimum {
        // Rewritten passages count for the rules' long-passage condition as exact ones do.
        let long = passages.filter { $0.chars >= passageMinimum }
        result.measures.passageCharacters = max(
          pair.measures.passageCharacters ?? 0, long.reduce(0) { $0 + $1.chars })
        result.measures.sourcePassageCharacters = long.reduce(0) { $0 + $1.sourceChars }
      } else if let rulePassages = pair.passages {
        result.measures.sourcePassageCharacters = rulePassages.reduce(0) {
          $0 + $1.sourceEnd - $1.sourceStart
        }
      }
      let forward = copied(application, passages)
      let backward = copied(other, passages.map(reversed))
      result.measures.copyRatio = forward.ratio
      result.measures.copiedCharacters = forward.characters
      result.measures.sourceCopyRatio = backward.ratio
      result.measures.sourceCopiedCharacters = backward.characters
      result.passages = passages.map {
        EvidencePassage(
          start: $0.start, end: $0.end, sourceStart: $0.sourceStart, sourceEnd: $0.sourceEnd, chars: $0.chars,
          kind: $0.kind.flatMap { PassageMatchKind(rawValue: $0.rawValue) })
      }
      measured.append(result)
    }

    let records = Dictionary(
      batch.map { ($0.id, $0.document.record) }, uniquingKeysWith: { first, _ in first })
    var sources: [String: [(record: DocumentRecord, passages: [Passage])]] = [:]
    for pair in measured {
      let passages = (pair.passages ?? []).map {
        Passage(
          start: $0.start, end: $0.end, sourceStart: $0.sourceStart, sourceEnd: $0.sourceEnd, chars: $0.chars,
          kind: $0.kind.flatMap { PassageKind(rawValue: $0.rawValue) })
      }
      sources[pair.applicationID, default: []].append((pair.other, passages))
      if pair.otherInBatch, let record = records[pair.applicationID] {
        sources[pair.other.id, default: []].append((record, passages.map(reversed)))
      }
    }
    measured = distinctive(measured, sources: sources)
    // Per application, `workers` at a time: each reads only its own sources.
    let perApplication = try await OrderedConcurrentMap.map(batch, workers: workers, makeState: {}) {
      [sides, sources] _, document -> (CopyMetrics, ApplicationCopyMeasures)? in
      guard let side = sides[document.id] else { return nil }
      let all = merged(sources[document.id] ?? [])
      let own = all.filter { isOwnEarlier($0.record, of: document.document.record) }.map(\.record.id)
      var result = CopyMetricsCalculator.measure(
        application: side.normalized,
        sources: all.map { SourcePassages(id: $0.record.id, passages: $0.passages) },
        excludedTokens: side.excluded, sections: side.sections)
      let others = all.filter { !own.contains($0.record.id) }
      let withoutOwn =
        own.isEmpty
        ? result
        : CopyMetricsCalculator.measure(
          application: side.normalized,
          sources: others.map { SourcePassages(id: $0.record.id, passages: $0.passages) },
          excludedTokens: side.excluded)
      result.copyRatioExcludingOwn = withoutOwn.copyRatio
      result.copiedCharactersExcludingOwn = withoutOwn.copiedCharacters
      result.ownSources = own.sorted()
      result.passageKinds = kindCounts(all.flatMap(\.passages))
      return (
        result,
        ApplicationCopyMeasures(
          totalCopyRatio: result.copyRatio, largestSourceRatio: result.largestSourceRatio,
          largestSourceId: result.largestSourceId, copyRatioExcludingOwn: withoutOwn.copyRatio)
      )
    }
    var metrics: [String: CopyMetrics] = [:]
    var measures: [String: ApplicationCopyMeasures] = [:]
    for (document, computed) in zip(batch, perApplication) {
      guard let (metric, measure) = computed else { continue }
      metrics[document.id] = metric
      measures[document.id] = measure
    }
    return Result(pairs: measured, metrics: metrics, measures: measures)
  }

  /// Pair i's exact passages combined with the fuzzy stage's, for the pairs that go through it
  /// (`ParaphraseChannel.needsFuzzyStage`, both texts at hand); nil for the others. The sentence
  /// documents are built once each and the pairs aligned `workers` at a time.
  static func fuzzyPassages(
    _ pairs: [SimilarPair], exact: [[Passage]?], batch: [PreparedDocument], archive: any ArchiveReading,
    sides: [String: Side], workers: Int
  ) async throws -> [[Passage]?] {
    var fuzzy: [Int] = []
    var needed: [String] = []
    var seen = Set<String>()
    for (index, (pair, exact)) in zip(pairs, exact).enumerated() {
      guard let application = sides[pair.applicationID], let other = sides[pair.other.id], let exact,
        ParaphraseChannel.needsFuzzyStage(application, other, exact: exact)
      else { continue }
      fuzzy.append(index)
      for id in [pair.applicationID, pair.other.id] where seen.insert(id).inserted { needed.append(id) }
    }
    var result = [[Passage]?](repeating: nil, count: pairs.count)
    guard !fuzzy.isEmpty else { return result }
    let documents = try await SentenceDocuments(batch: batch, archive: archive, sides: sides).documents(
      needed, workers: workers)
    let aligned = try await OrderedConcurrentMap.map(fuzzy, workers: workers, makeState: {}) {
      _, index -> [Passage]? in
      let pair = pairs[index]
      guard let application = sides[pair.applicationID], let other = sides[pair.other.id],
        let exact = exact[index], let query = documents[pair.applicationID],
        let source = documents[pair.other.id]
      else { return nil }
      return withRewrittenPassages(
        exact: exact, application: application, other: other, query: query, source: source)
    }
    for (index, passages) in zip(fuzzy, aligned) { result[index] = passages }
    return result
  }

  /// Each pair's copied characters that are no stock phrasing (`DistinctiveCopy`), from either side
  /// of a batch pair, counted against all the document's sources.
  static func distinctive(
    _ pairs: [SimilarPair], sources: [String: [(record: DocumentRecord, passages: [Passage])]]
  ) -> [SimilarPair] {
    var coverage: [String: [UInt16]] = [:]
    for (id, lists) in sources {
      let length = lists.flatMap(\.passages).map(\.end).max() ?? 0
      coverage[id] = DistinctiveCopy.coverage(lists.map(\.passages), length: length)
    }
    return pairs.map { pair in
      var result = pair
      let passages = (pair.passages ?? []).map {
        Passage(
          start: $0.start, end: $0.end, sourceStart: $0.sourceStart, sourceEnd: $0.sourceEnd,
          chars: $0.end - $0.start, kind: $0.kind.flatMap { PassageKind(rawValue: $0.rawValue) })
      }
      if let copied = pair.measures.copiedCharacters, let counts = coverage[pair.applicationID] {
        result.measures.distinctiveCopiedCharacters = min(
          copied, DistinctiveCopy.characters(passages, coverage: counts))
      }
      if pair.otherInBatch, let copied = pair.measures.sourceCopiedCharacters,
        let counts = coverage[pair.other.id]
      {
        result.measures.sourceDistinctiveCopiedCharacters = min(
          copied, DistinctiveCopy.characters(passages.map(reversed), coverage: counts))
      }
      return result
    }
  }

  /// The exact evidence passages of every pair (nil where a side is missing), classified, in pair
  /// order: `workers` applications at a time, each prepared once as a query; every pair is verified
  /// against it so that the alignment is seeded from the shingles both sides hold only
  /// (`PassageAligner.align(_:verification:…)`, same passages), and a pair whose `PassageBound`
  /// for the evidence parameters has no passage gets none without aligning.
  static func exactPassages(
    _ pairs: [SimilarPair], aligned: [[Passage]?] = [], sides: [String: Side],
    exclusion: Verifier.ExclusionTable, k: Int,
    workers: Int, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) async throws -> [[Passage]?] {
    var order: [String] = []
    var groups: [String: [PairSlot]] = [:]
    var result = [[Passage]?](repeating: nil, count: pairs.count)
    for (index, pair) in pairs.enumerated() {
      // Aligned by the search already (both sides present there and here: same texts, sections).
      if index < aligned.count, let passages = aligned[index], sides[pair.applicationID] != nil,
        sides[pair.other.id] != nil
      {
        result[index] = passages
        continue
      }
      if groups[pair.applicationID] == nil { order.append(pair.applicationID) }
      groups[pair.applicationID, default: []].append(PairSlot(index: index, other: pair.other.id))
    }
    let work: [ApplicationPairs] = order.map { ApplicationPairs(application: $0, pairs: groups[$0] ?? []) }
    let total = work.count
    var report: (@Sendable (Int) -> Void)?
    if let progress {
      report = { @Sendable done in progress(done, total) }
    }
    let computed: [[PairSlot]] = try await OrderedConcurrentMap.map(
      work, workers: workers, makeState: {}, progress: report
    ) { (_: inout Void, group: ApplicationPairs) -> [PairSlot] in
      guard let application = sides[group.application] else { return group.pairs }
      let query = Verifier.PreparedQuery(
        text: application.normalized, hashes: application.shingles, k: k, exclusion: exclusion)
      return group.pairs.map { slot in
        guard let other = sides[slot.other] else { return slot }
        var slot = slot
        // The scores are not used here: a match count of 0 spares counting the match's shingles.
        let verification = Verifier.verify(query, matchHashes: other.shingles, matchDistinct: 0)
        slot.passages = evidence(
          query, verification: verification, querySections: application.sections, match: other.normalized,
          matchShingles: other.shingles, matchSections: other.sections)
        return slot
      }
    }
    for group in computed {
      for slot in group { result[slot.index] = slot.passages }
    }
    return result
  }

  /// The exact evidence passages of one verified pair (`query` prepared with the check's
  /// exclusions, `verification` of the match's shingles against it), classified: none without
  /// aligning when the pair's `PassageBound` for the evidence parameters has no passage.
  static func evidence(
    _ query: Verifier.PreparedQuery, verification: PairVerification, querySections: [TextSection],
    match: NormalizedText, matchShingles: [UInt64], matchSections: [TextSection]
  ) -> [Passage] {
    if verification.passageBound(query: query, match: match, parameters: .standard).isEmpty { return [] }
    return PassageAligner.align(
      query, verification: verification, source: match, sourceShingles: matchShingles, parameters: .standard,
      querySections: querySections, sourceSections: matchSections
    ).map { classified($0, query.text, match) }
  }

  /// A pair of `exactPassages`: its place in the list, the other document, its passages.
  struct PairSlot: Sendable {
    var index: Int
    var other: String
    var passages: [Passage]? = nil
  }

  /// The pairs of one application, aligned by one worker against one prepared query.
  struct ApplicationPairs: Sendable {
    var application: String
    var pairs: [PairSlot]
  }

  /// The exact passages combined with the fuzzy stage's (`ParaphraseAligner.combine`), each with its
  /// kind (identical, minor changes, rewritten). Shared by check and query.
  static func withRewrittenPassages(
    exact: [Passage], application: Side, other: Side, query: SentenceDocument, source: SentenceDocument
  ) -> [Passage] {
    ParaphraseAligner.combine(
      exact: exact, fuzzy: ParaphraseAligner.align(query: query, source: source, parameters: .standard),
      query: application.normalized, source: other.normalized
    ).map { aligned in
      var passage = aligned.passage
      passage.kind = aligned.kind
      return passage
    }
  }

  /// The organisation's own application of an earlier year (the rules' `isOwnEarlier`).
  static func isOwnEarlier(_ other: DocumentRecord, of application: DocumentRecord) -> Bool {
    guard let year = other.year, let thisYear = application.year, year < thisYear else { return false }
    return EntityMatching.sameOrganisation(
      creditCode: application.creditCode, name: application.organisation, creditCode: other.creditCode,
      name: other.organisation)
  }

  /// One entry per source id (a batch pair can reach an application from both sides), in first-seen order.
  private static func merged(_ sources: [(record: DocumentRecord, passages: [Passage])])
    -> [(record: DocumentRecord, passages: [Passage])]
  {
    var order: [String] = []
    var byID: [String: (record: DocumentRecord, passages: [Passage])] = [:]
    for source in sources {
      if byID[source.record.id] == nil {
        order.append(source.record.id)
        byID[source.record.id] = source
      } else {
        byID[source.record.id]?.passages += source.passages
      }
    }
    return order.compactMap { byID[$0] }
  }

  /// `CopyMetricsCalculator.measure` of `side` with `passages` as its one source (its copy ratio
  /// and copied characters), from the side's prefix sums: the tokens each passage covers are one
  /// range (tokens do not overlap, so only the last token of the range can run past the
  /// passage's end), the ranges are merged, and no pass over the whole text is needed per pair.
  static func copied(_ side: Side, _ passages: [Passage]) -> (
    ratio: Double, characters: Int
  ) {
    let text = side.normalized
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(passages.count)
    for passage in passages {
      let lower = text.firstToken(startingAtOrAfter: passage.start)
      var upper = max(lower, text.firstToken(startingAtOrAfter: passage.end))
      while upper > lower, Int(text.ends[upper - 1]) > passage.end { upper -= 1 }
      if upper > lower { ranges.append(lower..<upper) }
    }
    ranges.sort { $0.lowerBound < $1.lowerBound }
    var copied = 0
    var coveredUntil = 0
    for range in ranges where range.upperBound > coveredUntil {
      let lower = max(range.lowerBound, coveredUntil)
      copied += side.countedPrefix[range.upperBound] - side.countedPrefix[lower]
      coveredUntil = range.upperBound
    }
    let characters = side.countedPrefix[text.count]
    return (characters > 0 ? Double(copied) / Double(characters) : 0, copied)
  }

  static func reversed(_ passage: Passage) -> Passage {
    Passage(
      start: passage.sourceStart, end: passage.sourceEnd, sourceStart: passage.start, sourceEnd: passage.end,
      chars: passage.sourceEnd - passage.sourceStart, kind: passage.kind)
  }

  /// An exact-stage passage with its kind: identical token sequences, else minor changes (its runs
  /// of shared shingles were joined across small edits). Only the fuzzy stage says rewritten.
  static func classified(_ passage: Passage, _ query: NormalizedText, _ source: NormalizedText) -> Passage {
    guard passage.kind == nil else { return passage }
    var result = passage
    let same = query.tokens[tokens(passage.start, passage.end, in: query)].elementsEqual(
      source.tokens[tokens(passage.sourceStart, passage.sourceEnd, in: source)])
    result.kind = same ? .identical : .minorChanges
    return result
  }

  /// Tokens lying inside `start..<end` of the extracted text.
  static func tokens(_ start: Int, _ end: Int, in text: NormalizedText) -> Range<Int> {
    var low = 0
    var high = text.count
    while low < high {
      let middle = (low + high) / 2
      if Int(text.starts[middle]) < start { low = middle + 1 } else { high = middle }
    }
    var upper = low
    while upper < text.count, Int(text.ends[upper]) <= end { upper += 1 }
    return low..<upper
  }

  /// Passages and characters by kind.
  static func kindCounts(_ passages: [Passage]) -> [String: PassageKindCount]? {
    var counts: [String: PassageKindCount] = [:]
    for passage in passages {
      guard let kind = passage.kind else { continue }
      counts[kind.rawValue, default: PassageKindCount(passages: 0, characters: 0)].passages += 1
      counts[kind.rawValue, default: PassageKindCount(passages: 0, characters: 0)].characters += passage.chars
    }
    return counts
  }
}

extension PairCopyRatios.Side {
  /// One side of a pair from its extracted text's normalised form and shingles: the excluded-token
  /// mask and the skeleton keys computed here (query builds its sides this way).
  init(
    normalized: NormalizedText, shingles: [UInt64], sections: [TextSection], excluding: Set<UInt64>, k: Int
  ) {
    self.init(
      normalized: normalized, shingles: shingles, sections: sections,
      excluded: CheckCopyMetrics.excludedTokens(
        shingles: shingles, count: normalized.count, excluding: excluding, k: k),
      skeleton: SkeletonShingler.keys(of: normalized))
  }
}

/// Sentence documents of the texts one check aligns, each built once (the fuzzy stage needs the
/// extracted text for its sentence ends, and the template/common/call mask for its features).
struct SentenceDocuments {
  let batch: [String: PreparedDocument]
  let archive: any ArchiveReading
  let sides: [String: PairCopyRatios.Side]

  init(batch: [PreparedDocument], archive: any ArchiveReading, sides: [String: PairCopyRatios.Side]) {
    self.batch = Dictionary(batch.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    self.archive = archive
    self.sides = sides
  }

  /// The sentence documents of `ids` that have a side and a text (archived texts read in one
  /// call), built `workers` at a time.
  func documents(_ ids: [String], workers: Int) async throws -> [String: SentenceDocument] {
    let archived = ids.filter { batch[$0] == nil && sides[$0] != nil }
    let stored = archived.isEmpty ? [:] : try await archive.texts(ids: archived)
    var inputs: [(id: String, text: String, side: PairCopyRatios.Side)] = []
    for id in ids {
      guard let side = sides[id], let text = batch[id]?.document.text ?? stored[id] else { continue }
      inputs.append((id, text, side))
    }
    let built = try await OrderedConcurrentMap.map(inputs, workers: workers, makeState: {}) { _, input in
      SentenceDocument(
        text: input.text, normalized: input.side.normalized, excludedTokens: input.side.excluded)
    }
    var documents: [String: SentenceDocument] = [:]
    for (input, document) in zip(inputs, built) { documents[input.id] = document }
    return documents
  }
}

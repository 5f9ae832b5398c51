import Fingerprints
import Foundation

/// The fuzzy, sentence-level alignment stage beside `PassageAligner`: it finds passages whose
/// wording was changed by '降重' rewriting (synonyms swapped, clauses and sentences reordered,
/// sentences split or merged), after Sanchez-Perez, Sidorov and Gelbukh (PAN 2014).
///
/// 1. Sentences (`SentenceDocument`) become tf-isf vectors over character unigrams and bigrams
///    (Chinese) or words (Latin script); isf is computed over the sentences of both documents.
/// 2. Seeds: sentence pairs whose cosine is at least `seedCosine` and whose Dice coefficient is at
///    least `seedDice`.
/// 3. Extension: seeds are grouped while at most `maximumGap` sentences separate neighbours in the
///    query and in the source (in any order, so reordered sentences stay together); a group whose
///    whole query range is not similar enough to its whole source range (`validationCosine`) is
///    regrouped with a smaller gap.
/// 4. Filtering: passages shorter than `minimumCharacters` on either side are dropped, and so are
///    passages of at most `shortSentences` query sentences below `shortCosine` (tf-isf, and isf
///    alone: a repeated name is one piece of evidence); a query region
///    belongs to one passage (the most similar, longest one).
/// 5. Every passage starts at the first token of its first sentence and ends after the last token of
///    its last sentence on both sides (offsets into the extracted texts), and says how it matched.
///
/// Deterministic: no randomness, fixed feature hashes, ties broken by position.
package enum ParaphraseAligner {
  package static func align(
    query: SentenceDocument, source: SentenceDocument, parameters: ParaphraseAlignmentParameters = .standard
  ) -> [AlignedPassage] {
    guard !query.sentences.isEmpty, !source.sentences.isEmpty else { return [] }
    var space = PairSpace(query: query, source: source)
    let seeds = space.seeds(cosine: parameters.seedCosine, dice: parameters.seedDice)
    guard !seeds.isEmpty else { return [] }
    let fragments = extend(seeds, gap: max(0, parameters.maximumGap), space: &space, parameters: parameters)
    let chosen = choose(fragments, query: query, source: source, parameters: parameters)
    return chosen.map { fragment in
      let queryTokens =
        query.sentences[fragment.queryFirst]
        .lowerBound..<query.sentences[fragment.queryLast]
        .upperBound
      let sourceTokens =
        source.sentences[fragment.sourceFirst].lowerBound..<source.sentences[fragment.sourceLast].upperBound
      let kind = PassageClassifier.kind(
        query.normalized.tokens[queryTokens], source.normalized.tokens[sourceTokens],
        shingle: parameters.classificationShingle, coverage: parameters.minorChangesCoverage)
      return AlignedPassage(
        passage: Passage(
          start: query.characterStart(ofSentence: fragment.queryFirst),
          end: query.characterEnd(ofSentence: fragment.queryLast),
          sourceStart: source.characterStart(ofSentence: fragment.sourceFirst),
          sourceEnd: source.characterEnd(ofSentence: fragment.sourceLast)),
        kind: kind, similarity: fragment.similarity)
    }
  }

  /// Sentence similarity of two short texts (each taken as one sentence): the cosine of their
  /// tf-isf vectors over the two texts, the seeding measure of the aligner (for checks against
  /// human similarity labels).
  package static func similarity(
    _ first: String, _ second: String, segmentation: SentenceSegmentation = .standard
  )
    -> Double
  {
    let whole = SentenceSegmentation(
      minimumTokens: Int.max / 4, maximumTokens: Int.max / 4,
      characterUnigrams: segmentation.characterUnigrams)
    let left = SentenceDocument(text: first, segmentation: whole)
    let right = SentenceDocument(text: second, segmentation: whole)
    guard !left.sentences.isEmpty, !right.sentences.isEmpty else { return 0 }
    var space = PairSpace(query: left, source: right)
    return space.rangeCosine(query: 0...0, source: 0...0)
  }

  struct Seed: Equatable {
    var query: Int
    var source: Int
  }

  struct Fragment: Equatable {
    var queryFirst: Int
    var queryLast: Int
    var sourceFirst: Int
    var sourceLast: Int
    var similarity: Double
    /// Distinct query and source sentences among the group's seeds.
    var seededQuery: Int = 0
    var seededSource: Int = 0
    /// The cosine with every feature counted once per side (`PairSpace.rangeCosine(binary:)`),
    /// computed for short fragments only (`shortSentences`); 1 otherwise.
    var setSimilarity: Double = 1
  }

  private static func extend(
    _ seeds: [Seed], gap: Int, space: inout PairSpace, parameters: ParaphraseAlignmentParameters
  ) -> [Fragment] {
    var result: [Fragment] = []
    for group in cluster(seeds, gap: gap) {
      guard let first = group.first else { continue }
      var fragment = Fragment(
        queryFirst: first.query, queryLast: first.query, sourceFirst: first.source, sourceLast: first.source,
        similarity: 0)
      for seed in group {
        fragment.queryFirst = min(fragment.queryFirst, seed.query)
        fragment.queryLast = max(fragment.queryLast, seed.query)
        fragment.sourceFirst = min(fragment.sourceFirst, seed.source)
        fragment.sourceLast = max(fragment.sourceLast, seed.source)
      }
      fragment.seededQuery = Set(group.map(\.query)).count
      fragment.seededSource = Set(group.map(\.source)).count
      fragment.similarity = space.rangeCosine(
        query: fragment.queryFirst...fragment.queryLast, source: fragment.sourceFirst...fragment.sourceLast)
      if fragment.similarity >= parameters.validationCosine
        && isBalanced(fragment, space: space, maximumLengthRatio: parameters.maximumLengthRatio)
      {
        if fragment.queryLast - fragment.queryFirst < parameters.shortSentences {
          fragment.setSimilarity = space.rangeCosine(
            query: fragment.queryFirst...fragment.queryLast,
            source: fragment.sourceFirst...fragment.sourceLast,
            binary: true)
        }
        result.append(fragment)
      } else if gap > 0 {
        result.append(contentsOf: extend(group, gap: gap - 1, space: &space, parameters: parameters))
      }
    }
    return result
  }

  /// Whether neither side of `fragment` is over `maximumLengthRatio` times the other (characters):
  /// a lopsided group is regrouped with a smaller gap, as one that fails validation. As `combine`'s
  /// rule for exact passages: rewriting does not make a sentence that much longer, so a fragment far
  /// longer on one side is seeds of one stock sentence grouped with the many sentences around it on
  /// the other side (95 characters of a regulation's 法律责任 against 800 characters of another's).
  private static func isBalanced(_ fragment: Fragment, space: PairSpace, maximumLengthRatio: Int) -> Bool {
    let queryLength =
      space.query.characterEnd(ofSentence: fragment.queryLast)
      - space.query.characterStart(ofSentence: fragment.queryFirst)
    let sourceLength =
      space.source.characterEnd(ofSentence: fragment.sourceLast)
      - space.source.characterStart(ofSentence: fragment.sourceFirst)
    return maximumLengthRatio * min(queryLength, sourceLength) >= max(queryLength, sourceLength)
  }

  /// Splits seeds into groups whose neighbours are at most `gap` sentences apart in the query, then
  /// each group in the source, and again until nothing splits.
  static func cluster(_ seeds: [Seed], gap: Int) -> [[Seed]] {
    var groups = [seeds]
    var changed = true
    while changed {
      changed = false
      var next: [[Seed]] = []
      for group in groups {
        let byQuery = split(group.sorted { ($0.query, $0.source) < ($1.query, $1.source) }, gap: gap, \.query)
        for part in byQuery {
          let bySource = split(
            part.sorted { ($0.source, $0.query) < ($1.source, $1.query) }, gap: gap, \.source)
          if byQuery.count > 1 || bySource.count > 1 { changed = true }
          next.append(contentsOf: bySource)
        }
      }
      groups = next
    }
    return groups
  }

  private static func split(_ sorted: [Seed], gap: Int, _ key: KeyPath<Seed, Int>) -> [[Seed]] {
    var result: [[Seed]] = []
    var current: [Seed] = []
    for seed in sorted {
      if let last = current.last, seed[keyPath: key] - last[keyPath: key] - 1 > gap {
        result.append(current)
        current = []
      }
      current.append(seed)
    }
    if !current.isEmpty { result.append(current) }
    return result
  }

  /// One passage per query region: the most similar, then longest, fragments win; the rest must not
  /// overlap them in the query. Then the minimum length on both sides.
  private static func choose(
    _ fragments: [Fragment], query: SentenceDocument, source: SentenceDocument,
    parameters: ParaphraseAlignmentParameters
  ) -> [Fragment] {
    func length(_ fragment: Fragment) -> Int {
      query.characterEnd(ofSentence: fragment.queryLast)
        - query.characterStart(ofSentence: fragment.queryFirst)
    }
    func sourceLength(_ fragment: Fragment) -> Int {
      source.characterEnd(ofSentence: fragment.sourceLast)
        - source.characterStart(ofSentence: fragment.sourceFirst)
    }
    // (Every fragment here is balanced already: `extend` regroups the others.)
    // Texts on one topic share scattered similar sentences and much vocabulary, so a long range
    // can pass validation around a few seeds; in a rewritten copy most query sentences match one.
    // Dropped, not regrouped: the dense pieces of a sparse group are more, shorter false passages.
    let long = fragments.filter {
      Double($0.seededQuery) >= parameters.minimumSeededShare * Double($0.queryLast - $0.queryFirst + 1)
        && length($0) >= parameters.minimumCharacters && sourceLength($0) >= parameters.minimumCharacters
        && ($0.queryLast - $0.queryFirst >= parameters.shortSentences
          || min($0.similarity, $0.setSimilarity) >= parameters.shortCosine)
    }
    let ordered = long.sorted { left, right in
      let leftScore = left.similarity * Double(length(left))
      let rightScore = right.similarity * Double(length(right))
      if leftScore != rightScore { return leftScore > rightScore }
      return (left.queryFirst, left.sourceFirst) < (right.queryFirst, right.sourceFirst)
    }
    var taken: [Fragment] = []
    for fragment in ordered
    where !taken.contains(where: {
      $0.queryFirst <= fragment.queryLast && fragment.queryFirst <= $0.queryLast
    }) {
      taken.append(fragment)
    }
    return taken.sorted { ($0.queryFirst, $0.sourceFirst) < ($1.queryFirst, $1.sourceFirst) }
  }
}

/// The vector space of one document pair: features numbered densely, inverse sentence frequencies
/// over both documents' sentences, the source's sentences indexed by feature.
struct PairSpace {
  let query: SentenceDocument
  let source: SentenceDocument
  let queryIds: [Int32]
  let sourceIds: [Int32]
  let isf: [Double]
  let queryNorms: [Double]
  let sourceNorms: [Double]
  /// Source postings per feature id: `postingSentences[postingStarts[id]..<postingStarts[id + 1]]`.
  let postingStarts: [Int32]
  let postingSentences: [Int32]
  let postingWeights: [Double]
  /// Scratch for range similarities, reset after each use.
  private var queryAccumulator: [Double]
  private var sourceAccumulator: [Double]
  private var touched: [Int32] = []

  init(query: SentenceDocument, source: SentenceDocument) {
    self.query = query
    self.source = source
    // Open addressing over the already mixed feature hashes (several times faster than a
    // `Dictionary` for the ~50,000 features of a pair of 40 KB documents); key 0 marks an empty slot,
    // so the feature 0 gets its own id.
    var size = 16
    while size < (query.features.count + source.features.count) * 2 { size <<= 1 }
    let mask = size - 1
    let shift = UInt64(64 - size.trailingZeroBitCount)
    var keys = [UInt64](repeating: 0, count: size)
    var values = [Int32](repeating: -1, count: size)
    var zeroId: Int32 = -1
    var frequencies: [Int32] = []
    frequencies.reserveCapacity(query.features.count + source.features.count)
    func number(_ features: [UInt64]) -> [Int32] {
      features.map { feature in
        if feature == 0 {
          if zeroId < 0 {
            zeroId = Int32(frequencies.count)
            frequencies.append(0)
          }
          frequencies[Int(zeroId)] += 1
          return zeroId
        }
        var slot = Int(truncatingIfNeeded: feature &>> shift)
        while keys[slot] != 0 && keys[slot] != feature { slot = (slot &+ 1) & mask }
        if keys[slot] == 0 {
          keys[slot] = feature
          values[slot] = Int32(frequencies.count)
          frequencies.append(0)
        }
        let id = values[slot]
        frequencies[Int(id)] += 1
        return id
      }
    }
    let queryIds = number(query.features)
    let sourceIds = number(source.features)
    self.queryIds = queryIds
    self.sourceIds = sourceIds
    let sentenceCount = Double(query.sentences.count + source.sentences.count)
    // Smoothed (log(1 + N/sf)) so that a feature in every sentence, or in both sentences of a
    // two-sentence pair, still weighs something.
    let isf = frequencies.map { log(1 + sentenceCount / Double($0)) }
    self.isf = isf
    func norms(_ document: SentenceDocument, _ numbered: [Int32]) -> [Double] {
      (0..<document.sentences.count).map { sentence in
        var sum = 0.0
        for position in document.featureRange(sentence) {
          let weight = Double(document.counts[position]) * isf[Int(numbered[position])]
          sum += weight * weight
        }
        return sum.squareRoot()
      }
    }
    queryNorms = norms(query, queryIds)
    sourceNorms = norms(source, sourceIds)
    var starts = [Int32](repeating: 0, count: frequencies.count + 1)
    for id in sourceIds { starts[Int(id) + 1] += 1 }
    for index in 0..<frequencies.count { starts[index + 1] += starts[index] }
    var fill = Array(starts.dropLast())
    var sentences = [Int32](repeating: 0, count: sourceIds.count)
    var weights = [Double](repeating: 0, count: sourceIds.count)
    for sentence in 0..<source.sentences.count {
      for position in source.featureRange(sentence) {
        let id = Int(sourceIds[position])
        let slot = Int(fill[id])
        fill[id] += 1
        sentences[slot] = Int32(sentence)
        weights[slot] = Double(source.counts[position]) * isf[id]
      }
    }
    postingStarts = starts
    postingSentences = sentences
    postingWeights = weights
    queryAccumulator = [Double](repeating: 0, count: frequencies.count)
    sourceAccumulator = [Double](repeating: 0, count: frequencies.count)
  }

  /// Sentence pairs with cosine ≥ `cosine` and Dice ≥ `dice`, by query then source sentence.
  func seeds(cosine: Double, dice: Double) -> [ParaphraseAligner.Seed] {
    let sourceCount = source.sentences.count
    var dots = [Double](repeating: 0, count: sourceCount)
    var shared = [Int32](repeating: 0, count: sourceCount)
    var touchedSentences: [Int32] = []
    var result: [ParaphraseAligner.Seed] = []
    for sentence in 0..<query.sentences.count {
      let range = query.featureRange(sentence)
      guard !range.isEmpty, queryNorms[sentence] > 0 else { continue }
      for position in range {
        let id = Int(queryIds[position])
        let weight = Double(query.counts[position]) * isf[id]
        for slot in Int(postingStarts[id])..<Int(postingStarts[id + 1]) {
          let other = Int(postingSentences[slot])
          if shared[other] == 0 { touchedSentences.append(Int32(other)) }
          shared[other] += 1
          dots[other] += weight * postingWeights[slot]
        }
      }
      // No sort: the order of first touch depends on the input alone, and `cluster` sorts the seeds.
      let queryFeatures = Double(range.count)
      for other in touchedSentences {
        let index = Int(other)
        let norm = queryNorms[sentence] * sourceNorms[index]
        let sourceFeatures = Double(source.featureRange(index).count)
        if norm > 0, dots[index] / norm >= cosine,
          2 * Double(shared[index]) / (queryFeatures + sourceFeatures) >= dice
        {
          result.append(ParaphraseAligner.Seed(query: sentence, source: index))
        }
        dots[index] = 0
        shared[index] = 0
      }
      touchedSentences.removeAll(keepingCapacity: true)
    }
    return result
  }

  /// Cosine of the summed tf-isf vectors of query sentences `query` and source sentences `source`;
  /// with `binary`, of their isf vectors (each feature once per side however often it occurs).
  mutating func rangeCosine(
    query queryRange: ClosedRange<Int>, source sourceRange: ClosedRange<Int>, binary: Bool = false
  ) -> Double {
    for sentence in queryRange {
      for position in query.featureRange(sentence) {
        let id = Int(queryIds[position])
        if queryAccumulator[id] == 0 && sourceAccumulator[id] == 0 { touched.append(Int32(id)) }
        queryAccumulator[id] += Double(query.counts[position])
      }
    }
    for sentence in sourceRange {
      for position in source.featureRange(sentence) {
        let id = Int(sourceIds[position])
        if queryAccumulator[id] == 0 && sourceAccumulator[id] == 0 { touched.append(Int32(id)) }
        sourceAccumulator[id] += Double(source.counts[position])
      }
    }
    var dot = 0.0
    var queryNorm = 0.0
    var sourceNorm = 0.0
    for id in touched {
      let index = Int(id)
      let weight = isf[index] * isf[index]
      if binary {
        queryAccumulator[index] = min(queryAccumulator[index], 1)
        sourceAccumulator[index] = min(sourceAccumulator[index], 1)
      }
      dot += queryAccumulator[index] * sourceAccumulator[index] * weight
      queryNorm += queryAccumulator[index] * queryAccumulator[index] * weight
      sourceNorm += sourceAccumulator[index] * sourceAccumulator[index] * weight
      queryAccumulator[index] = 0
      sourceAccumulator[index] = 0
    }
    touched.removeAll(keepingCapacity: true)
    let norm = (queryNorm * sourceNorm).squareRoot()
    return norm > 0 ? dot / norm : 0
  }
}

extension ParaphraseAligner {
  /// One list of evidence from the exact passages (`PassageAligner`, same pair) and the fuzzy ones.
  ///
  /// - A fuzzy passage whose query characters are covered at least `exactCoverage` by exact
  ///   passages lying inside it on both sides (`verbatimCoverage` when all of them are identical
  ///   copies) is replaced by the hull of those exact passages on both sides: the exact stage's
  ///   ends are finer than sentence ends (a copy that starts inside a sentence).
  /// - Otherwise the fuzzy passage is kept, and exact passages lying at least half inside it are
  ///   dropped (the fuzzy passage covers them).
  /// - Exact passages that no fuzzy passage took or dropped are kept, unless one side is less than a
  ///   third of the other.
  ///
  /// Every passage is classified by the same test (`PassageClassifier`); an exact passage's
  /// `similarity` is the smaller share of either side's tokens in shared runs. Sorted by query
  /// offset.
  package static func combine(
    exact: [Passage], fuzzy: [AlignedPassage], query: NormalizedText, source: NormalizedText,
    parameters: ParaphraseAlignmentParameters = .standard, exactCoverage: Double = 0.7
  ) -> [AlignedPassage] {
    var kept: [AlignedPassage] = []
    var used = [Bool](repeating: false, count: exact.count)
    var hulls: [Passage] = []
    for candidate in fuzzy {
      let span = candidate.passage
      // Exact passages inside the fuzzy passage on both sides (not a stock phrase matched elsewhere).
      let inside = exact.indices.filter {
        exact[$0].start < span.end && span.start < exact[$0].end && exact[$0].sourceStart < span.sourceEnd
          && span.sourceStart < exact[$0].sourceEnd
      }
      var covered = 0
      for index in inside {
        covered += min(exact[index].end, span.end) - max(exact[index].start, span.start)
      }
      let length = max(1, span.end - span.start)
      // Verbatim copies need only `verbatimCoverage`: a copy inserted in the middle of a sentence
      // leaves the rest of that sentence, unrelated text, inside the fuzzy passage.
      let verbatim =
        !inside.isEmpty
        && inside.allSatisfy { index in
          let item = exact[index]
          return query.tokens[tokenRange(item.start, item.end, in: query)]
            .elementsEqual(source.tokens[tokenRange(item.sourceStart, item.sourceEnd, in: source)])
        }
      let needed = verbatim ? min(exactCoverage, verbatimCoverage) : exactCoverage
      if !inside.isEmpty, Double(covered) >= needed * Double(length) {
        let members = inside.map { exact[$0] }
        for index in inside { used[index] = true }
        var hull = Passage(
          start: members.map(\.start).min() ?? span.start, end: members.map(\.end).max() ?? span.end,
          sourceStart: members.map(\.sourceStart).min() ?? span.sourceStart,
          sourceEnd: members.map(\.sourceEnd).max() ?? span.sourceEnd)
        if movesSentences(span, beyond: hull, query: query, source: source, parameters: parameters) {
          hull = Passage(
            start: min(hull.start, span.start), end: max(hull.end, span.end),
            sourceStart: min(hull.sourceStart, span.sourceStart),
            sourceEnd: max(hull.sourceEnd, span.sourceEnd))
        }
        hulls.append(hull)
        continue
      }
      let overlapping = exact.indices.filter { exact[$0].start < span.end && span.start < exact[$0].end }
      for index in overlapping {
        let item = exact[index]
        if 2 * (min(item.end, span.end) - max(item.start, span.start)) >= item.end - item.start {
          used[index] = true
        }
      }
      kept.append(candidate)
    }
    let remaining = exact.indices.filter { !used[$0] }.map { exact[$0] }
    // A passage far longer on one side than on the other is an artefact of merging distant runs
    // (165 query characters against 14 source characters), not a copy.
    // Two fuzzy passages around the same exact passages give the same hull once.
    var seenHulls = Set<[Int]>()
    for item in hulls where 3 * min(item.chars, item.sourceChars) >= max(item.chars, item.sourceChars) {
      guard seenHulls.insert([item.start, item.end, item.sourceStart, item.sourceEnd]).inserted else {
        continue
      }
      kept.append(classified(item, query: query, source: source, parameters: parameters))
    }
    // An exact passage no fuzzy passage confirms must be mostly shared runs on both sides.
    for item in remaining where 3 * min(item.chars, item.sourceChars) >= max(item.chars, item.sourceChars) {
      let aligned = classified(item, query: query, source: source, parameters: parameters)
      if aligned.similarity >= parameters.minimumExactShare { kept.append(aligned) }
    }
    return kept.sorted {
      ($0.passage.start, $0.passage.sourceStart, $0.passage.end)
        < ($1.passage.start, $1.passage.sourceStart, $1.passage.end)
    }
  }

  /// Whether a fuzzy passage `span` holds one sentence (or a few) moved from one end of the copy
  /// to the other beyond the exact passages' `hull`: on one side it runs on after the hull, on the
  /// other it starts before it, and those two extra parts are the same text (at least
  /// `minorChangesCoverage` of each side's tokens in shared `classificationShingle`-token runs).
  /// The exact runs stop where the order changes and a moved sentence under the exact stage's
  /// 13 tokens (a list item put last) is in no run, so `combine` then keeps the union of hull and
  /// span. A verbatim copy ending inside a sentence leaves different words beyond the hull on the
  /// two sides, at the same end, so its hull stays as it is.
  static func movesSentences(
    _ span: Passage, beyond hull: Passage, query: NormalizedText, source: NormalizedText,
    parameters: ParaphraseAlignmentParameters
  ) -> Bool {
    let queryBefore = span.start < hull.start
    let queryAfter = hull.end < span.end
    let sourceBefore = span.sourceStart < hull.sourceStart
    let sourceAfter = hull.sourceEnd < span.sourceEnd
    let queryExtra: [UInt64]
    let sourceExtra: [UInt64]
    if queryAfter, sourceBefore, !queryBefore, !sourceAfter {
      queryExtra = Array(query.tokens[tokenRange(hull.end, span.end, in: query)])
      sourceExtra = Array(source.tokens[tokenRange(span.sourceStart, hull.sourceStart, in: source)])
    } else if queryBefore, sourceAfter, !queryAfter, !sourceBefore {
      queryExtra = Array(query.tokens[tokenRange(span.start, hull.start, in: query)])
      sourceExtra = Array(source.tokens[tokenRange(hull.sourceEnd, span.sourceEnd, in: source)])
    } else {
      return false
    }
    let width = max(1, parameters.classificationShingle)
    guard queryExtra.count >= width, sourceExtra.count >= width else { return false }
    return PassageClassifier.coveredShare(queryExtra, by: sourceExtra, width: width)
      >= parameters.minorChangesCoverage
      && PassageClassifier.coveredShare(sourceExtra, by: queryExtra, width: width)
        >= parameters.minorChangesCoverage
  }

  /// Share of a fuzzy passage's query characters that verbatim exact passages inside it must cover
  /// to replace it by their hull (`combine`).
  static let verbatimCoverage = 0.5

  /// An exact passage with its kind and the smaller share of either side's tokens in shared runs.
  static func classified(
    _ item: Passage, query: NormalizedText, source: NormalizedText, parameters: ParaphraseAlignmentParameters
  ) -> AlignedPassage {
    let queryPart = Array(query.tokens[tokenRange(item.start, item.end, in: query)])
    let sourcePart = Array(source.tokens[tokenRange(item.sourceStart, item.sourceEnd, in: source)])
    let kind = PassageClassifier.kind(
      queryPart, sourcePart, shingle: parameters.classificationShingle,
      coverage: parameters.minorChangesCoverage)
    let width = max(1, parameters.classificationShingle)
    let shared = min(
      PassageClassifier.coveredShare(queryPart, by: sourcePart, width: width),
      PassageClassifier.coveredShare(sourcePart, by: queryPart, width: width))
    return AlignedPassage(passage: item, kind: kind, similarity: kind == .identical ? 1 : shared)
  }

  /// Tokens whose text lies inside `start..<end` of the extracted text.
  static func tokenRange(_ start: Int, _ end: Int, in text: NormalizedText) -> Range<Int> {
    let lower = text.firstToken(startingAtOrAfter: start)
    var upper = lower
    while upper < text.count, Int(text.ends[upper]) <= end { upper += 1 }
    return lower..<max(lower, upper)
  }
}

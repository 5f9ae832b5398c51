/// The knobs of `ParaphraseAligner` (docs/evidence.md, "Fuzzy stage"; tuning in docs/BENCHMARKS.md).
package struct ParaphraseAlignmentParameters: Sendable, Codable, Equatable, Hashable {
  /// A sentence pair seeds a passage when the cosine of its tf-isf vectors is at least this …
  package var seedCosine: Double
  /// … and the Dice coefficient of its feature sets at least this.
  package var seedDice: Double
  /// Seeds are grouped into a passage while at most this many sentences lie between neighbouring
  /// seeds, in the query and in the source; a group that fails validation is regrouped with a
  /// smaller gap (Sanchez-Perez et al. 2014).
  package var maximumGap: Int
  /// A group is a passage when the cosine of the whole query range against the whole source range
  /// (tf-isf of the summed sentences) is at least this.
  package var validationCosine: Double
  /// Passages shorter than this on either side (characters of the extracted text) are dropped.
  package var minimumCharacters: Int
  /// A passage of at most `shortSentences` query sentences must reach `shortCosine` instead of
  /// `validationCosine`: unrelated texts of one genre (regulations, application forms) share single
  /// sentences of stock phrasing, while a rewritten copy rarely stops after one sentence.
  package var shortSentences: Int
  package var shortCosine: Double
  /// Shingle length (tokens) for telling identical and minor changes from rewritten.
  package var classificationShingle: Int
  /// Share of each side's tokens in shingles shared with the other side from which a passage that
  /// is not identical counts as `minorChanges`.
  package var minorChangesCoverage: Double
  /// In `ParaphraseAligner.combine`, an exact passage that no fuzzy passage confirms is kept only
  /// when at least this share of each side's tokens lies in `classificationShingle`-token runs the
  /// other side also has: a few short shared phrases merged across unrelated text are not a copy.
  package var minimumExactShare: Double
  /// A passage is kept only when at least this share of its query sentences are seeds themselves
  /// (sparser ones are dropped). Texts on one topic share scattered similar sentences and much
  /// vocabulary, so a long range can pass `validationCosine` around a few seeds; in a rewritten
  /// copy most sentences match one.
  package var minimumSeededShare: Double
  /// A passage's longer side is at most this many times its shorter side (characters); a longer
  /// group is regrouped with a smaller gap. Synonym swaps, reordering and splitting keep a copy's
  /// length within a few tenths; a lopsided group is one stock sentence grouped with the sentences
  /// around it on the other side.
  package var maximumLengthRatio: Int

  package init(
    seedCosine: Double, seedDice: Double, maximumGap: Int, validationCosine: Double, minimumCharacters: Int,
    shortSentences: Int = 0, shortCosine: Double = 1, classificationShingle: Int = 4,
    minorChangesCoverage: Double = 0.8, minimumExactShare: Double = 0, minimumSeededShare: Double = 0,
    maximumLengthRatio: Int = 3
  ) {
    self.maximumLengthRatio = maximumLengthRatio
    self.minimumSeededShare = minimumSeededShare
    self.minimumExactShare = minimumExactShare
    self.shortSentences = shortSentences
    self.shortCosine = shortCosine
    self.seedCosine = seedCosine
    self.seedDice = seedDice
    self.maximumGap = maximumGap
    self.validationCosine = validationCosine
    self.minimumCharacters = minimumCharacters
    self.classificationShingle = classificationShingle
    self.minorChangesCoverage = minorChangesCoverage
  }

  /// For Chinese applications, tuned on the even half of the Chinese paraphrase corpus
  /// (Corpora/paraphrase, docs/BENCHMARKS.md): low seeding thresholds catch heavy synonym
  /// substitution, and passages of one or two sentences need a cosine of 0.6, since unrelated texts
  /// of one genre share single sentences of stock phrasing. 25 characters is about one sentence.
  /// A passage's sides differ in length by at most 2×: on the corpus the rewritten passages of true
  /// pairs differ by at most 1.62× (a 7-character one by 2×), while 37 of 275 rewritten passages
  /// between unrelated regulations differ by 2–3× (legal penalty clauses on one side gathered
  /// against a longer run of them on the other; docs/BENCHMARKS.md, stop 25).
  package static let standard = ParaphraseAlignmentParameters(
    seedCosine: 0.35, seedDice: 0.3, maximumGap: 4, validationCosine: 0.35, minimumCharacters: 25,
    shortSentences: 2, shortCosine: 0.6, maximumLengthRatio: 2)

  /// Sanchez-Perez et al.'s PAN 2014 values (cosine and Dice 0.33, gap 4 sentences, validation 0.34,
  /// 150 characters), the starting point of the PAN tuning.
  package static let sanchezPerez = ParaphraseAlignmentParameters(
    seedCosine: 0.33, seedDice: 0.33, maximumGap: 4, validationCosine: 0.34, minimumCharacters: 150)

  /// Tuned on the even-numbered suspicious documents of the PAN-format Indonesian corpus
  /// (docs/BENCHMARKS.md, "Fuzzy stage"), with `SentenceSegmentation.panTuned` (words and their
  /// letter trigrams); 150-character cases. Lower seeding thresholds than Sanchez-Perez et al.'s and a
  /// wider gap: the manual paraphrases keep fewer words per sentence. Unconfirmed exact passages need
  /// 10 % of their tokens in shared 4-word runs, and 30 % of a fuzzy passage's query sentences must be
  /// seeds (on the even half 0.05–0.1 and 0.3–0.4 score best).
  package static let panTuned = ParaphraseAlignmentParameters(
    seedCosine: 0.3, seedDice: 0.3, maximumGap: 6, validationCosine: 0.4, minimumCharacters: 150,
    shortSentences: 2, shortCosine: 0.5, minimumExactShare: 0.1, minimumSeededShare: 0.3)
}

/// A second candidate channel that survives synonym substitution: shingles of a text's function
/// words only (its "skeleton", after Stamatatos 2011, "Plagiarism detection using stopword
/// n-grams").
///
/// '降重' tools replace content words (名词、动词) with synonyms and leave the grammatical frame
/// (的、在、对、由、应当、不得、或者…) in place, so n-grams of the function tokens, in order and
/// with the content between them dropped, stay equal where character shingles break. No thesaurus
/// is needed, so nothing with an unclear licence ships. Reordered sentences keep their skeletons
/// (only the n-grams across a moved boundary change); reordered clauses keep the skeleton inside
/// each clause.
///
/// Function tokens: the Chinese function characters of `chineseFunctionCharacters` and, for Latin
/// script, the words of `latinFunctionWords` (English and Indonesian), as `NormalizedText` token
/// ids. A key is `StableHash.mix64` folded over `n` consecutive function tokens with `seed`.
/// Pure and deterministic; what an index stores per document is `keys(of:)`.
package enum SkeletonShingler {
  /// Function tokens per key: 6 keeps keys of unrelated documents apart (measured on the Chinese
  /// paraphrase corpus, docs/BENCHMARKS.md) while a key spans only one or two clauses.
  package static let standardLength = 6
  /// "skeleton" in ASCII.
  package static let standardSeed: UInt64 = 0x736B_656C_6574_6F6E

  package static let chineseFunctionCharacters =
    "的地得了着过在是和与及或对由为以于将被把从向其之等并而且但也都不没应当可须得所者该此这那有无非如若则即因按依照经未已各每凡均即又再更最很较能会要需必使让给至到自就还"

  package static let latinFunctionWords = [
    // English
    "the", "a", "an", "of", "to", "in", "and", "or", "is", "are", "was", "were", "be", "been", "by", "for",
    "with", "on", "at", "from", "as", "that", "this", "these", "those", "it", "its", "not", "no", "shall",
    "may", "must", "can", "which", "who", "whom", "whose", "if", "then", "than", "but", "so", "such", "any",
    "all", "each", "other", "into", "upon", "under", "over", "between", "within", "without", "there",
    "their", "they", "he", "she", "we", "you", "his", "her", "our", "has", "have", "had", "do", "does",
    "did", "will", "would", "should", "could",
    // Indonesian
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam", "ini", "itu", "adalah", "tidak",
    "akan", "oleh", "atau", "juga", "sebagai", "karena", "bahwa", "ada", "dapat", "telah", "sudah", "lebih",
    "para", "secara", "tersebut", "merupakan", "saat", "ketika", "maka", "namun", "tetapi", "jika", "agar",
    "bagi", "hingga", "sampai", "antara", "setelah", "sebelum", "masih", "hanya", "sangat", "pun", "lagi",
    "belum", "sedang", "harus", "bisa", "tak", "sebuah", "seorang", "ia", "dia", "mereka", "kami", "kita",
    "aku", "saya", "nya",
  ]

  /// The token ids of the function tokens (`NormalizedText` ids: scalar values for CJK, flagged
  /// run hashes for Latin words).
  package static let functionTokens: Set<UInt64> = {
    var tokens = Set(chineseFunctionCharacters.unicodeScalars.map { UInt64($0.value) })
    for word in latinFunctionWords {
      tokens.insert(StableHash.hash64(Array(word.utf8), seed: Normalizer.runSeed) | Normalizer.runTokenFlag)
    }
    return tokens
  }()

  /// `functionTokens` below U+10000 (the Chinese function characters) as a bitmap: most tokens of
  /// a Chinese text are such characters, and a bit test costs less than hashing the token.
  static let basicPlaneFunctionBits: [UInt64] = {
    var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    for token in functionTokens where token < 0x10000 { bits[Int(token >> 6)] |= 1 << (token & 63) }
    return bits
  }()

  /// The positions (token indices) of the function tokens of `text`, in order.
  package static func skeleton(of text: NormalizedText) -> [Int] {
    let function = functionTokens
    let bits = basicPlaneFunctionBits
    var positions: [Int] = []
    for (index, token) in text.tokens.enumerated() {
      let isFunction =
        token < 0x10000 ? bits[Int(token >> 6)] & (1 << (token & 63)) != 0 : function.contains(token)
      if isFunction { positions.append(index) }
    }
    return positions
  }

  /// One key per start position of `n` consecutive function tokens, in text order (duplicates kept).
  package static func keySequence(
    of text: NormalizedText, n: Int = standardLength, seed: UInt64 = standardSeed
  )
    -> [UInt64]
  {
    let positions = skeleton(of: text)
    let width = max(1, n)
    guard positions.count >= width else { return [] }
    return (0...(positions.count - width)).map { start in
      var hash = seed ^ (UInt64(width) &* StableHash.lengthMultiplier)
      for index in start..<(start + width) {
        hash = StableHash.mix64((hash ^ text.tokens[positions[index]]) &+ StableHash.wordIncrement)
      }
      return hash
    }
  }

  /// The distinct keys of `text`, sorted: what a document yields for the index.
  package static func keys(of text: NormalizedText, n: Int = standardLength, seed: UInt64 = standardSeed)
    -> [UInt64]
  {
    // Sorted, then repeats dropped: the same as a set's members sorted, without hashing each key.
    var keys = keySequence(of: text, n: n, seed: seed)
    keys.sort()
    var distinct: [UInt64] = []
    distinct.reserveCapacity(keys.count)
    for key in keys where distinct.last != key { distinct.append(key) }
    return distinct
  }
}

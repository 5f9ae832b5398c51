/// How the normaliser treats one Unicode scalar (after NFKC and lowercasing, see `ScalarTable`).
enum ScalarKind: UInt8, Sendable {
  /// Whitespace, punctuation, symbols, controls, unassigned: dropped, and it ends a Latin/digit run.
  case separator = 0
  /// Default-ignorable (soft hyphen, zero-width space, variation selectors): dropped without ending
  /// a run, so "inter\u{AD}national" stays one token.
  case ignorable = 1
  /// Han, kana, Hangul, Bopomofo, Yi letters and numbers: one token each.
  case ideograph = 2
  /// `[0-9A-Za-z]`; upper case is folded inline.
  case asciiAlphanumeric = 3
  /// Any other letter or number that NFKC + lowercasing leaves unchanged: joins a run.
  case word = 4
  /// A combining mark: extends an open run, dropped otherwise.
  case mark = 5
  /// NFKC + lowercasing maps it to exactly one other scalar (full-width forms, upper case,
  /// compatibility ideographs): look up `ScalarTable.mapping`.
  case mapped = 6
  /// NFKC + lowercasing maps it to several scalars (circled forms, ligatures, squared words).
  case expands = 7
}

/// Deterministic Chinese-looking filler and offset helpers for the matching tests.
enum TestText {
  /// `count` CJK characters drawn from a fixed pseudo-random sequence (no accidental long matches).
  static func chinese(_ count: Int, seed: UInt64) -> String {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    var scalars = String.UnicodeScalarView()
    for _ in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let value = 0x4E00 + UInt32((state >> 33) % 3000)
      if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
    }
    return String(scalars)
  }

  /// Code-point offset of the first occurrence of `needle` in `haystack`.
  static func offset(of needle: String, in haystack: String) -> Int? {
    let hay = Array(haystack.unicodeScalars)
    let pattern = Array(needle.unicodeScalars)
    guard !pattern.isEmpty, pattern.count <= hay.count else { return nil }
    for start in 0...(hay.count - pattern.count) where Array(hay[start..<start + pattern.count]) == pattern {
      return start
    }
    return nil
  }

  static func length(_ text: String) -> Int { text.unicodeScalars.count }

  /// The code points `start..<end` of `text`.
  static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
    return String(view)
  }
}

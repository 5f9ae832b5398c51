/// Trimming on Unicode scalars (cheaper than Characters, and the same for the spaces forms and
/// tables use), with the caller's idea of a space.
enum ScalarTrimming {
  static func trimmed(_ text: String, isSpace: (Unicode.Scalar) -> Bool) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
      let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(scalars[first...last])
  }
}

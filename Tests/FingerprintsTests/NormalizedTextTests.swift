import Testing

@testable import Fingerprints

@Suite struct NormalizedTextTests {
  private func token(_ text: String) -> UInt64? {
    let normalized = NormalizedText(normalizing: text)
    return normalized.count == 1 ? normalized.tokens[0] : nil
  }

  @Test func cjkCharactersAreTokensWithTheirScalarValue() {
    let text = NormalizedText(normalizing: "中文，查重。")
    #expect(text.tokens == [0x4E2D, 0x6587, 0x67E5, 0x91CD])
    #expect(text.starts == [0, 1, 3, 4])
    #expect(text.ends == [1, 2, 4, 5])
  }

  @Test func latinAndDigitRunsAreOneTokenFoldedAndMapped() {
    let text = NormalizedText(normalizing: "ＡＢＣ１２３，中 Hello, World!")
    #expect(text.count == 4)
    #expect(text.tokens[0] == token("abc123"))
    #expect(text.tokens[1] == 0x4E2D)
    #expect(text.tokens[2] == token("hello"))
    #expect(text.tokens[3] == token("WORLD"))
    #expect(text.starts == [0, 7, 9, 16])
    #expect(text.ends == [6, 8, 14, 21])
    #expect(text.tokens[0] & (1 << 63) != 0)
  }

  @Test func digitsBeforeCJKAreASeparateToken() {
    let text = NormalizedText(normalizing: "2023年")
    #expect(text.count == 2)
    #expect(text.tokens[0] == token("2023"))
    #expect(text.tokens[1] == 0x5E74)
  }

  @Test func compositionIgnorablesAndCompatibilityForms() {
    #expect(token("e\u{301}cole") == token("École"))
    #expect(token("inter\u{AD}national") == token("international"))
    #expect(token("ﬁle") == token("file"))
    #expect(token("①") == token("1"))
    #expect(NormalizedText(normalizing: "\u{F900}").tokens == [0x8C48])  // compatibility ideograph
    let era = NormalizedText(normalizing: "㍻")
    #expect(era.tokens == [0x5E73, 0x6210])
    #expect(era.starts == [0, 0] && era.ends == [1, 1])
  }

  @Test func expansionsBeyondOneTokenPerScalarGrowTheOutput() {
    // U+3300 SQUARE APAATO is four katakana after NFKC: 4 tokens from 1 scalar.
    let text = NormalizedText(normalizing: String(repeating: "\u{3300}", count: 50))
    #expect(text.count == 200)
    #expect(text.tokens.prefix(4) == [0x30A2, 0x30D1, 0x30FC, 0x30C8])
    #expect(text.starts[199] == 49 && text.ends[199] == 50)
  }

  @Test func offsetsCountScalarsNotBytes() {
    let text = NormalizedText(normalizing: "é中😀x 𠀀")
    #expect(text.starts == [0, 1, 3, 5])
    #expect(text.ends == [1, 2, 4, 6])
  }

  @Test func emojiAndSupplementaryIdeographs() {
    let text = NormalizedText(normalizing: "😀𠀀a")
    #expect(text.tokens.first == 0x20000)
    #expect(text.starts == [1, 2])
  }

  @Test func scriptsAndFullWidthForms() {
    // Full-width punctuation is dropped, full-width digits join ASCII ones.
    let mixed = NormalizedText(normalizing: "第１２３期（ＧＢ／Ｔ 11643）")
    #expect(mixed.tokens == [0x7B2C, token("123"), 0x671F, token("gb"), token("t"), token("11643")])
    // Kana and Hangul are one token per character; Greek and Cyrillic words are runs, case-folded.
    #expect(NormalizedText(normalizing: "カタカナ한국").count == 6)
    #expect(token("ΑΒΓ") == token("αβγ"))
    #expect(token("Москва") == token("москва"))
    // A combining mark outside a run is dropped; symbols split runs.
    #expect(NormalizedText(normalizing: "中\u{301}").tokens == [0x4E2D])
    #expect(NormalizedText(normalizing: "a+b").count == 2)
  }

  @Test func emptyAndPunctuationOnlyTexts() {
    #expect(NormalizedText(normalizing: "").count == 0)
    #expect(NormalizedText(normalizing: " ，。！？\n\t——").count == 0)
  }

  @Test func serializationRoundTripsAndRejectsCorruption() throws {
    let text = NormalizedText(normalizing: "项目名称：智能制造 Phase 2，㍻ 研发总投入 1,200 万元")
    let bytes = text.serialized()
    #expect(try NormalizedText(serialized: bytes) == text)
    #expect(throws: FingerprintsError.self) { try NormalizedText(serialized: Array(bytes.dropLast())) }
    #expect(throws: FingerprintsError.self) { try NormalizedText(serialized: [1, 2, 3, 4, 5, 6]) }
    var badVersion = bytes
    badVersion[4] = 9
    #expect(throws: FingerprintsError.self) { try NormalizedText(serialized: badVersion) }
  }

  @Test func corruptSerializedDataNeverCrashes() {
    let bytes = NormalizedText(normalizing: "项目 Phase 2：研发总投入 1,200 万元。").serialized()
    for length in 0..<bytes.count {
      #expect(throws: FingerprintsError.self) { try NormalizedText(serialized: Array(bytes.prefix(length))) }
    }
    for index in 5..<bytes.count {
      for flip: UInt8 in [0x80, 0xFF, 0x01] {
        var corrupt = bytes
        corrupt[index] ^= flip
        if let decoded = try? NormalizedText(serialized: corrupt) {
          #expect(decoded.starts.count == decoded.tokens.count)
          #expect(zip(decoded.starts, decoded.ends).allSatisfy { $0 <= $1 })
        }
      }
    }
  }
}

import Pipeline
import Testing

@testable import ChachongCore

/// The fast scanner and Foundation must read every line the same way: same record or same error.
@Test(arguments: [
  #"{"id": "a1", "text": "正文内容"}"#,
  #"{"text":"x","id":"b"}"#,
  #"  {"id" : "c", "text" : "tab\there \"quoted\" back\\slash \/ \b\f\n\r", "program": "前瞻"}  "#,
  #"{"id": "d", "text": "\u4e2d\u6587 \ud83d\ude00 \u00e9"}"#,
  #"{"id": 2024001, "text": "integer id", "year": 2023, "budget": -15}"#,
  #"{"id": "e", "text": "y", "year": 2023.0, "score": 1.5e3}"#,
  #"{"id": "f", "text": "y", "extra": {"nested": true}, "list": [1, 2]}"#,
  #"{"id": "g", "text": "y", "flag": true, "none": null, "year": null}"#,
  #"{"id": "h", "text": 42}"#,
  #"{"id": "", "text": "empty id"}"#,
  #"{"text": "no id"}"#,
  #"{"id": null, "text": "null id"}"#,
  #"{"id": "i", "text": "lone \ud800 surrogate"}"#,
  #"{"id": "j", "text": "bad \q escape"}"#,
  #"{"id": "k", "text": "unterminated}"#,
  #"{"id": "l", "text": "trailing"} x"#,
  #"{"id": "m", "text": "dup", "id": "m2"}"#,
  #"["id", "text"]"#,
  #"{"id": "n", "text": "leading zero", "year": 0123}"#,
  #"{"id": "o", "text": "big", "n": 12345678901234567}"#,
  #"{"id": "p", "text": "y",}"#,
  #"{}"#,
  #"{"id": "q", "text": "nul \u0000 inside"}"#,
  "{\"id\": \"r\", \"text\": \"raw control \u{01} byte\"}",
])
func fastJSONLinesReadLikeFoundation(line: String) {
  let bytes = ArraySlice(Array(line.utf8))
  let fast = Result { () throws(InputFailure) in try JSONLRecord.parse(bytes, location: "f:1") }
  let foundation = Result { () throws(InputFailure) in
    try JSONLRecord.parseWithFoundation(bytes, location: "f:1")
  }
  switch (fast, foundation) {
  case (.success(let a), .success(let b)):
    #expect(a.id == b.id)
    #expect(a.text == b.text)
    #expect(a.metadata == b.metadata)
  case (.failure(let a), .failure(let b)):
    #expect(a.reason == b.reason)
  default:
    Issue.record("fast \(fast) vs Foundation \(foundation)")
  }
}

@Test func fastJSONLinesRejectInvalidUTF8LikeFoundation() {
  let bytes = ArraySlice(Array(#"{"id": "s", "text": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8))
  let fast = Result { () throws(InputFailure) in try JSONLRecord.parse(bytes, location: "f:1") }
  #expect(throws: InputFailure.self) { try fast.get() }
  #expect(Array(bytes).withUnsafeBufferPointer { JSONObjectScanner.scan($0) } == nil)
}

@Test func fastScannerTakesFlatRecordsAndLeavesTheRestToFoundation() {
  func scanned(_ line: String) -> [String]? {
    Array(line.utf8).withUnsafeBufferPointer { JSONObjectScanner.scan($0) }.map { members in
      members.map { member in
        switch member.value {
        case .string(let text): return "\(member.key)=s:\(text)"
        case .number(let digits): return "\(member.key)=i:\(digits)"
        case .null: return "\(member.key)=null"
        }
      }
    }
  }
  #expect(
    scanned(#"{"id": "a", "text": "x\ny", "year": 2023, "n": null}"#) == [
      "id=s:a", "text=s:x\ny", "year=i:2023", "n=null",
    ])
  #expect(scanned(#"{"id": "a", "text": "\u4e2d\ud83d\ude00"}"#) == ["id=s:a", "text=s:中😀"])
  #expect(scanned(#"{"id": "a", "x": {"y": 1}}"#) == nil)
  #expect(scanned(#"{"id": "a", "x": 1.5}"#) == nil)
  #expect(scanned(#"{"id": "a", "x": true}"#) == nil)
}

@Test func fastScannerDecodesEscapesAtEveryOffset() {
  let pieces = ["a", "中", "\"", "\\", "\n", "\t", "/", "\u{01}", "😀", "é", " ", "z9"]
  var seed: UInt64 = 42
  for length in 0..<80 {
    var text = ""
    for _ in 0..<length {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      text += pieces[Int(seed >> 33) % pieces.count]
    }
    var escaped = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case "\n": escaped += "\\n"
      case "\t": escaped += "\\t"
      case "\u{01}": escaped += "\\u0001"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    let line = "{\"id\": \"x\", \"text\": \"\(escaped)\"}"
    let members = Array(line.utf8).withUnsafeBufferPointer { JSONObjectScanner.scan($0) }
    #expect(members?.last?.value == .string(text), "length \(length)")
  }
}

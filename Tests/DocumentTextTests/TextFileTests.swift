import Foundation
import Glibc
import Testing

@testable import DocumentText

@Suite struct TextFileTests {
  let reader = DocumentReader()
  let sample = "一、立项依据\n南通市科技计划项目\r\n二、研究内容\n"

  @Test func utf8WithAndWithoutBOM() throws {
    let plain = try reader.read(data: Array(sample.utf8), name: "a.txt")
    #expect(plain.encoding == "UTF-8")
    #expect(plain.format == .text)
    #expect(TextLayout(plain).text == "一、立项依据\n南通市科技计划项目\n二、研究内容")
    let marked = try reader.read(data: [0xEF, 0xBB, 0xBF] + Array(sample.utf8), name: "b.txt")
    #expect(marked.encoding == "UTF-8 with BOM")
    #expect(TextLayout(marked).text == TextLayout(plain).text)
  }

  @Test func utf16WithBOM() throws {
    let units = Array(sample.utf16)
    let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    let littleDocument = try reader.read(data: little, name: "le.txt")
    let bigDocument = try reader.read(data: big, name: "be.txt")
    #expect(littleDocument.encoding == "UTF-16LE")
    #expect(bigDocument.encoding == "UTF-16BE")
    #expect(TextLayout(littleDocument).text == "一、立项依据\n南通市科技计划项目\n二、研究内容")
    #expect(TextLayout(bigDocument).text == TextLayout(littleDocument).text)
  }

  @Test func gb18030IsDetectedAndReported() throws {
    let bytes = try #require(Self.encode(sample, to: "GB18030"))
    #expect(String(validating: bytes, as: UTF8.self) == nil)
    let document = try reader.read(data: bytes, name: "gbk.txt")
    #expect(document.encoding == "GB18030")
    #expect(TextLayout(document).paragraphs.map(\.text) == ["一、立项依据", "南通市科技计划项目", "二、研究内容"])
    #expect(TextLayout(document).paragraphs.map(\.isHeading) == [true, false, true])
  }

  @Test func textFileStartingWithAnAngleBracketIsText() throws {
    let document = try reader.read(data: Array("<项目名称>\n智能制造".utf8), name: "outline.txt")
    #expect(document.format == .text)
    #expect(TextLayout(document).text == "<项目名称>\n智能制造")
  }

  @Test func undecodableTextIsATypedError() {
    #expect(throws: DocumentReadError(path: "bad.txt", reason: .undecodableText)) {
      try reader.read(data: [0x41, 0xFF, 0xFF, 0x80, 0x42], name: "bad.txt")
    }
  }

  @Test func committedGB18030Fixture() throws {
    let document = try reader.read(path: Fixtures.path("text/application-gb18030.txt"))
    #expect(document.encoding == "GB18030")
    let layout = TextLayout(document)
    #expect(layout.sections.map(\.title) == ["", "一、立项依据", "（一）研究意义", "二、研究内容"])
  }

  static func encode(_ text: String, to encoding: String) -> [UInt8]? {
    guard let descriptor = iconv_open(encoding, "UTF-8"), Int(bitPattern: descriptor) != -1 else {
      return nil
    }
    defer { iconv_close(descriptor) }
    var input = Array(text.utf8).map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: input.count * 2 + 16)
    let capacity = output.count
    var inputLeft = input.count
    var outputLeft = capacity
    let status = input.withUnsafeMutableBufferPointer { inputBuffer in
      output.withUnsafeMutableBufferPointer { outputBuffer in
        var inputPointer = inputBuffer.baseAddress
        var outputPointer = outputBuffer.baseAddress
        return iconv(descriptor, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
      }
    }
    guard status != -1 else { return nil }
    return output[0..<(capacity - outputLeft)].map { UInt8(bitPattern: $0) }
  }
}

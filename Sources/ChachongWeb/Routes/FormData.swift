import Foundation

/// `application/x-www-form-urlencoded` fields (a POST body or a query string): `+` is a space,
/// `%XX` a byte; invalid UTF-8 is replaced. Repeated names keep every value in order.
struct FormFields: Sendable {
  private(set) var pairs: [(String, String)] = []

  init(pairs: [(String, String)]) { self.pairs = pairs }

  init(encoded: String) {
    for part in encoded.split(separator: "&", omittingEmptySubsequences: true) {
      let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = Self.decode(halves[0])
      let value = halves.count > 1 ? Self.decode(halves[1]) : ""
      pairs.append((name, value))
    }
  }

  subscript(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

  func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

  /// The first value of each name.
  var dictionary: [String: String] {
    var result: [String: String] = [:]
    for (name, value) in pairs where result[name] == nil { result[name] = value }
    return result
  }

  static func decode(_ text: Substring) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
      switch byte {
      case UInt8(ascii: "+"): bytes.append(0x20)
      case UInt8(ascii: "%"):
        guard let high = iterator.next() else {
          bytes.append(byte)
          break
        }
        guard let low = iterator.next() else {
          bytes += [byte, high]
          break
        }
        if let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
          bytes.append(value)
        } else {
          bytes += [byte, high, low]
        }
      default: bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// One part of a `multipart/form-data` body: a field, or a file whose bytes were written to
/// `path` (a scratch file the caller deletes).
struct MultipartPart: Sendable {
  var name: String
  /// The file name the browser sent, as given (see ``SafeFileName``); nil for a plain field.
  var fileName: String?
  var value: String
  var path: String?
  var size: Int
}

/// Why an upload was refused.
struct UploadError: Error, Sendable {
  var status: Int
  var message: String
}

/// Parses a `multipart/form-data` body already stored in a file (memory-mapped, so a large
/// upload is not read into memory); each file part is written to a scratch file of its own.
enum MultipartParser {
  static let maximumParts = 5000
  static let maximumFieldBytes = 64 << 10

  static func boundary(contentType: String) -> String? {
    guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
    for parameter in contentType.split(separator: ";").dropFirst() {
      let trimmed = parameter.trimmingCharacters(in: .whitespaces)
      if trimmed.lowercased().hasPrefix("boundary=") {
        var value = String(trimmed.dropFirst("boundary=".count))
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
          value = String(value.dropFirst().dropLast())
        }
        return value.isEmpty || value.utf8.count > 200 ? nil : value
      }
    }
    return nil
  }

  /// The parts of the body in `bodyPath`; file parts over `maximumFileBytes` are refused.
  static func parse(bodyPath: String, boundary: String, scratchDirectory: String, maximumFileBytes: Int)
    throws(UploadError) -> [MultipartPart]
  {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: bodyPath), options: .alwaysMapped)
    } catch {
      throw UploadError(status: 400, message: "the upload could not be read")
    }
    let delimiter = Data("--\(boundary)".utf8)
    let separator = Data("\r\n\r\n".utf8)
    guard var cursor = data.range(of: delimiter)?.upperBound else {
      throw UploadError(status: 400, message: "not a multipart body")
    }
    var parts: [MultipartPart] = []
    let nextDelimiter = Data("\r\n--\(boundary)".utf8)
    while cursor < data.endIndex {
      // After a delimiter: "--" ends the body, CRLF starts a part.
      if data[cursor...].starts(with: Data("--".utf8)) { break }
      guard data[cursor...].starts(with: Data("\r\n".utf8)) else {
        throw UploadError(status: 400, message: "malformed multipart body")
      }
      let headerStart = cursor + 2
      guard
        let headerEnd = data.range(of: separator, in: headerStart..<min(data.endIndex, headerStart + 16384))
      else {
        throw UploadError(status: 400, message: "malformed multipart part headers")
      }
      let headers = String(decoding: data[headerStart..<headerEnd.lowerBound], as: UTF8.self)
      guard let end = data.range(of: nextDelimiter, in: headerEnd.upperBound..<data.endIndex) else {
        throw UploadError(status: 400, message: "the upload ended early")
      }
      let content = data[headerEnd.upperBound..<end.lowerBound]
      cursor = end.upperBound
      guard parts.count < maximumParts else { throw UploadError(status: 413, message: "too many parts") }
      let (name, fileName) = disposition(headers)
      guard let name else { continue }
      if let fileName {
        if fileName.isEmpty && content.isEmpty { continue }  // an empty file input
        guard content.count <= maximumFileBytes else {
          throw UploadError(
            status: 413, message: "\(SafeFileName.make(fileName)) is larger than \(maximumFileBytes >> 20) MB"
          )
        }
        let path = scratchDirectory + "/web-part-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: path, contents: content) else {
          throw UploadError(status: 500, message: "cannot store the upload")
        }
        parts.append(
          MultipartPart(name: name, fileName: fileName, value: "", path: path, size: content.count))
      } else {
        guard content.count <= maximumFieldBytes else {
          throw UploadError(status: 413, message: "field \(name) is too long")
        }
        parts.append(
          MultipartPart(
            name: name, fileName: nil, value: String(decoding: content, as: UTF8.self), path: nil,
            size: content.count))
      }
    }
    return parts
  }

  /// `name` and `filename` of a part's Content-Disposition (`filename*=UTF-8''…` too).
  static func disposition(_ headers: String) -> (name: String?, fileName: String?) {
    for line in headers.split(separator: "\r\n") {
      let lower = line.lowercased()
      guard lower.hasPrefix("content-disposition:") else { continue }
      var name: String?
      var fileName: String?
      for item in splitParameters(String(line.dropFirst("content-disposition:".count))) {
        let pieces = item.split(separator: "=", maxSplits: 1)
        guard pieces.count == 2 else { continue }
        let key = pieces[0].trimmingCharacters(in: .whitespaces).lowercased()
        var value = pieces[1].trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
          value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        switch key {
        case "name": name = value
        case "filename": if fileName == nil { fileName = value }
        case "filename*":
          if let range = value.range(of: "''") {
            fileName = FormFields.decode(
              Substring(value[range.upperBound...]).replacingOccurrences(of: "+", with: "%2B")[...])
          }
        default: break
        }
      }
      return (name, fileName)
    }
    return (nil, nil)
  }

  /// Splits `a; b="x;y"; c` at semicolons outside quotes.
  private static func splitParameters(_ text: String) -> [String] {
    var items: [String] = []
    var current = ""
    var quoted = false
    for character in text {
      if character == "\"" { quoted.toggle() }
      if character == ";" && !quoted {
        items.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    items.append(current)
    return items
  }
}

/// A file name from an upload made safe to store and show: only its last path component
/// (`../../etc/passwd` → `passwd`, `C:\a\b.docx` → `b.docx`), no control characters, no leading
/// dots, at most 200 characters; an empty result becomes `upload`.
enum SafeFileName {
  static func make(_ raw: String) -> String {
    let unified = raw.replacingOccurrences(of: "\\", with: "/")
    let last = unified.split(separator: "/").last.map(String.init) ?? ""
    var cleaned = String(
      last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != ":" }.map(Character.init))
    while cleaned.hasPrefix(".") { cleaned.removeFirst() }
    cleaned = String(cleaned.prefix(200)).trimmingCharacters(in: .whitespaces)
    return cleaned.isEmpty ? "upload" : cleaned
  }
}

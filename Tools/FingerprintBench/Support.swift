import Foundation

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// `--name value` pairs.
struct Options {
  private var values: [String: String] = [:]

  init(_ arguments: [String]) {
    var index = 0
    while index < arguments.count {
      let key = arguments[index]
      if key.hasPrefix("--"), index + 1 < arguments.count {
        values[String(key.dropFirst(2))] = arguments[index + 1]
        index += 2
      } else {
        index += 1
      }
    }
  }

  func string(_ name: String) -> String? { values[name] }

  func required(_ name: String) throws -> String {
    guard let value = values[name] else { throw BenchError("missing --\(name)") }
    return value
  }

  func int(_ name: String, default value: Int) -> Int { values[name].flatMap { Int($0) } ?? value }

  func double(_ name: String, default value: Double) -> Double {
    values[name].flatMap { Double($0) } ?? value
  }

  func ints(_ name: String, default value: [Int]) -> [Int] {
    values[name].map { $0.split(separator: ",").compactMap { Int($0) } } ?? value
  }
}

struct Document {
  var id: String
  var text: String
}

enum CorpusFile {
  /// `{"id", "text"}` per line; texts are made native contiguous UTF-8 so the timed code sees what a
  /// freshly read file gives it.
  static func documents(path: String, limit: Int = .max) throws -> [Document] {
    var documents: [Document] = []
    for line in try lines(path) {
      guard documents.count < limit else { break }
      guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any],
        let id = object["id"] as? String, let text = object["text"] as? String
      else { throw BenchError("\(path): line without id/text") }
      var native = String(decoding: Array(text.utf8), as: UTF8.self)
      native.makeContiguousUTF8()
      documents.append(Document(id: id, text: native))
    }
    return documents
  }

  static func lines(_ path: String) throws -> [Data] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw BenchError("\(path): cannot read")
    }
    var lines: [Data] = []
    data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
      var start = 0
      for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
        if index > start { lines.append(Data(bytes[start..<index])) }
        start = index + 1
      }
    }
    return lines
  }

  static func jsonObjects(path: String) throws -> [[String: Any]] {
    try lines(path).map { line in
      guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any]
      else { throw BenchError("\(path): not a JSON object per line") }
      return object
    }
  }
}

enum Clock {
  static func seconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  /// CPU time of this process (user + system).
  static func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

func printLine(_ text: String) {
  FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

import Foundation

/// Reading a whole input file with the checks every reader shares: it exists, is not a folder,
/// and is not larger than the limits allow (checked before reading, so a huge file is refused
/// without being loaded).
public enum InputFile {
  public static func bytes(atPath path: String, limits: ReadLimits = .standard) throws(DocumentReadError)
    -> [UInt8]
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DocumentReadError(path: path, reason: .fileNotFound)
    }
    if isDirectory.boolValue { throw DocumentReadError(path: path, reason: .unreadable("is a directory")) }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if size > limits.maxEntryBytes {
      throw DocumentReadError(path: path, reason: .tooLarge("\(size) bytes, limit \(limits.maxEntryBytes)"))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DocumentReadError(path: path, reason: .unreadable("permission denied or I/O error"))
    }
    return [UInt8](data)
  }
}

import Foundation
import ZIPFoundation

/// Builds zip containers in memory for the tests.
enum ZipBuilder {
  static func zip(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
    let archive = try Archive(accessMode: .create)
    for (name, bytes) in entries {
      let data = Data(bytes)
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
        provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }
    return [UInt8](archive.data ?? Data())
  }

  /// A minimal .docx: package relationships to `mainName`, plus the given parts.
  static func docx(
    document: [UInt8], mainName: String = "word/document.xml",
    mainRelationships: [(id: String, type: String, target: String)] = [], parts: [(String, [UInt8])] = []
  ) throws -> [UInt8] {
    var entries: [(String, [UInt8])] = [
      ("_rels/.rels", WordXML.relationships([("rId1", "officeDocument", mainName)])),
      (mainName, document),
    ]
    if !mainRelationships.isEmpty {
      let directory = (mainName as NSString).deletingLastPathComponent
      let file = (mainName as NSString).lastPathComponent
      entries.append(("\(directory)/_rels/\(file).rels", WordXML.relationships(mainRelationships)))
    }
    return try zip(entries + parts)
  }
}

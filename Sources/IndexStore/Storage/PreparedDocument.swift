import Fingerprints
import Foundation

/// The stored form of one document, computed outside the write transaction.
struct PreparedDocument {
  let metadata: DocumentMetadata
  let tokenCount: Int
  let shingleCount: Int
  let signature: [UInt8]
  let bandKeys: [UInt64]
  let fingerprints: [UInt64]
  let sectionKeys: [UInt64]
  let compressedText: [UInt8]
  let sectionsJSON: String
  let extraJSON: String

  init(
    _ document: IndexedDocument, parameters: IndexParameters, hasher: MinHasher,
    compressor: Zstandard.Compressor, directory: String
  ) throws(IndexError) {
    metadata = document.metadata
    let fingerprint = document.fingerprint
    tokenCount = fingerprint.normalized.count
    // Shingle positions, not distinct shingles: a hash set per document costs more than the rest
    // of the preparation.
    shingleCount = fingerprint.shingleHashes.count
    signature = fingerprint.signature.serialized()
    bandKeys = parameters.lsh.bandKeys(of: fingerprint.signature)
    fingerprints =
      parameters.granularity.window > 0
      ? Winnower.fingerprints(of: fingerprint.shingleHashes, window: parameters.granularity.window)
      : []
    sectionKeys = SectionSignatures.bandKeys(
      of: fingerprint, sections: document.metadata.sections, parameters: parameters, hasher: hasher)
    var text = document.text
    guard let compressed = text.withUTF8({ compressor.compress($0) }) else {
      throw IndexError(path: directory, reason: .storage("cannot compress text of \(metadata.id)"))
    }
    compressedText = compressed
    do {
      sectionsJSON = try encode(metadata.sections)
      extraJSON = try encode(metadata.extra)
    } catch {
      throw IndexError(path: directory, reason: .storage("cannot encode metadata of \(metadata.id)"))
    }
  }
}

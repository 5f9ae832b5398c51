import ChachongModel
import Fingerprints
import Foundation

/// The stored form of one document, computed outside the write transaction: signatures, band
/// keys and the compressed text, without the per-token arrays of its fingerprint (an ingest
/// batch of prepared documents takes a tenth of the memory of the documents themselves).
public struct StorableDocument: Sendable {
  package let metadata: DocumentRecord
  package let tokenCount: Int
  package let shingleCount: Int
  package let signature: [UInt8]
  package let bandKeys: [UInt64]
  package let fingerprints: [UInt64]
  package let sectionKeys: [UInt64]
  package let compressedText: [UInt8]
  /// The (masked) text itself instead of `compressedText`, for a store in memory that would only
  /// decompress it again (`DocumentPreparer.prepareInMemory`); nil for every stored form.
  package private(set) var plainText: String?
  package let sectionsJSON: String
  package let extraJSON: String

  package var id: String { metadata.id }

  /// Bytes held, roughly: what an ingest batch counts to bound its memory.
  package var heldBytes: Int {
    compressedText.count + signature.count + 8 * (bandKeys.count + fingerprints.count + sectionKeys.count)
      + sectionsJSON.utf8.count + extraJSON.utf8.count + 512
  }

  /// A document exactly as a store kept it (copying between stores: `chachong migrate`).
  package init(
    metadata: DocumentRecord, tokenCount: Int, shingleCount: Int, signature: [UInt8], bandKeys: [UInt64],
    fingerprints: [UInt64], sectionKeys: [UInt64], compressedText: [UInt8], sectionsJSON: String,
    extraJSON: String
  ) {
    self.metadata = metadata
    self.tokenCount = tokenCount
    self.shingleCount = shingleCount
    self.signature = signature
    self.bandKeys = bandKeys
    self.fingerprints = fingerprints
    self.sectionKeys = sectionKeys
    self.compressedText = compressedText
    self.sectionsJSON = sectionsJSON
    self.extraJSON = extraJSON
  }

  package init(
    _ document: IndexedDocument, parameters: IndexParameters, hasher: MinHasher,
    compressor: Zstandard.Compressor?, directory: String
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
      parameters.granularity.storesPassageFingerprints
      ? Winnower.fingerprints(of: fingerprint.shingleHashes, window: parameters.granularity.window)
      : []
    if let signatures = document.sectionSignatures {
      sectionKeys = SectionSignatures.bandKeys(of: signatures, parameters: parameters)
    } else {
      sectionKeys = SectionSignatures.bandKeys(
        of: fingerprint, sections: document.metadata.sections, parameters: parameters, hasher: hasher)
    }
    // Stored texts never hold an ID number: masking keeps the length, so sections stay right.
    var text = IdentityKey.maskingIDNumbers(in: document.text)
    if let compressor {
      guard let compressed = text.withUTF8({ compressor.compress($0) }) else {
        throw IndexError(path: directory, reason: .storage("cannot compress text of \(metadata.id)"))
      }
      compressedText = compressed
    } else {
      compressedText = []
      plainText = text
    }
    do {
      sectionsJSON = try encode(metadata.sections)
      extraJSON = try encode(metadata.extra)
    } catch {
      throw IndexError(path: directory, reason: .storage("cannot encode metadata of \(metadata.id)"))
    }
  }
}

/// Prepares documents for ``DocumentIndex/upsert(prepared:)`` with this index's parameters.
/// Holds compression state, so use one per thread.
public final class DocumentPreparer {
  private let parameters: IndexParameters
  private let hasher: MinHasher
  private let directory: String
  private let compressor = Zstandard.Compressor(level: StoredText.level)

  package init(parameters: IndexParameters, hasher: MinHasher, directory: String) {
    self.parameters = parameters
    self.hasher = hasher
    self.directory = directory
  }

  /// A preparer for a store with these parameters; `location` names the store in errors.
  package convenience init(parameters: IndexParameters, location: String) {
    self.init(
      parameters: parameters, hasher: MinHasher(parameters: parameters.fingerprint), directory: location)
  }

  package func prepare(_ document: IndexedDocument) throws(IndexError) -> StorableDocument {
    try StorableDocument(
      document, parameters: parameters, hasher: hasher, compressor: compressor, directory: directory)
  }

  /// The same stored form with the text uncompressed, for ``MemoryArchive`` only (a check's batch
  /// store: compressing and decompressing every application was a twentieth of the check).
  package func prepareInMemory(_ document: IndexedDocument) throws(IndexError) -> StorableDocument {
    try StorableDocument(
      document, parameters: parameters, hasher: hasher, compressor: nil, directory: directory)
  }
}
